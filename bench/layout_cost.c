/*
 * layout_cost.c - the cost of laying out text (make bench): 4,000
 * characters of prose, and each hostile kind at 1 MB and 10 MB.  Prints a
 * Markdown table; "ratio" is the 10 MB time over the 1 MB time, which stays
 * near 10 when the layout is linear (100 would be quadratic).
 *
 *   build/bench/layout_cost
 */
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <time.h>

#include "hostile.h"
#include "textlayout.h"

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double time_layout(const char *s, size_t n, int width, int runs)
{
    struct layout lay = LAYOUT_INIT;
    layout_text(&lay, s, n, width);             /* warm: memory already grown */
    double t0 = now_sec();
    for (int i = 0; i < runs; i++)
        layout_text(&lay, s, n, width);
    double t = (now_sec() - t0) / runs;
    layout_free(&lay);
    return t;
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    printf("| text | 1 MB (ms) | 10 MB (ms) | ratio |\n|---|---:|---:|---:|\n");
    for (int kind = 0; kind < LAYOUT_HOSTILE_KINDS; kind++) {
        size_t ns, nb;
        char *small = layout_hostile_text(kind, 1u << 20, &ns);
        char *big = layout_hostile_text(kind, 10u << 20, &nb);
        double ts = time_layout(small, ns, 40, 3), tb = time_layout(big, nb, 40, 1);
        printf("| hostile %d | %.1f | %.1f | %.1f |\n", kind, ts * 1e3, tb * 1e3, tb / ts);
        free(small);
        free(big);
    }
    return 0;
}
