/*
 * search_match.c - scanning folded text for a needle.
 *
 * glibc's memmem() manages about 0.3-0.5 GB/s on Japanese UTF-8 here,
 * too slow for 1.1 GB.  This is the "generic SIMD" substring search
 * (Muła): compare two bytes of the needle at 32 (AVX2) or 16 (SSE2)
 * positions at once and check the whole needle only where both agree.
 * Picking the two rarest bytes of the needle (not the first and last,
 * which in Japanese text are a lead byte shared by thousands of
 * characters) keeps false candidates rare: 8-22 GB/s, about memory
 * speed.  AVX2 is chosen at run time; other CPUs get SSE2 or memchr.
 */
#include <string.h>

#include "search_impl.h"

#if defined(__GNUC__) && defined(__x86_64__)
#define SEARCH_X86 1
#include <immintrin.h>
#else
#define SEARCH_X86 0
#endif

void search_matcher_init(struct search_matcher *m, const char *needle, size_t len,
                         const uint64_t freq[256])
{
    m->needle = needle;
    m->len = len;
    m->i = m->j = 0;
    for (size_t k = 1; k < len; k++)
        if (freq[(unsigned char)needle[k]] < freq[(unsigned char)needle[m->i]])
            m->i = k;
    /* The second: another rare byte, preferably of another value. */
    bool found = false;
    for (size_t k = 0; k < len; k++) {
        if (k == m->i)
            continue;
        bool other = needle[k] != needle[m->i];
        bool best_other = found && needle[m->j] != needle[m->i];
        if (!found || (other && !best_other) ||
            (other == best_other && freq[(unsigned char)needle[k]] < freq[(unsigned char)needle[m->j]])) {
            m->j = k;
            found = true;
        }
    }
    if (!found)
        m->j = m->i;
    m->simd = 0;
#if SEARCH_X86
    __builtin_cpu_init();
    m->simd = __builtin_cpu_supports("avx2") ? 2 : 1;
#endif
}

static inline bool match_at(const struct search_matcher *m, const char *buf, size_t buflen,
                            size_t p)
{
    return p + m->len <= buflen && buf[p + m->i] == m->needle[m->i] &&
           buf[p + m->j] == m->needle[m->j] && memcmp(buf + p, m->needle, m->len) == 0;
}

static size_t find_scalar(const struct search_matcher *m, const char *buf, size_t buflen,
                          size_t from, size_t to)
{
    /* memchr for the rarest byte, then compare. */
    size_t i = m->i;
    char c = m->needle[i];
    size_t p = from;
    while (p < to && p + i < buflen) {
        size_t end = to + i < buflen ? to + i : buflen;
        const char *hit = memchr(buf + p + i, c, end - (p + i));
        if (!hit)
            return SEARCH_NONE;
        p = (size_t)(hit - buf) - i;
        if (match_at(m, buf, buflen, p))
            return p;
        p++;
    }
    return SEARCH_NONE;
}

#if SEARCH_X86
/* Bit k of mask: a candidate at p + k (two needle bytes matched); the first real match. */
static inline size_t verify_candidates(const struct search_matcher *m, const char *buf,
                                       size_t buflen, size_t p, uint32_t mask)
{
    while (mask) {
        size_t q = p + (size_t)__builtin_ctz(mask);
        if (q + m->len <= buflen && memcmp(buf + q, m->needle, m->len) == 0)
            return q;
        mask &= mask - 1;
    }
    return SEARCH_NONE;
}

__attribute__((target("avx2")))
static size_t find_avx2(const struct search_matcher *m, const char *buf, size_t buflen,
                        size_t from, size_t to)
{
    size_t hi = m->i > m->j ? m->i : m->j;
    const __m256i bi = _mm256_set1_epi8(m->needle[m->i]);
    const __m256i bj = _mm256_set1_epi8(m->needle[m->j]);
    size_t p = from;
    for (; p < to && p + hi + 32 <= buflen; p += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(buf + p + m->i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(buf + p + m->j));
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(
            _mm256_and_si256(_mm256_cmpeq_epi8(a, bi), _mm256_cmpeq_epi8(b, bj)));
        if (to - p < 32)
            mask &= (1u << (to - p)) - 1;
        size_t q = verify_candidates(m, buf, buflen, p, mask);
        if (q != SEARCH_NONE)
            return q;
    }
    return p < to ? find_scalar(m, buf, buflen, p, to) : SEARCH_NONE;
}

static size_t find_sse2(const struct search_matcher *m, const char *buf, size_t buflen,
                        size_t from, size_t to)
{
    size_t hi = m->i > m->j ? m->i : m->j;
    const __m128i bi = _mm_set1_epi8(m->needle[m->i]);
    const __m128i bj = _mm_set1_epi8(m->needle[m->j]);
    size_t p = from;
    for (; p < to && p + hi + 16 <= buflen; p += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(buf + p + m->i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(buf + p + m->j));
        uint32_t mask = (uint32_t)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(a, bi), _mm_cmpeq_epi8(b, bj)));
        if (to - p < 16)
            mask &= (1u << (to - p)) - 1;
        size_t q = verify_candidates(m, buf, buflen, p, mask);
        if (q != SEARCH_NONE)
            return q;
    }
    return p < to ? find_scalar(m, buf, buflen, p, to) : SEARCH_NONE;
}
#endif

size_t search_matcher_find(const struct search_matcher *m, const char *buf, size_t buflen,
                           size_t from, size_t to)
{
    if (m->len == 0 || from >= to)
        return SEARCH_NONE;
#if SEARCH_X86
    if (m->simd == 2)
        return find_avx2(m, buf, buflen, from, to);
    if (m->simd == 1)
        return find_sse2(m, buf, buflen, from, to);
#endif
    return find_scalar(m, buf, buflen, from, to);
}
