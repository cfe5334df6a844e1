/*
 * search_bench.c - what searching (src/search.c) and the overview table
 * (src/overview.c) cost on many big sheets, measured in one process.
 *
 *   search_bench [-q NAME=QUERY]... [-c NAME]... FILE...
 *
 * Loads every FILE read-only, then prints "key value" lines (times in ms,
 * memory in MB of resident set size) that bench/search.sh turns into
 * tables:
 *   load, rss.loaded                  loading the sheets
 *   overview.build, .select, .sort... the overview table (one rules check per item)
 *   cold.NAME                         (-c NAME) first search of a fresh search object,
 *                                     nothing built yet (builds the sheets it reaches)
 *   build, rss.built, search.memory   folding every sheet (search_prepare in 10 ms
 *                                     slices: .steps, longest .maxstep); what search holds
 *   NAME.first / .next / .prev        search_next from the first item / the next hit /
 *                                     search_prev from the first item (wraps to the end)
 *   NAME.where                        sheet:item of the first hit (or "none")
 *   NAME.count, .hits, .steps, .maxstep   a full count in 10 ms steps; its longest step
 *                                     (wall, and CPU: .maxstep.cpu)
 *   NAME.rank                         search_rank of the first hit after the count
 *   NAME.nosig.first / .count         the same without the signatures (pure scan)
 * Each search figure is the median of 5 runs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "overview.h"
#include "search.h"
#include "sheet.h"
#include "util.h"

#define RUNS 5
#define MAX_QUERIES 16

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double rss_mb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double mb = -1;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            mb = atof(line + 6) / 1024.0;
    if (f)
        fclose(f);
    return mb;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct query {
    const char *name, *text;
    bool cold;
};

static const struct search_pos START = { 0, 0, -1, 0 };

static void bench_query(struct search *se, const struct query *q, bool sig)
{
    const char *suffix = sig ? "" : ".nosig";
    search_use_signatures(se, sig);
    double t[RUNS], t2[RUNS], t3[RUNS];
    struct search_hit hit, hit2;
    bool found = false;
    for (int r = 0; r < RUNS; r++) {
        search_set_query(se, q->text, strlen(q->text));
        double t0 = now_ms();
        found = search_next(se, &START, true, &hit);
        t[r] = now_ms() - t0;
        t0 = now_ms();
        if (found)
            search_next(se, &hit.pos, false, &hit2);
        t2[r] = now_ms() - t0;
        t0 = now_ms();
        search_prev(se, &START, &hit2);
        t3[r] = now_ms() - t0;
    }
    printf("%s%s.first %.3f\n", q->name, suffix, median(t, RUNS));
    if (!sig) {
        /* Counting without signatures: one run (it takes long). */
        search_set_query(se, q->text, strlen(q->text));
        double t0 = now_ms();
        while (!search_count_step(se, 1000000))
            ;
        printf("%s%s.count %.3f\n", q->name, suffix, now_ms() - t0);
        search_use_signatures(se, true);
        return;
    }
    if (found)
        printf("%s.next %.3f\n", q->name, median(t2, RUNS));
    printf("%s.prev %.3f\n", q->name, median(t3, RUNS));
    if (found)
        printf("%s.where %zu:%zu\n", q->name, hit.pos.sheet + 1, hit.pos.item + 1);
    else
        printf("%s.where none\n", q->name);
    size_t steps = 0, hits = 0;
    double maxstep = 0, maxstep_cpu = 0, total[RUNS], cpu[RUNS];
    for (int r = 0; r < RUNS; r++) {
        search_set_query(se, q->text, strlen(q->text));
        double t0 = now_ms(), c0 = cpu_ms();
        bool done = false;
        steps = 0;
        while (!done) {
            double s0 = now_ms(), sc0 = thread_cpu_ms();
            done = search_count_step(se, 10000);
            double d = now_ms() - s0, dc = thread_cpu_ms() - sc0;
            if (d > maxstep)
                maxstep = d;
            if (dc > maxstep_cpu)
                maxstep_cpu = dc;
            steps++;
        }
        total[r] = now_ms() - t0;
        cpu[r] = cpu_ms() - c0;
        hits = search_count(se);
    }
    printf("%s.count %.3f\n%s.count.cpu %.3f\n%s.hits %zu\n%s.steps %zu\n%s.maxstep %.3f\n"
           "%s.maxstep.cpu %.3f\n", q->name, median(total, RUNS), q->name, median(cpu, RUNS),
           q->name, hits, q->name, steps, q->name, maxstep, q->name, maxstep_cpu);
    if (found) {
        double t0 = now_ms();
        size_t rank = search_rank(se, &hit);
        printf("%s.rank %zu\n%s.ranktime %.3f\n", q->name, rank, q->name, now_ms() - t0);
    }
}

