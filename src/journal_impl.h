/*
 * journal_impl.h - what the journal's writer (journal.c) and reader
 * (journal_read.c) share: the entry format and its checksum.  Not for
 * other modules.
 */
#ifndef TORIKUMI_JOURNAL_IMPL_H
#define TORIKUMI_JOURNAL_IMPL_H

#include <stdint.h>

#include "journal.h"

#define JOURNAL_MAGIC "torikumi-journal-1"

/* CRC-32 (IEEE 802.3, as zlib) of p[0..n). */
uint32_t journal_crc32(const char *p, size_t n);
/* Append the header / a change entry numbered seq, each closed by its checksum. */
void journal_format_header(struct strbuf *sb, const struct journal_header *h);
void journal_format_change(struct strbuf *sb, unsigned long long seq, const struct journal_change *c);
void journal_header_free(struct journal_header *h);
/* The entry's word for an item operation: add, ins, rmi, swp. */
const char *journal_item_op_word(enum journal_op op);
void journal_change_free(struct journal_change *c);

#endif
