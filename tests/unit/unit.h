/*
 * unit.h - what every cmocka unit test includes.  Tests live in
 * tests/unit/test_<module>.c, one per module, and link against
 * build/libtorikumi.a; extra link flags go in tests/unit/test_<module>.ldflags.
 */
#ifndef TORIKUMI_UNIT_H
#define TORIKUMI_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* Repository root relative paths work because tests run from the top directory. */
#define TEST_SEED "tests/data/seed.txt"

#endif
