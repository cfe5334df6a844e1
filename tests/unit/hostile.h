/*
 * hostile.h - texts that are hard to lay out, of any size: shared by the
 * unit test of textlayout (correctness) and bench/layout_cost.c (time per
 * byte must not grow with the size).
 */
#ifndef TORIKUMI_HOSTILE_H
#define TORIKUMI_HOSTILE_H

#include "util.h"

#define LAYOUT_HOSTILE_KINDS 10

/* A text of at least SIZE bytes of one hostile kind (0 .. LAYOUT_HOSTILE_KINDS-1). */
static inline char *layout_hostile_text(int kind, size_t size, size_t *len)
{
    static const char *const units[LAYOUT_HOSTILE_KINDS] = {
        "\xe3\x81\x82",                         /* あ, no newline at all */
        "\xe3\x80\x82",                         /* 。 (kinsoku on every row) */
        "\xcc\x81",                             /* one cluster of combining marks */
        "\xe2\x80\x8d\n",                       /* ZWJ, newline */
        "\xe2\x80\x8b",                         /* zero-width spaces */
        "a",                                    /* one endless word */
        "a\xe2\x80\x8d",                        /* one endless ZWJ cluster */
        "\t",
        "\xff",
        "x abcdefghijklmnopqrstuvwxyz",         /* word moves on every row */
    };
    struct strbuf sb = STRBUF_INIT;
    if (kind == 2)
        strbuf_addch(&sb, 'a');
    while (sb.len < size)
        strbuf_addstr(&sb, units[kind]);
    return strbuf_detach(&sb, len);
}

#endif
