/*
 * gen_sheet.c - write a large kaikaku-2.0 sheet for the benchmarks.
 *
 *   gen_sheet [-n N] [--seed S] [--bad K] [--seed-text FILE] [-o FILE] [--stats]
 *
 * The prose is the seed text's (tests/data/seed.txt: 23 real initiatives),
 * cut into pools by what it is (趣旨・目的, 取組の概要, 目標, 取組の内容,
 * 実績, 課題と改善策...) and recombined per record by a PRNG seeded from
 * (S, record number), so records differ, the output depends only on S and
 * N, and the first N records of a bigger file are those of a smaller one.
 * Every field of the form is filled and the done marks agree with the
 * rules, so the sheet is clean for `torikumi check` and `recfix --check`.
 * With --bad K every K-th record breaks one rule, four kinds in turn:
 * End_Result not_achieved without End_Issues, Mid_Progress off_track
 * without Mid_Issues, Plan_Done yes without Plan_Goal, Mid_Outlook
 * "maybe" (not a choice).  Both checkers must flag exactly those records.
 * About 4.6 KB per record: 10,000 records make 46 MB.
 *
 * Written through the sheet API (sheet_new, sheet_add_item, item_set,
 * sheet_write), as an import would.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "sheet.h"
#include "util.h"

/* Print "gen_sheet: MESSAGE" and exit 2 (util's die() says "torikumi:"). */
NORETURN static void fail(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_sheet: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

/* ---- PRNG: splitmix64, one stream per record ------------------------------ */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *s, size_t n)
{
    return (size_t)(rng_next(s) % n);
}

/* True with probability pct/100. */
static bool rng_pct(uint64_t *s, unsigned pct)
{
    return rng_next(s) % 100 < pct;
}

/* ---- pools of prose cut from the seed text ---------------------------------- */

enum pool_id {
    P_TITLE, P_SUBTITLE, P_PURPOSE, P_OVERVIEW, P_GOAL, P_ACTIONS, P_YEARGOAL,
    P_RESULTS, P_ISSUES, P_COUNT
};

static const char *const pool_names[P_COUNT] = {
    "title", "subtitle", "purpose", "overview", "goal", "actions", "yeargoal",
    "results", "issues",
};

struct pool {
    char **v;
    size_t n, cap;
};

static struct pool pools[P_COUNT];

#define SEGMENT_MAX 2400    /* bytes; a field stays far below MaxLength 4000 characters */

static bool is_space_at(const char *s, size_t n, size_t i, size_t *k)
{
    if (s[i] == ' ') {
        *k = 1;
        return true;
    }
    if (i + 3 <= n && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {   /* U+3000 */
        *k = 3;
        return true;
    }
    return false;
}

/* Add s[0..n) to pool p: white space runs collapsed to one blank, trimmed. */
static void pool_add(enum pool_id p, const char *s, size_t n)
{
    struct strbuf sb = STRBUF_INIT;
    bool pending = false;
    for (size_t i = 0; i < n;) {
        size_t k;
        if (is_space_at(s, n, i, &k)) {
            pending = sb.len > 0;
            i += k;
            continue;
        }
        if (pending)
            strbuf_addch(&sb, ' ');
        pending = false;
        strbuf_addch(&sb, s[i++]);
    }
    if (sb.len > SEGMENT_MAX) {
        /* Cut after the last 。 that fits. */
        size_t cut = 0;
        for (size_t i = 0; i + 3 <= SEGMENT_MAX; i++)
            if (memcmp(sb.buf + i, "。", 3) == 0)
                cut = i + 3;
        sb.len = cut;
    }
    if (sb.len >= 9) {      /* at least three Japanese characters */
        struct pool *pl = &pools[p];
        xgrow((void **)&pl->v, &pl->cap, pl->n + 1, sizeof(*pl->v));
        pl->v[pl->n++] = strbuf_detach(&sb, NULL);
    } else
        strbuf_release(&sb);
}

/* Remove HTML tags (<p>, <input .../>) that some seed cells carry. */
static void strip_tags(const char *s, size_t n, struct strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            if (gt) {
                strbuf_addch(out, ' ');
                i = (size_t)(gt - s);
                continue;
            }
        }
        strbuf_addch(out, s[i]);
    }
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

