/*
 * test_merge.c - the three-way merge of sheets: every pair of
 * (unchanged, changed, deleted, added) per field and per item, identical
 * changes, multi-line values, unknown fields, comments, stamps,
 * renumbering, the conflict fields and their resolution, and property
 * tests on random sheets (merge(B,X,B) = X, disjoint changes all arrive,
 * swapping ours and theirs swaps only the sides named in conflicts).
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "merge.h"
#include "rules.h"

#define HEAD "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: w\nFiscalYear: 2017\n\n%rec: Initiative\n%key: No\n"

static const char *const names3[3] = { "base", "ours", "theirs" };

static struct sheet *merge3(const char *b, const char *o, const char *t, struct merge_stats *st)
{
    struct error e;
    struct sheet *s = merge_texts(b, strlen(b), o, strlen(o), t, strlen(t), names3, NULL, st, &e);
    if (!s)
        fail_msg("%s", e.msg);
    return s;
}

static char *text_of(const struct sheet *s)
{
    struct strbuf sb = STRBUF_INIT;
    sheet_write(s, &sb);
    return strbuf_detach(&sb, NULL);
}

static const char *field_of(const struct sheet *s, long no, const char *key)
{
    long i = sheet_find_item(s, no);
    assert_true(i >= 0);
    return item_get_key(&s->items[i], key);
}

/* ---- per field: unchanged / changed / deleted / added on each side ------- */

enum fstate { F_SAME, F_CHANGE_A, F_CHANGE_B, F_DELETE };
static const char *const fstate_name[] = { "same", "change-a", "change-b", "delete" };

/* The field's value in a version: NULL = absent. */
static const char *fvalue(const char *base, enum fstate st)
{
    switch (st) {
    case F_SAME: return base;
    case F_CHANGE_A: return "値A\n二行目";
    case F_CHANGE_B: return "値B";
    case F_DELETE: return NULL;
    }
    return NULL;
}

static char *one_item(const char *plan_goal)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, HEAD "\nNo: 1\nTitle: t\n");
    if (plan_goal)
        rec_format_field(&sb, "Plan_Goal", plan_goal, strlen(plan_goal));
    strbuf_addstr(&sb, "LocalNote: keep\n");
    return strbuf_detach(&sb, NULL);
}

static bool same_value(const char *a, const char *b)
{
    return (!a || !*a) ? (!b || !*b) : (b && str_eq(a, b));
}

static void check_field_case(const char *base_v, enum fstate so, enum fstate stt)
{
    const char *vo = fvalue(base_v, so), *vt = fvalue(base_v, stt);
    char *b = one_item(base_v), *o = one_item(vo), *t = one_item(vt);
    struct merge_stats st;
    struct sheet *m = merge3(b, o, t, &st);
    const char *got = field_of(m, 1, "Plan_Goal");
    bool conflict = !same_value(vo, vt) && !same_value(vt, base_v) && !same_value(vo, base_v);
    const char *want = conflict ? base_v : same_value(vt, base_v) ? vo : vt;
    if (!same_value(got, want))
        fail_msg("base %s, ours %s, theirs %s: got \"%s\"", base_v ? "present" : "absent",
                 fstate_name[so], fstate_name[stt], got ? got : "(absent)");
    assert_int_equal(st.conflicts, conflict ? 1 : 0);
    if (conflict) {
        assert_true(same_value(field_of(m, 1, "Merge_Ours_Plan_Goal"), vo));
        assert_true(same_value(field_of(m, 1, "Merge_Theirs_Plan_Goal"), vt));
    } else
        assert_null(field_of(m, 1, "Merge_Ours_Plan_Goal"));
    assert_string_equal(field_of(m, 1, "LocalNote"), "keep");
    sheet_free(m);
    free(b);
    free(o);
    free(t);
}

static void test_every_pair_of_field_changes(void **state)
{
    (void)state;
    /* Base absent: "same" and "delete" both mean absent, a change is an addition. */
    for (int present = 0; present < 2; present++)
        for (int so = F_SAME; so <= F_DELETE; so++)
            for (int stt = F_SAME; stt <= F_DELETE; stt++)
                check_field_case(present ? "基の値" : NULL, (enum fstate)so, (enum fstate)stt);
}

/* ---- per item: unchanged / changed / deleted / added ---------------------- */

static const char *item_text(long no, const char *goal)
{
    static char buf[8][256];
    static int k;
    char *p = buf[k++ % 8];
    snprintf(p, 256, "\nNo: %ld\nTitle: item %ld\nPlan_Goal: %s\n", no, no, goal);
    return p;
}