static void bench_overview(struct sheet **sheets, size_t n)
{
    struct error e;
    double t0 = now_ms(), c0 = cpu_ms();
    struct overview *ov = overview_build(sheets, n, &e);
    if (!ov) {
        fprintf(stderr, "search_bench: overview: %s\n", e.msg);
        exit(2);
    }
    printf("overview.build %.3f\noverview.build.cpu %.3f\noverview.rows %zu\n", now_ms() - t0,
           cpu_ms() - c0, overview_n_rows(ov));
    struct overview_filter all = OVERVIEW_FILTER_ALL, problems = OVERVIEW_FILTER_ALL;
    problems.problems_only = true;
    struct overview_counts counts;
    size_t *sel, n_sel;
    t0 = now_ms();
    n_sel = overview_select(ov, &all, OVERVIEW_SORT_NUMBER, &sel);
    printf("overview.select %.3f\n", now_ms() - t0);
    free(sel);
    t0 = now_ms();
    n_sel = overview_select(ov, &problems, OVERVIEW_SORT_NUMBER, &sel);
    printf("overview.filter %.3f\n", now_ms() - t0);
    free(sel);
    t0 = now_ms();
    n_sel = overview_select(ov, &all, OVERVIEW_SORT_STATE, &sel);
    printf("overview.sort_state %.3f\n", now_ms() - t0);
    t0 = now_ms();
    overview_count(ov, sel, n_sel, &counts);
    printf("overview.counts %.3f\n", now_ms() - t0);
    overview_counts_free(&counts);
    free(sel);
    overview_free(ov);
}

int main(int argc, char **argv)
{
    struct query queries[MAX_QUERIES];
    size_t nq = 0;
    int c;
    while ((c = getopt(argc, argv, "q:c:")) != -1) {
        if (c == 'c') {
            for (size_t k = 0; k < nq; k++)
                if (strcmp(queries[k].name, optarg) == 0)
                    queries[k].cold = true;
            continue;
        }
        char *eq = c == 'q' ? strchr(optarg, '=') : NULL;
        if (!eq || nq == MAX_QUERIES) {
            fprintf(stderr, "usage: search_bench [-q NAME=QUERY]... [-c NAME]... FILE...\n");
            return 2;
        }
        *eq = '\0';
        queries[nq].name = optarg;
        queries[nq].cold = false;
        queries[nq++].text = eq + 1;
    }
    size_t n = (size_t)(argc - optind);
    struct sheet **sheets = xcalloc(n + 1, sizeof(*sheets));
    double t0 = now_ms(), c0 = cpu_ms();
    for (size_t i = 0; i < n; i++) {
        struct error e;
        sheets[i] = sheet_load_readonly(argv[optind + (int)i], NULL, &e);
        if (!sheets[i]) {
            fprintf(stderr, "search_bench: %s: %s\n", argv[optind + (int)i], e.msg);
            return 2;
        }
    }
    size_t items = 0;
    for (size_t i = 0; i < n; i++)
        items += sheets[i]->n_items;
    printf("sheets %zu\nitems %zu\nload %.3f\nload.cpu %.3f\nrss.loaded %.1f\n", n, items,
           now_ms() - t0, cpu_ms() - c0, rss_mb());
    bench_overview(sheets, n);

    struct search *se = search_new(sheets, n);
    for (size_t k = 0; k < nq; k++) {
        if (!queries[k].cold)
            continue;
        /* A fresh search object per query: only what the search reaches gets built. */
        struct search *cold = search_new(sheets, n);
        search_set_query(cold, queries[k].text, strlen(queries[k].text));
        struct search_hit hit;
        t0 = now_ms();
        c0 = cpu_ms();
        search_next(cold, &START, true, &hit);
        printf("cold.%s %.3f\ncold.%s.cpu %.3f\n", queries[k].name, now_ms() - t0,
               queries[k].name, cpu_ms() - c0);
        search_free(cold);
    }
    /* As a UI would: 10 ms slices between keys. */
    t0 = now_ms();
    c0 = cpu_ms();
    size_t steps = 0;
    double maxstep = 0, maxstep_cpu = 0;
    for (bool done = false; !done; steps++) {
        double s0 = now_ms(), sc0 = thread_cpu_ms();
        done = search_prepare(se, 10000);
        if (now_ms() - s0 > maxstep)
            maxstep = now_ms() - s0;
        if (thread_cpu_ms() - sc0 > maxstep_cpu)
            maxstep_cpu = thread_cpu_ms() - sc0;
    }
    printf("build %.3f\nbuild.cpu %.3f\nbuild.steps %zu\nbuild.maxstep %.3f\n"
           "build.maxstep.cpu %.3f\nrss.built %.1f\nsearch.memory %.1f\n", now_ms() - t0,
           cpu_ms() - c0, steps, maxstep, maxstep_cpu, rss_mb(),
           (double)search_memory(se) / 1048576.0);
    for (size_t k = 0; k < nq; k++) {
        bench_query(se, &queries[k], true);
        bench_query(se, &queries[k], false);
    }
    search_free(se);
    for (size_t i = 0; i < n; i++)
        sheet_free(sheets[i]);
    free(sheets);
    return 0;
}