struct marker {
    const char *text;
    enum pool_id pool;      /* P_GOAL means 目標: P_YEARGOAL once 取組の内容 was seen */
};

static const struct marker plan_markers[] = {
    { "(趣旨・目的)", P_PURPOSE },
    { "(戦略)", P_PURPOSE },
    { "(取組の概要)", P_OVERVIEW },
    { "(取組の内容)", P_ACTIONS },
    { "(取組内容)", P_ACTIONS },
    { "(目標)", P_GOAL },
};

/* A marker starting at s+i, at the start of a cell or after a blank; else NULL. */
static const struct marker *marker_at(const char *s, size_t n, size_t i)
{
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t')
        return NULL;
    for (size_t m = 0; m < ARRAY_LEN(plan_markers); m++)
        if (starts_with(s + i, n - i, plan_markers[m].text))
            return &plan_markers[m];
    return NULL;
}

/* 計画: "(趣旨・目的) text (取組の概要) text (目標) text<TAB>(取組の内容) ..." */
static void cut_plan_line(const char *s, size_t n, bool *seen_actions)
{
    enum pool_id cur = P_COUNT;
    size_t from = 0;
    for (size_t i = 0; i <= n; i++) {
        const struct marker *m = i < n ? marker_at(s, n, i) : NULL;
        if (i < n && !m && s[i] != '\t')
            continue;
        if (cur != P_COUNT)
            pool_add(cur, s + from, i - from);
        cur = P_COUNT;
        if (m) {
            cur = m->pool;
            if (cur == P_ACTIONS)
                *seen_actions = true;
            else if (cur == P_PURPOSE)
                *seen_actions = false;
            else if (cur == P_GOAL && *seen_actions)
                cur = P_YEARGOAL;
            i += strlen(m->text) - 1;
            from = i + 1;
        }
    }
}

/* Remove every occurrence of phrase from sb. */
static void remove_phrase(struct strbuf *sb, const char *phrase)
{
    size_t k = strlen(phrase);
    for (size_t i = 0; i + k <= sb->len;) {
        if (memcmp(sb->buf + i, phrase, k) == 0) {
            memmove(sb->buf + i, sb->buf + i + k, sb->len - i - k);
            sb->len -= k;
            sb->buf[sb->len] = '\0';
        } else
            i++;
    }
}

/*
 * 年度評価: cells "実績 :目標達成 目標未達成" and "課題と改善策 左記が「」の場合は
 * 必須 text".  The first cell with prose is the results, later ones issues.
 */
static void cut_end_line(const char *s, size_t n)
{
    bool have_results = false;
    for (size_t from = 0; from <= n;) {
        const char *tab = memchr(s + from, '\t', n - from);
        size_t to = tab ? (size_t)(tab - s) : n;
        struct strbuf cell = STRBUF_INIT;
        strbuf_add(&cell, s + from, to - from);
        bool issues = strstr(strbuf_cstr(&cell), "課題と改善策") ||
                      strstr(strbuf_cstr(&cell), "左記が");
        /* The achieved / not achieved boxes end the results. */
        for (size_t i = 0; i + 1 < cell.len; i++) {
            bool colon = cell.buf[i] == ':' || starts_with(cell.buf + i, cell.len - i, "：");
            size_t cl = cell.buf[i] == ':' ? 1 : 3;
            if (colon && starts_with(cell.buf + i + cl, cell.len - i - cl, "目標")) {
                cell.len = i;
                cell.buf[i] = '\0';
                break;
            }
        }
        static const char *const boiler[] = {
            "当年度の取組実績及び目標の達成状況", "課題と改善策", "左記が「」の場合は必須",
            "左記が「 」の場合は必須", "自己評価", "年度評価",
        };
        for (size_t b = 0; b < ARRAY_LEN(boiler); b++)
            remove_phrase(&cell, boiler[b]);
        size_t before = pools[P_RESULTS].n + pools[P_ISSUES].n;
        pool_add(issues || have_results ? P_ISSUES : P_RESULTS, cell.buf ? cell.buf : "", cell.len);
        if (pools[P_RESULTS].n + pools[P_ISSUES].n > before)
            have_results = true;
        strbuf_release(&cell);
        if (!tab)
            break;
        from = to + 1;
    }
}