static void test_items_added_deleted_changed(void **state)
{
    (void)state;
    struct strbuf b = STRBUF_INIT, o = STRBUF_INIT, t = STRBUF_INIT;
    strbuf_addstr(&b, HEAD);
    strbuf_addstr(&o, HEAD);
    strbuf_addstr(&t, HEAD);
    /* 1 unchanged; 2 changed by ours; 3 changed by theirs; 4 deleted by ours;
     * 5 deleted by theirs; 6 deleted by both; 7 deleted by ours, changed by theirs;
     * 8 changed by ours, deleted by theirs; 9 added by ours; 10 added by theirs;
     * 11 added by both the same; 12 changed by both alike. */
    for (long no = 1; no <= 8; no++)
        strbuf_addstr(&b, item_text(no, "b"));
    strbuf_addstr(&b, item_text(12, "b"));
    const char *ours_goal[] = { "", "b", "o", "b", NULL, "b", NULL, NULL, "o" };
    const char *theirs_goal[] = { "", "b", "b", "t", "b", NULL, NULL, "t", NULL };
    for (long no = 1; no <= 8; no++) {
        if (ours_goal[no])
            strbuf_addstr(&o, item_text(no, ours_goal[no]));
        if (theirs_goal[no])
            strbuf_addstr(&t, item_text(no, theirs_goal[no]));
    }
    strbuf_addstr(&o, item_text(9, "o"));
    strbuf_addstr(&t, item_text(10, "t"));
    strbuf_addstr(&o, item_text(11, "same"));
    strbuf_addstr(&t, item_text(11, "same"));
    strbuf_addstr(&o, item_text(12, "both"));
    strbuf_addstr(&t, item_text(12, "both"));
    struct merge_stats st;
    struct sheet *m = merge3(b.buf, o.buf, t.buf, &st);
    assert_string_equal(field_of(m, 1, "Plan_Goal"), "b");
    assert_string_equal(field_of(m, 2, "Plan_Goal"), "o");
    assert_string_equal(field_of(m, 3, "Plan_Goal"), "t");
    assert_int_equal(sheet_find_item(m, 4), -1);
    assert_int_equal(sheet_find_item(m, 5), -1);
    assert_int_equal(sheet_find_item(m, 6), -1);
    assert_string_equal(field_of(m, 7, "Plan_Goal"), "t");
    assert_string_equal(field_of(m, 7, MERGE_DELETED_FIELD), "ours");
    assert_string_equal(field_of(m, 8, "Plan_Goal"), "o");
    assert_string_equal(field_of(m, 8, MERGE_DELETED_FIELD), "theirs");
    assert_string_equal(field_of(m, 9, "Plan_Goal"), "o");
    assert_string_equal(field_of(m, 10, "Plan_Goal"), "t");
    assert_string_equal(field_of(m, 11, "Plan_Goal"), "same");
    assert_string_equal(field_of(m, 12, "Plan_Goal"), "both");
    assert_int_equal(m->n_items, 9);
    assert_int_equal(st.conflicts, 2);
    assert_int_equal(st.deleted[MERGE_SIDE_OURS], 1);
    assert_int_equal(st.deleted[MERGE_SIDE_THEIRS], 1);
    assert_int_equal(st.added[MERGE_SIDE_OURS], 1);
    assert_int_equal(st.added[MERGE_SIDE_THEIRS], 1);
    /* Theirs' new item 10 comes right after the item before it on theirs' side (7). */
    assert_int_equal(sheet_find_item(m, 10), sheet_find_item(m, 7) + 1);
    sheet_free(m);
    strbuf_release(&b);
    strbuf_release(&o);
    strbuf_release(&t);
}

/* ---- what survives --------------------------------------------------------- */

static void test_comments_unknown_fields_and_stamps(void **state)
{
    (void)state;
    const char *b = "# sheet comment\n" HEAD "\nNo: 1\n# item comment\nTitle: t\nX_Local: 1\n"
                    "Updated: 2026-11-25T10:00:00+09:00 base\n";
    const char *o = "# sheet comment\n" HEAD "\nNo: 1\n# item comment\nTitle: ours\nX_Local: 1\n"
                    "Updated: 2026-11-25T12:00:00+09:00 ours\n";
    /* Theirs: 11:30 in UTC+09:00 is 02:30Z; ours' 12:00+09:00 is later in text and in time,
     * but theirs' -05:00 stamp below is later in time though earlier in text. */
    const char *t = "# sheet comment\n" HEAD "\nNo: 1\n# item comment\nTitle: t\nX_Local: 2\n"
                    "Updated: 2026-11-24T23:30:00-05:00 theirs\n";
    struct sheet *m = merge3(b, o, t, NULL);
    char *text = text_of(m);
    assert_non_null(strstr(text, "# sheet comment\n"));
    assert_non_null(strstr(text, "# item comment\n"));
    assert_string_equal(field_of(m, 1, "Title"), "ours");
    assert_string_equal(field_of(m, 1, "X_Local"), "2");
    assert_string_equal(field_of(m, 1, "Updated"), "2026-11-24T23:30:00-05:00 theirs");
    free(text);
    sheet_free(m);
}

