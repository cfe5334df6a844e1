/*
 * search_impl.h - inside the search module (search.c, search_match.c):
 * the byte matcher that scans folded text.  Not for other modules.
 */
#ifndef TORIKUMI_SEARCH_IMPL_H
#define TORIKUMI_SEARCH_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEARCH_NONE ((size_t)-1)

/*
 * Finds a needle by first looking for its two rarest bytes (by a byte
 * frequency table of the text) 32 or 16 positions at a time, then
 * comparing the whole needle there.  The needle is borrowed.
 */
struct search_matcher {
    const char *needle;
    size_t len;
    size_t i, j;        /* positions of the two rarest bytes (i == j for one byte) */
    int simd;           /* 2 AVX2, 1 SSE2, 0 none */
};

void search_matcher_init(struct search_matcher *m, const char *needle, size_t len,
                         const uint64_t freq[256]);
/*
 * The first match that starts in [from, to) and ends by buflen, in
 * buf[0..buflen); SEARCH_NONE when there is none.
 */
size_t search_matcher_find(const struct search_matcher *m, const char *buf, size_t buflen,
                           size_t from, size_t to);

#endif