enum seed_stage { SS_NONE, SS_PLAN, SS_MID, SS_END };

static enum seed_stage stage_of_line(const char *s, size_t n, enum seed_stage cur)
{
    if (starts_with(s, n, "計画") || starts_with(s, n, "取組の方針・目標内容"))
        return SS_PLAN;
    if (starts_with(s, n, "中間振り返り"))
        return SS_MID;
    if (starts_with(s, n, "自己評価") || starts_with(s, n, "年度評価") ||
        starts_with(s, n, "直前評価") || starts_with(s, n, "評価\t") ||
        starts_with(s, n, "当年度の取組実績及び目標の達成状況"))
        return SS_END;
    return cur;
}

static void cut_seed(const char *text, size_t len)
{
    enum seed_stage stage = SS_NONE;
    bool seen_actions = false, expect_subtitle = false;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        struct strbuf line = STRBUF_INIT;
        strip_tags(text + pos, end - pos, &line);
        const char *s = strbuf_cstr(&line);
        size_t n = line.len;
        pos = nl ? end + 1 : len;
        bool blank = strspn(s, " \t-") == n;     /* also the "----\t--" rules under tables */
        if (starts_with(s, n, "取組項目")) {
            stage = SS_NONE;
            seen_actions = expect_subtitle = false;
        } else if (starts_with(s, n, "【")) {
            const char *close = strstr(s, "】");
            size_t tn = close ? (size_t)(close - s) - 3 : n - 3;
            if (tn <= 600)
                pool_add(P_TITLE, s + 3, tn);
            expect_subtitle = true;
        } else if (!blank) {
            enum seed_stage next = stage_of_line(s, n, stage);
            if (expect_subtitle && next == stage && !memchr(s, '\t', n) && n <= 300)
                pool_add(P_SUBTITLE, s, n);
            expect_subtitle = false;
            stage = next;
            if (stage == SS_PLAN)
                cut_plan_line(s, n, &seen_actions);
            else if (stage == SS_END)
                cut_end_line(s, n);
        }
        strbuf_release(&line);
    }
}

/* ---- records ------------------------------------------------------------------- */

/* Numbers that name something (years, dates, 柱1, 取組項目12) are kept. */
static bool number_is_name(const char *s, size_t n, size_t i, size_t e)
{
    static const char *const after[] = { "年", "月", "日", "回目" };
    static const char *const before[] = { "平成", "令和", "柱", "項目", "第" };
    for (size_t k = 0; k < ARRAY_LEN(after); k++)
        if (starts_with(s + e, n - e, after[k]))
            return true;
    for (size_t k = 0; k < ARRAY_LEN(before); k++) {
        size_t bl = strlen(before[k]);
        if (i >= bl && memcmp(s + i - bl, before[k], bl) == 0)
            return true;
    }
    return i > 0 && (s[i - 1] == 'H' || s[i - 1] == '-');
}

/*
 * Append seed segment s, varied: a number other than a name keeps its
 * first digit and gets new others (97.53% -> 91.08%), a single digit
 * becomes another; in multi-line fields the bullets (" ・") may start
 * new lines.
 */
static void add_varied(uint64_t *r, const char *s, bool split_bullets, struct strbuf *out)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        if (split_bullets && s[i] == ' ' && starts_with(s + i + 1, n - i - 1, "・")) {
            strbuf_addch(out, '\n');
            i++;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') {
            strbuf_addch(out, s[i++]);
            continue;
        }
        size_t e = i;
        while (e < n && s[e] >= '0' && s[e] <= '9')
            e++;
        bool keep = number_is_name(s, n, i, e);
        for (size_t k = i; k < e; k++) {
            char d = s[k];
            if (!keep && e - i == 1)
                d = (char)('1' + rng_below(r, 9));
            else if (!keep && k > i)
                d = (char)('0' + rng_below(r, 10));
            strbuf_addch(out, d);
        }
        i = e;
    }
}

/* A multi-line text of about target bytes from pool p. */
static void gen_text(uint64_t *r, enum pool_id p, size_t target, struct strbuf *out)
{
    const struct pool *pl = &pools[p];
    bool split = rng_pct(r, 60);
    strbuf_reset(out);
    while (out->len < target) {
        const char *s = pl->v[rng_below(r, pl->n)];
        if (out->len && out->len + strlen(s) > 2 * SEGMENT_MAX)
            break;
        if (out->len)
            strbuf_addch(out, '\n');
        add_varied(r, s, split, out);
    }
}