static void test_theirs_comment_change_survives(void **state)
{
    (void)state;
    const char *b = HEAD "\nNo: 1\nTitle: t\n\nNo: 2\nTitle: u\n";
    const char *o = HEAD "\nNo: 1\nTitle: ours\n\nNo: 2\nTitle: u\n";
    const char *t = "# added by theirs\n" HEAD "%type: X int\n\nNo: 1\nTitle: t\n\nNo: 2\n"
                    "# theirs' note\nTitle: u\n";
    struct sheet *m = merge3(b, o, t, NULL);
    char *text = text_of(m);
    assert_non_null(strstr(text, "# added by theirs\n"));
    assert_non_null(strstr(text, "%type: X int\n"));
    assert_non_null(strstr(text, "# theirs' note\n"));
    assert_string_equal(field_of(m, 1, "Title"), "ours");
    free(text);
    sheet_free(m);
}

static void test_renumbered_item_is_the_same_item(void **state)
{
    (void)state;
    const char *b = HEAD "\nNo: 1\nTitle: a\nPlan_Goal: g\n\nNo: 2\nTitle: b\n";
    const char *o = HEAD "\nNo: 7\nTitle: a\nPlan_Goal: g\n\nNo: 2\nTitle: b\n";
    const char *t = HEAD "\nNo: 1\nTitle: a\nPlan_Goal: theirs\n\nNo: 2\nTitle: b\n";
    struct merge_stats st;
    struct sheet *m = merge3(b, o, t, &st);
    assert_int_equal(st.conflicts, 0);
    assert_int_equal(m->n_items, 2);
    assert_int_equal(sheet_find_item(m, 1), -1);
    assert_string_equal(field_of(m, 7, "Plan_Goal"), "theirs");
    sheet_free(m);
}

static void test_header_merges_by_field(void **state)
{
    (void)state;
    const char *b = HEAD "\nNo: 1\nTitle: a\n";
    char o[512], t[512];
    snprintf(o, sizeof(o), "%s", "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: 大正区\nFiscalYear: 2017\n\n"
                                 "%rec: Initiative\n%key: No\n\nNo: 1\nTitle: a\n");
    snprintf(t, sizeof(t), "%s", "%rec: Sheet\n\nForm: kaikaku-2.0\nWard: w\nFiscalYear: 2018\n\n"
                                 "%rec: Initiative\n%key: No\n\nNo: 1\nTitle: a\n");
    struct sheet *m = merge3(b, o, t, NULL);
    assert_string_equal(sheet_header_get(m, "Ward"), "大正区");
    assert_string_equal(sheet_header_get(m, "FiscalYear"), "2018");
    sheet_free(m);
}

/* ---- conflicts in the file ------------------------------------------------- */

static struct sheet *conflicted(void)
{
    const char *b = HEAD "\nNo: 1\nTitle: a\nPlan_Goal: base\n\nNo: 2\nTitle: b\n";
    const char *o = HEAD "\nNo: 1\nTitle: a\nPlan_Goal: mine\n\nNo: 2\nTitle: b2\n";
    const char *t = HEAD "\nNo: 1\nTitle: a\nPlan_Goal: yours\n";
    return merge3(b, o, t, NULL);
}

static void test_conflicts_are_reported_by_the_rules(void **state)
{
    (void)state;
    struct sheet *m = conflicted();
    struct problem_list pl = { NULL, 0, 0 };
    rules_check_all(m, &pl);
    size_t found = 0;
    for (size_t i = 0; i < pl.n; i++) {
        if (pl.v[i].code != PROB_MERGE_CONFLICT)
            continue;
        struct strbuf msg = STRBUF_INIT;
        problem_message(m, &pl.v[i], &msg);
        if (str_eq(problem_field_name(m->form, &pl.v[i]), "Plan_Goal")) {
            assert_non_null(strstr(msg.buf, "\"mine\""));
            assert_non_null(strstr(msg.buf, "\"yours\""));
            found++;
        } else if (str_eq(problem_field_name(m->form, &pl.v[i]), MERGE_DELETED_FIELD)) {
            assert_non_null(strstr(msg.buf, "theirs deleted"));
            found++;
        }
        strbuf_release(&msg);
    }
    assert_int_equal(found, 2);
    problems_free(&pl);
    sheet_free(m);
}

