/*
 * rules_impl.h - what the rules' modules share (rules.c: items and the
 * header's fields; rules_file.c: the file's record sets, descriptors and
 * header values as recutils reads them).  Not for other modules.
 */
#ifndef TORIKUMI_RULES_IMPL_H
#define TORIKUMI_RULES_IMPL_H

#include <stdint.h>

#include "rules.h"

/* Append a problem (severity from its code) and return it for the details. */
struct problem *rules_add(struct problem_list *pl, enum problem_code code, long item,
                          int field, long line);
/* Copy up to 40 bytes of s into p->detail, escaping anything unsafe. */
void rules_set_detail(struct problem *p, const char *s, size_t n);
/* The first control character of a one-line value (a line break counts): column (1-based) and cp. */
bool rules_find_control(const char *v, size_t n, long *col, uint32_t *cp);

/* The header's Ward and Title (one line, no control characters), its fields once (rules_file.c). */
void rules_check_header_values(const struct sheet *s, struct problem_list *out);
/* The messages of the problems rules_check_file() and the choice checks report. */
void rules_file_message(const struct form *f, const struct problem *p, struct strbuf *out);

#endif