struct keys {
    int no, title, subtitle, updated;
    int purpose, overview, goal, actions, yeargoal, plan_done;
    int mid_progress, mid_outlook, mid_issues, mid_done;
    int end_results, end_result, end_issues, end_done;
};

static int key(const struct form *f, const char *k)
{
    int i = form_field_index(f, k);
    if (i < 0)
        fail("form %s has no field %s", f->id, k);
    return i;
}

static void find_keys(const struct form *f, struct keys *k)
{
    *k = (struct keys){
        key(f, "No"), key(f, "Title"), key(f, "Subtitle"), key(f, "Updated"),
        key(f, "Plan_Purpose"), key(f, "Plan_Overview"), key(f, "Plan_Goal"),
        key(f, "Plan_Actions"), key(f, "Plan_YearGoal"), key(f, "Plan_Done"),
        key(f, "Mid_Progress"), key(f, "Mid_Outlook"), key(f, "Mid_Issues"), key(f, "Mid_Done"),
        key(f, "End_Results"), key(f, "End_Result"), key(f, "End_Issues"), key(f, "End_Done"),
    };
}

static void set(struct sheet *s, struct item *it, int f, const char *v)
{
    item_set(s, it, f, v, strlen(v));
}

static void set_text(struct sheet *s, struct item *it, int f, uint64_t *r, enum pool_id p,
                     size_t lo, size_t hi, struct strbuf *tmp)
{
    gen_text(r, p, lo + rng_below(r, hi - lo + 1), tmp);
    item_set(s, it, f, tmp->buf, tmp->len);
}

enum bad_kind { BAD_NONE = -1, BAD_END_ISSUES, BAD_MID_ISSUES, BAD_PLAN_DONE, BAD_CHOICE };

static void gen_item(struct sheet *s, const struct keys *k, uint64_t seed, long no,
                     enum bad_kind bad, struct strbuf *tmp)
{
    uint64_t r = seed ^ ((uint64_t)no * 0xD1B54A32D192ED03ull);
    rng_next(&r);
    struct item *it = sheet_add_item(s);
    char buf[96];

    snprintf(buf, sizeof(buf), "%ld", no);
    set(s, it, k->no, buf);
    strbuf_reset(tmp);
    add_varied(&r, pools[P_TITLE].v[rng_below(&r, pools[P_TITLE].n)], false, tmp);
    set(s, it, k->title, tmp->buf);
    strbuf_reset(tmp);
    add_varied(&r, pools[P_SUBTITLE].v[rng_below(&r, pools[P_SUBTITLE].n)], false, tmp);
    set(s, it, k->subtitle, tmp->buf);
    static const char *const sections[] = { "総務課", "市民協働課", "保健福祉課", "窓口サービス課",
                                             "政策推進課", "地域支援課" };
    snprintf(buf, sizeof(buf), "2018-03-%02zu %02zu:%02zu %s", 1 + rng_below(&r, 30),
             8 + rng_below(&r, 11), rng_below(&r, 60), sections[rng_below(&r, ARRAY_LEN(sections))]);
    set(s, it, k->updated, buf);

    set_text(s, it, k->purpose, &r, P_PURPOSE, 150, 500, tmp);
    set_text(s, it, k->overview, &r, P_OVERVIEW, 150, 500, tmp);
    if (bad != BAD_PLAN_DONE)
        set_text(s, it, k->goal, &r, P_GOAL, 80, 300, tmp);
    set_text(s, it, k->actions, &r, P_ACTIONS, 150, 600, tmp);
    set_text(s, it, k->yeargoal, &r, P_YEARGOAL, 80, 300, tmp);
    set(s, it, k->plan_done, "yes");

    bool off = bad == BAD_MID_ISSUES || rng_pct(&r, 12);
    bool unlikely = rng_pct(&r, 18);
    set(s, it, k->mid_progress, off ? "off_track" : "on_track");
    set(s, it, k->mid_outlook, bad == BAD_CHOICE ? "maybe" : unlikely ? "unlikely" : "likely");
    if (bad != BAD_MID_ISSUES)
        set_text(s, it, k->mid_issues, &r, P_ISSUES, 100, 300, tmp);
    set(s, it, k->mid_done, rng_pct(&r, 95) ? "yes" : "no");

