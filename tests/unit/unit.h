/*
 * unit.h - what every cmocka unit test includes.  Tests live in
 * tests/unit/test_<module>.c, one per module, and link against
 * build/libtorikumi.a and tests/unit/unit.c (the helpers below); extra link
 * flags go in tests/unit/test_<module>.ldflags.
 */
#ifndef TORIKUMI_UNIT_H
#define TORIKUMI_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

struct form;
struct sheet;

/* Repository root relative paths work because tests run from the top directory. */
#define TEST_SEED "tests/data/seed.txt"
#define TEST_SAMPLE "sample-data/taisho-h29.rec"

/*
 * How many rounds a random or exhaustive loop runs: FULL under
 * `make check-long` (TORIKUMI_TEST_LONG=1), a tenth of it (at least 1)
 * under `make check`.  Every case still runs; only the repetitions shrink.
 */
long unit_rounds(long full);

/*
 * A fresh directory under $TMPDIR (or /tmp) named after WHAT; the path is
 * written to DIR (PATH_MAX bytes).  0, or -1 when it could not be made.
 */
int unit_tmpdir(char *dir, size_t size, const char *what);
/* Remove PATH and everything under it; 0 or -1. */
int unit_rm_tree(const char *path);
/* The pid of a process that has ended (forked, exited, waited for): a dead editor's. */
long unit_dead_pid(void);

/* The whole file, NUL-terminated; *LEN (if not NULL) gets its length.  Fails the test when unreadable. */
char *unit_slurp(const char *path, size_t *len);
/* Write TEXT to PATH (created or truncated); fails the test on error. */
void unit_write_file(const char *path, const char *text);

/*
 * Parse TEXT as a sheet with the built-in form; the test fails (with the
 * parser's message) when it does not parse.  sheet_free() the result.
 */
struct sheet *unit_parse_sheet(const char *text);
/*
 * A kaikaku-2.0 sheet of ward WARD, fiscal year 2017, whose item records
 * are ITEMS (rec text after the "%rec: Initiative" line); parsed as above.
 */
struct sheet *unit_ward_sheet(const char *ward, const char *items);
/* The same for fiscal year YEAR. */
struct sheet *unit_ward_year_sheet(const char *ward, int year, const char *items);

/* DIR/NAME in a static buffer, one of four used in turn (so a call may take two or three). */
char *unit_path(const char *dir, const char *name);

/*
 * The built-in form for a whole group of tests: run the group with
 * cmocka_run_group_tests(tests, unit_builtin_form_setup, unit_form_teardown)
 * and read unit_form.
 */
extern struct form *unit_form;
int unit_builtin_form_setup(void **state);
int unit_form_teardown(void **state);

#endif