static void resolve_all(struct sheet *m, enum merge_choice choice, const char *value)
{
    struct merge_conflict *v;
    size_t n;
    while ((n = merge_conflicts(m, &v)) > 0) {
        merge_resolve(m, &v[0], choice, value);
        merge_conflicts_free(v);
    }
    merge_conflicts_free(v);
}

static void test_resolving_by_choice(void **state)
{
    (void)state;
    struct sheet *m = conflicted();
    resolve_all(m, MERGE_TAKE_THEIRS, NULL);
    assert_string_equal(field_of(m, 1, "Plan_Goal"), "yours");
    assert_null(field_of(m, 1, "Merge_Ours_Plan_Goal"));
    assert_int_equal(sheet_find_item(m, 2), -1);   /* theirs deleted it */
    char *text = text_of(m);
    assert_null(strstr(text, "Merge_"));
    free(text);
    sheet_free(m);

    m = conflicted();
    resolve_all(m, MERGE_TAKE_OURS, NULL);
    assert_string_equal(field_of(m, 1, "Plan_Goal"), "mine");
    assert_string_equal(field_of(m, 2, "Title"), "b2");
    assert_null(field_of(m, 2, MERGE_DELETED_FIELD));
    sheet_free(m);

    m = conflicted();
    resolve_all(m, MERGE_TAKE_VALUE, "書き直し");
    assert_string_equal(field_of(m, 1, "Plan_Goal"), "書き直し");
    sheet_free(m);
}

/* ---- properties on random sheets ------------------------------------------ */

static unsigned long rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng_state >> 33) % n);
}

#define N_ITEMS 12
#define N_FIELDS 5
static const char *const keys[N_FIELDS] = { "Title", "Plan_Goal", "End_Result", "LocalNote",
                                            "Updated" };
static const char *const pool[] = { NULL, "あ", "い\nう", "achieved", "not_achieved", "x \\",
                                    "2026-01-01T00:00:00+09:00 a", "2026-01-02T00:00:00Z b" };

struct model {
    bool present[N_ITEMS];
    long no[N_ITEMS];
    const char *v[N_ITEMS][N_FIELDS];
};

static void random_model(struct model *m)
{
    for (int i = 0; i < N_ITEMS; i++) {
        m->present[i] = rnd(5) != 0;
        m->no[i] = i + 1;
        for (int f = 0; f < N_FIELDS; f++)
            m->v[i][f] = pool[rnd(ARRAY_LEN(pool))];
    }
}

/* Change random slots; touched[] marks the slots changed (items use field -1 -> index N_FIELDS). */
static void mutate(struct model *m, bool touched[N_ITEMS][N_FIELDS + 1], const bool *avoid, int n)
{
    for (int k = 0; k < n; k++) {
        int i = (int)rnd(N_ITEMS), f = (int)rnd(N_FIELDS + 1);
        if (avoid && (avoid[i * (N_FIELDS + 1) + f] || avoid[i * (N_FIELDS + 1) + N_FIELDS]))
            continue;
        if (avoid && f == N_FIELDS) {
            bool any = false;
            for (int g = 0; g < N_FIELDS; g++)
                any |= avoid[i * (N_FIELDS + 1) + g];
            if (any)
                continue;
        }
        touched[i][f] = true;
        if (f == N_FIELDS)
            m->present[i] = !m->present[i];
        else
            m->v[i][f] = pool[rnd(ARRAY_LEN(pool))];
    }
}

static char *render(const struct model *m)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addstr(&sb, HEAD);
    for (int i = 0; i < N_ITEMS; i++) {
        if (!m->present[i])
            continue;
        strbuf_addf(&sb, "\nNo: %ld\n", m->no[i]);
        for (int f = 0; f < N_FIELDS; f++)
            if (m->v[i][f])
                rec_format_field(&sb, keys[f], m->v[i][f], strlen(m->v[i][f]));
    }
    return strbuf_detach(&sb, NULL);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Items by number, fields sorted; with swap the conflict sides trade names. */