    bool not_achieved = bad == BAD_END_ISSUES || rng_pct(&r, 30);
    set_text(s, it, k->end_results, &r, P_RESULTS, 150, 500, tmp);
    set(s, it, k->end_result, not_achieved ? "not_achieved" : "achieved");
    if (bad != BAD_END_ISSUES)
        set_text(s, it, k->end_issues, &r, P_ISSUES, 100, 400, tmp);
    set(s, it, k->end_done, rng_pct(&r, 90) ? "yes" : "no");
}

/* ---- main ------------------------------------------------------------------------ */

static void usage(FILE *to)
{
    fprintf(to, "usage: gen_sheet [-n N] [--seed S] [--bad K] [--seed-text FILE] [-o FILE] "
                "[--stats]\n"
                "Write a kaikaku-2.0 sheet of N initiatives (default 10000) built from the seed "
                "text.\n--bad K: every K-th record breaks a rule.\n");
}

static long number_arg(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0)
        fail("%s needs a number, not '%s'", what, s);
    return v;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "records", required_argument, NULL, 'n' },
        { "seed", required_argument, NULL, 's' },
        { "bad", required_argument, NULL, 'b' },
        { "seed-text", required_argument, NULL, 't' },
        { "output", required_argument, NULL, 'o' },
        { "stats", no_argument, NULL, 'S' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    long n = 10000, bad_every = 0;
    uint64_t seed = 1;
    const char *seed_text = "tests/data/seed.txt", *output = NULL;
    bool stats = false;
    int c;
    while ((c = getopt_long(argc, argv, "n:s:b:t:o:Sh", opts, NULL)) != -1) {
        switch (c) {
        case 'n': n = number_arg(optarg, "-n"); break;
        case 's': seed = (uint64_t)number_arg(optarg, "--seed"); break;
        case 'b': bad_every = number_arg(optarg, "--bad"); break;
        case 't': seed_text = optarg; break;
        case 'o': output = optarg; break;
        case 'S': stats = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return 2;
    }

    struct error e;
    char *text;
    size_t len;
    if (read_file(seed_text, &text, &len, &e) < 0)
        fail("%s: %s", seed_text, e.msg);
    cut_seed(text, len);
    free(text);
    for (int p = 0; p < P_COUNT; p++) {
        if (pools[p].n == 0)
            fail("no %s text found in %s", pool_names[p], seed_text);
        if (stats) {
            size_t bytes = 0;
            for (size_t i = 0; i < pools[p].n; i++)
                bytes += strlen(pools[p].v[i]);
            fprintf(stderr, "%-9s %3zu segments, %6zu bytes\n", pool_names[p], pools[p].n, bytes);
        }
    }

    struct form *form = form_builtin();
    struct keys k;
    find_keys(form, &k);
    struct sheet *s = sheet_new(form, "大正区", 2017, NULL);
    struct strbuf tmp = STRBUF_INIT;
    for (long no = 1; no <= n; no++) {
        enum bad_kind bad = BAD_NONE;
        if (bad_every > 0 && no % bad_every == 0)
            bad = (enum bad_kind)((no / bad_every - 1) % 4);
        gen_item(s, &k, seed, no, bad, &tmp);
    }
    struct strbuf out = STRBUF_INIT;
    sheet_write(s, &out);

    FILE *f = output ? fopen(output, "wb") : stdout;
    if (!f)
        fail("cannot write %s", output);
    if (fwrite(out.buf, 1, out.len, f) != out.len || (output ? fclose(f) : fflush(f)) != 0)
        fail("write error on %s", output ? output : "standard output");
    if (stats)
        fprintf(stderr, "%ld records, %zu bytes (%.0f bytes per record)\n", n, out.len,
                n ? (double)out.len / (double)n : 0.0);

    strbuf_release(&out);
    strbuf_release(&tmp);
    sheet_free(s);
    form_free(form);
    for (int p = 0; p < P_COUNT; p++) {
        for (size_t i = 0; i < pools[p].n; i++)
            free(pools[p].v[i]);
        free(pools[p].v);
    }
    return 0;
}