static char *canon(const struct sheet *s, bool swap)
{
    char **lines = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < s->n_items; i++) {
        const struct rec_record *r = s->items[i].rec;
        for (size_t k = 0; k < r->n_entries; k++) {
            const struct rec_entry *en = &r->entries[k];
            if (!en->name)
                continue;
            const char *name = en->name, *value = en->value;
            char buf[128];
            if (swap && strncmp(name, MERGE_OURS_PREFIX, strlen(MERGE_OURS_PREFIX)) == 0)
                snprintf(buf, sizeof(buf), "%s%s", MERGE_THEIRS_PREFIX, name + strlen(MERGE_OURS_PREFIX));
            else if (swap && strncmp(name, MERGE_THEIRS_PREFIX, strlen(MERGE_THEIRS_PREFIX)) == 0)
                snprintf(buf, sizeof(buf), "%s%s", MERGE_OURS_PREFIX, name + strlen(MERGE_THEIRS_PREFIX));
            else
                snprintf(buf, sizeof(buf), "%s", name);
            if (swap && str_eq(name, MERGE_DELETED_FIELD))
                value = str_eq(value, "ours") ? "theirs" : "ours";
            xgrow((void **)&lines, &cap, n + 1, sizeof(*lines));
            lines[n++] = xasprintf("%05ld %s=%s", item_number(s, &s->items[i]), buf, value);
        }
    }
    qsort(lines, n, sizeof(*lines), cmp_str);
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        strbuf_addstr(&sb, lines[i]);
        strbuf_addch(&sb, '\n');
        free(lines[i]);
    }
    free(lines);
    return strbuf_detach(&sb, NULL);
}

static void test_properties_on_random_sheets(void **state)
{
    (void)state;
    rng_state = 13;
    for (int round = 0; round < 150; round++) {   /* more: tests/fuzz/fuzz_merge.c */
        struct model b, x, y;
        random_model(&b);
        x = y = b;
        bool tx[N_ITEMS][N_FIELDS + 1] = { { false } }, ty[N_ITEMS][N_FIELDS + 1] = { { false } };
        mutate(&x, tx, NULL, 1 + (int)rnd(6));
        char *bt = render(&b), *xt = render(&x);
        /* merge(B, X, B) = X and merge(B, X, X) = X, byte for byte. */
        struct sheet *m = merge3(bt, xt, bt, NULL);
        char *mt = text_of(m);
        assert_string_equal(mt, xt);
        free(mt);
        sheet_free(m);
        m = merge3(bt, xt, xt, NULL);
        mt = text_of(m);
        assert_string_equal(mt, xt);
        free(mt);
        sheet_free(m);
        /* Changes in different slots all arrive, without conflicts, whichever side is ours. */
        struct model both = x;
        mutate(&y, ty, &tx[0][0], 1 + (int)rnd(6));
        for (int i = 0; i < N_ITEMS; i++) {
            if (ty[i][N_FIELDS])
                both.present[i] = y.present[i];
            for (int f = 0; f < N_FIELDS; f++)
                if (ty[i][f])
                    both.v[i][f] = y.v[i][f];
        }
        char *yt = render(&y), *wt = render(&both);
        struct merge_stats st;
        struct sheet *w = merge3(wt, wt, wt, NULL);
        m = merge3(bt, xt, yt, &st);
        char *cm = canon(m, false), *cw = canon(w, false);
        if (!str_eq(cm, cw))
            fail_msg("round %d: disjoint changes lost\nbase:\n%s\nours:\n%s\ntheirs:\n%s\ngot:\n%s\nwant:\n%s",
                     round, bt, xt, yt, cm, cw);
        assert_int_equal(st.conflicts, 0);
        free(cm);
        sheet_free(m);
        /* Overlapping changes: swapping the sides swaps only the names in conflicts. */
        struct model z = b;
        bool tz[N_ITEMS][N_FIELDS + 1] = { { false } };
        mutate(&z, tz, NULL, 1 + (int)rnd(6));
        char *zt = render(&z);
        struct sheet *m1 = merge3(bt, xt, zt, NULL), *m2 = merge3(bt, zt, xt, NULL);
        char *c1 = canon(m1, false), *c2 = canon(m2, true);
        if (!str_eq(c1, c2))
            fail_msg("round %d: not symmetric\n%s\nvs\n%s", round, c1, c2);
        free(c1);
        free(c2);
        sheet_free(m1);
        sheet_free(m2);
        sheet_free(w);
        free(cw);
        free(bt);
        free(xt);
        free(yt);
        free(wt);
        free(zt);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_pair_of_field_changes),
        cmocka_unit_test(test_items_added_deleted_changed),
        cmocka_unit_test(test_comments_unknown_fields_and_stamps),
        cmocka_unit_test(test_theirs_comment_change_survives),
        cmocka_unit_test(test_renumbered_item_is_the_same_item),
        cmocka_unit_test(test_header_merges_by_field),
        cmocka_unit_test(test_conflicts_are_reported_by_the_rules),
        cmocka_unit_test(test_resolving_by_choice),
        cmocka_unit_test(test_properties_on_random_sheets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
