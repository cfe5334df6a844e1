/*
 * import_sheet.c - the "sheet" text layout reader (see import_sheet.h).
 *
 * Lines go through a small state machine: before the first item, the
 * item's 【title】, its subtitle, its body.  A body line is split into tab
 * cells, each cell into tidied paragraphs (import_sheet_text.c), and each
 * paragraph goes, after its leading form headings are dropped, to the
 * current stage:
 *   計画          (趣旨・目的)-style sub-headings start values; (目標) is
 *                 the left column's goal or the right column's year goal,
 *                 whichever column the text is in;
 *   中間振り返り  the choice boxes are read, every other word is 課題と改善策;
 *   年度評価      text before the 目標達成/目標未達成 boxes is the results,
 *                 text after them the issues (with no boxes: the column
 *                 heading last seen decides).
 * A stage starts at its name in a row's first cell (年度評価 or an alias)
 * or at a form heading that only that stage has; stages only go forward,
 * so stage names listed again after an item are ignored.
 */
#include "import_sheet.h"
#include "import_sheet_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_TITLE_LINES 4
#define MAX_WARNINGS 10000
#define MAX_COLS 32
#define MAX_ITEM_DIGITS 9

enum state { S_BEFORE, S_EXPECT_TITLE, S_TITLE, S_AFTER_TITLE, S_BODY };
enum side { LEFT, RIGHT };
enum end_ctx { CTX_RESULTS, CTX_ISSUES };
#define NO_STAGE (-1)
#define NO_FIELD (-1)
#define GOAL_OF_COLUMN (-2)

/* A value being collected: its paragraphs joined by "\n". */
struct acc {
    struct strbuf sb;
    long line, column;
};

struct choice_state {
    bool found, conflict;
    int tick;               /* -1 none, else 0 or 1 */
    long line, column;      /* the first group of boxes */
};

struct parser {
    const struct import_sheet_vocab *v;
    const char *file;
    struct error *e;
    struct import_sheet *out;
    long line;
    enum state state;
    struct tidy tidy;
    /* the item being read */
    struct import_item *item;
    long title_line;
    int title_lines;
    struct acc acc[IMPORT_N_FIELDS];
    int stage;
    bool seen[IMPORT_N_STAGES];
    long stage_line[IMPORT_N_STAGES];
    /* 計画 */
    int plan_field;
    enum side side;
    int col_field[MAX_COLS];
    /* boxes, and 年度評価 text before / after its boxes */
    struct choice_state choice[IMPORT_N_CHOICES];
    bool end_boxes;
    enum end_ctx end_ctx;
    struct acc end_before, end_after, end_by_ctx[2];
};

static const char *const field_keys[IMPORT_N_FIELDS] = {
    "Title", "Subtitle", "Plan_Purpose", "Plan_Overview", "Plan_Goal",
    "Plan_Actions", "Plan_YearGoal", "Mid_Progress", "Mid_Outlook", "Mid_Issues",
    "End_Results", "End_Result", "End_Issues",
};

static const char *const end_aliases[] = { "自己評価", "評価", "直前評価" };

static const struct import_sheet_vocab default_vocab = {
    .stages = {
        { "計画", NULL, 0 },
        { "中間振り返り", NULL, 0 },
        { "年度評価", end_aliases, ARRAY_LEN(end_aliases) },
    },
    .choices = {
        { { "on_track", "off_track" }, { "実施見込み", "実施できない見込み" } },
        { { "likely", "unlikely" }, { "達成見込み", "達成できない見込み" } },
        { { "achieved", "not_achieved" }, { "目標達成", "目標未達成" } },
    },
};

/* Which value each choice fills, and the stage its boxes are in. */
static const int choice_field[IMPORT_N_CHOICES] = {
    IMPORT_MID_PROGRESS, IMPORT_MID_OUTLOOK, IMPORT_END_RESULT
};

/* The form's column headings: dropped, but they tell stage and column. */
enum effect { FX_NONE, FX_LEFT, FX_RIGHT, FX_RESULTS, FX_ISSUES };
static const struct furniture {
    const char *text;
    int stage;
    enum effect fx;
} furniture[] = {
    { "取組の方針・目標内容", IMPORT_PLAN, FX_LEFT },
    { "当年度の取組内容", IMPORT_PLAN, FX_RIGHT },
    { "取組内容の実施見込み", IMPORT_MID, FX_NONE },
    { "目標の達成見込み", IMPORT_MID, FX_NONE },
    { "当年度の取組実績及び目標の達成状況", IMPORT_END, FX_RESULTS },
    { "課題と改善策", NO_STAGE, FX_ISSUES },
};

/* The 計画 sub-headings, written (X) or （X）. */
static const struct heading {
    const char *label;
    int field;
} headings[] = {
    { "趣旨・目的", IMPORT_PLAN_PURPOSE },
    { "戦略", IMPORT_PLAN_PURPOSE },
    { "取組の概要", IMPORT_PLAN_OVERVIEW },
    { "目標", GOAL_OF_COLUMN },
    { "取組の目標", IMPORT_PLAN_GOAL },
    { "取組の内容", IMPORT_PLAN_ACTIONS },
    { "取組内容", IMPORT_PLAN_ACTIONS },
    { "当年度の目標", IMPORT_PLAN_YEARGOAL },
};

/* How a missing 計画 value is named in warnings. */
static const char *const plan_names[] = {
    [IMPORT_PLAN_PURPOSE] = "(趣旨・目的)",
    [IMPORT_PLAN_OVERVIEW] = "(取組の概要)",
    [IMPORT_PLAN_GOAL] = "(目標) of 取組の方針・目標内容",
    [IMPORT_PLAN_ACTIONS] = "(取組の内容)",
    [IMPORT_PLAN_YEARGOAL] = "(目標) of 当年度の取組内容",
};

const struct import_sheet_vocab *import_sheet_default_vocab(void)
{
    return &default_vocab;
}

const char *import_sheet_field_key(enum import_sheet_field f)
{
    return (unsigned)f < IMPORT_N_FIELDS ? field_keys[f] : NULL;
}

/* ---- output ---- */

static void PRINTF_LIKE(4, 5) warn(struct parser *p, long line, long column,
                                   const char *fmt, ...)
{
    struct import_sheet *o = p->out;
    if (o->n_warnings > MAX_WARNINGS)
        return;
    xgrow((void **)&o->warnings, &o->cap_warnings, o->n_warnings + 1, sizeof *o->warnings);
    struct import_warning *w = &o->warnings[o->n_warnings++];
    struct strbuf sb = STRBUF_INIT;
    if (o->n_warnings > MAX_WARNINGS) {
        strbuf_addf(&sb, "more than %d warnings; the rest are not shown", MAX_WARNINGS);
    } else {
        va_list ap;
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
    }
    w->item = p->item ? p->item->no : 0;
    w->line = line;
    w->column = column;
    w->msg = strbuf_detach(&sb, NULL);
}

static void acc_add(struct acc *a, const char *s, size_t n, long line, long column)
{
    if (n == 0)
        return;
    if (a->sb.len == 0) {
        a->line = line;
        a->column = column;
    } else {
        strbuf_addch(&a->sb, '\n');
    }
    strbuf_add(&a->sb, s, n);
}

static void acc_move(struct acc *to, struct acc *from)
{
    acc_add(to, strbuf_cstr(&from->sb), from->sb.len, from->line, from->column);
    strbuf_reset(&from->sb);
}

static void acc_take(struct acc *a, struct import_value *v)
{
    if (a->sb.len == 0)
        return;
    v->line = a->line;
    v->column = a->column;
    v->text = strbuf_detach(&a->sb, &v->len);
}

/* ---- words of the layout ---- */

static bool stage_name_is(const struct import_sheet_stage_names *st, const char *s, size_t n)
{
    if (st->label && mem_eq(s, n, st->label, strlen(st->label)))
        return true;
    for (size_t i = 0; i < st->n_aliases; i++)
        if (st->aliases[i] && mem_eq(s, n, st->aliases[i], strlen(st->aliases[i])))
            return true;
    return false;
}

/* Byte offset of the last two characters of s (or 0). */
static size_t last_two_chars(const char *s, size_t n)
{
    size_t i = n;
    for (int k = 0; k < 2 && i > 0; k++) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
    }
    return i;
}

static bool ends_like(const char *s, size_t n, const char *name)
{
    size_t nl = name ? strlen(name) : 0;
    if (nl == 0)
        return false;
    size_t k = last_two_chars(name, nl);
    return n >= nl - k && memcmp(s + n - (nl - k), name + k, nl - k) == 0;
}

static bool stage_ends_like(const struct import_sheet_stage_names *st, const char *s, size_t n)
{
    if (ends_like(s, n, st->label))
        return true;
    for (size_t i = 0; i < st->n_aliases; i++)
        if (ends_like(s, n, st->aliases[i]))
            return true;
    return false;
}

/*
 * The stage named by a cell: exactly a stage's heading or alias, or, when
 * fuzzy, a short word ending like the names of one stage only (an OCR
 * slip such as 直前評価 when the form does not list it).  -1 if none.
 */
static int stage_match(const struct parser *p, const char *s, size_t n, bool fuzzy, bool *slip)
{
    *slip = false;
    for (int st = 0; st < IMPORT_N_STAGES; st++)
        if (stage_name_is(&p->v->stages[st], s, n))
            return st;
    if (!fuzzy || n == 0 || utf8_count(s, n) > 6)
        return -1;
    int found = -1;
    for (int st = 0; st < IMPORT_N_STAGES; st++) {
        if (!stage_ends_like(&p->v->stages[st], s, n))
            continue;
        if (found >= 0)
            return -1;
        found = st;
    }
    *slip = found >= 0;
    return found;
}

static const char *stage_label(const struct parser *p, int st)
{
    const char *l = p->v->stages[st].label;
    return l ? l : "?";
}

static bool followed_by_break(const char *s, size_t n, size_t at)
{
    return at == n || s[at] == ' ';
}

/* 左記が「...」の場合は必須 (the brackets hold what the PDF lost). */
static size_t match_left_note(const char *s, size_t n)
{
    static const char open[] = "左記が「", close[] = "」の場合は必須";
    size_t lo = sizeof open - 1, lc = sizeof close - 1;
    if (n < lo + lc || memcmp(s, open, lo) != 0)
        return 0;
    for (size_t i = lo; i + lc <= n && i <= lo + 64; i++)
        if (memcmp(s + i, close, lc) == 0)
            return followed_by_break(s, n, i + lc) ? i + lc : 0;
    return 0;
}

/* The furniture at the start of s (followed by a blank or the end), or NULL. */
static const struct furniture *match_furniture(const char *s, size_t n, size_t *len)
{
    static const struct furniture note = { "", NO_STAGE, FX_NONE };
    if ((*len = match_left_note(s, n)) > 0)
        return &note;
    for (size_t i = 0; i < ARRAY_LEN(furniture); i++) {
        size_t fl = strlen(furniture[i].text);
        if (fl <= n && memcmp(s, furniture[i].text, fl) == 0 && followed_by_break(s, n, fl)) {
            *len = fl;
            return &furniture[i];
        }
    }
    return NULL;
}

static size_t match_paren(const char *s, size_t n, size_t at, bool open)
{
    const char *half = open ? "(" : ")", *full = open ? "（" : "）";
    if (at < n && s[at] == half[0])
        return 1;
    if (at + 3 <= n && memcmp(s + at, full, 3) == 0)
        return 3;
    return 0;
}

/* A 計画 sub-heading at s[at]: "(X)" after a blank or the start, before a blank or the end. */
static int match_heading(const char *s, size_t n, size_t at, size_t *len)
{
    if (at > 0 && s[at - 1] != ' ')
        return -1;
    size_t o = match_paren(s, n, at, true);
    if (o == 0)
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(headings); i++) {
        size_t hl = strlen(headings[i].label), b = at + o;
        if (b + hl > n || memcmp(s + b, headings[i].label, hl) != 0)
            continue;
        size_t c = match_paren(s, n, b + hl, false);
        if (c && followed_by_break(s, n, b + hl + c)) {
            *len = o + hl + c;
            return (int)i;
        }
    }
    return -1;
}

/* ---- stages ---- */

static void close_stage(struct parser *p)
{
    if (p->stage != IMPORT_END)
        return;
    struct acc *res = &p->acc[IMPORT_END_RESULTS], *iss = &p->acc[IMPORT_END_ISSUES];
    if (p->end_boxes) {
        acc_move(res, &p->end_before);
        acc_move(iss, &p->end_after);
    } else {
        acc_move(res, &p->end_by_ctx[CTX_RESULTS]);
        acc_move(iss, &p->end_by_ctx[CTX_ISSUES]);
    }
    strbuf_reset(&p->end_before.sb);
    strbuf_reset(&p->end_by_ctx[CTX_RESULTS].sb);
    strbuf_reset(&p->end_by_ctx[CTX_ISSUES].sb);
}

static void enter_stage(struct parser *p, int st)
{
    close_stage(p);
    p->stage = st;
    p->seen[st] = true;
    p->stage_line[st] = p->line;
    p->plan_field = NO_FIELD;
    p->side = LEFT;
    for (int i = 0; i < MAX_COLS; i++)
        p->col_field[i] = NO_FIELD;
    p->end_boxes = false;
    p->end_ctx = CTX_RESULTS;
}

static enum side side_of(int field)
{
    return field == IMPORT_PLAN_ACTIONS || field == IMPORT_PLAN_YEARGOAL ? RIGHT : LEFT;
}

static void apply_furniture(struct parser *p, const struct furniture *f)
{
    switch (f->fx) {
    case FX_LEFT:
        p->side = LEFT;
        p->plan_field = NO_FIELD;
        break;
    case FX_RIGHT:          /* 当年度の取組内容 is also the actions' own heading */
        p->side = RIGHT;
        p->plan_field = IMPORT_PLAN_ACTIONS;
        break;
    case FX_RESULTS:
        p->end_ctx = CTX_RESULTS;
        break;
    case FX_ISSUES:
        p->end_ctx = CTX_ISSUES;
        break;
    case FX_NONE:
        break;
    }
}

/* s[a..b) without its blanks at both ends. */
static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && s[*a] == ' ')
        (*a)++;
    while (*b > *a && s[*b - 1] == ' ')
        (*b)--;
}

static int plan_text(struct parser *p, const struct para *pa, size_t pos, int cell)
{
    const char *s = pa->text;
    size_t n = pa->len;
    for (;;) {
        size_t q = pos, hl = 0;
        int h = -1;
        for (; q < n; q++)
            if ((s[q] == '(' || (unsigned char)s[q] == 0xEF) && (h = match_heading(s, n, q, &hl)) >= 0)
                break;
        size_t a = pos, b = q;
        trim(s, &a, &b);
        if (a < b) {
            if (p->plan_field == NO_FIELD)
                return error_set(p->e, p->file, p->line, pa->col[a],
                                 "item %ld: expected a sub-heading such as (趣旨・目的), "
                                 "(取組の概要), (目標) or (取組の内容) before this text",
                                 p->item->no);
            acc_add(&p->acc[p->plan_field], s + a, b - a, p->line, pa->col[a]);
        }
        if (h < 0)
            return 0;
        int f = headings[h].field;
        if (f == GOAL_OF_COLUMN)
            f = p->side == RIGHT ? IMPORT_PLAN_YEARGOAL : IMPORT_PLAN_GOAL;
        p->plan_field = f;
        p->side = side_of(f);
        if (cell < MAX_COLS)
            p->col_field[cell] = f;
        pos = q + hl;
    }
}

static void note_boxes(struct parser *p, int c, const struct boxes *g, long line, long column)
{
    struct choice_state *cs = &p->choice[c];
    int tick = g->ticked[0] == g->ticked[1] ? -1 : g->ticked[0] ? 0 : 1;
    if (g->ticked[0] && g->ticked[1])
        cs->conflict = true;
    if (!cs->found) {
        cs->found = true;
        cs->line = line;
        cs->column = column;
        cs->tick = tick;
    } else if (tick >= 0 && cs->tick >= 0 && tick != cs->tick) {
        cs->conflict = true;
    } else if (tick >= 0) {
        cs->tick = tick;
    }
}

/* Route s[a..b) of a 中間振り返り / 年度評価 paragraph to its value. */
static void stage_piece(struct parser *p, const struct para *pa, size_t a, size_t b)
{
    trim(pa->text, &a, &b);
    if (a >= b || text_is_box_debris(pa->text + a, b - a))
        return;
    const char *s = pa->text + a;
    long col = pa->col[a];
    if (p->stage == IMPORT_MID) {
        acc_add(&p->acc[IMPORT_MID_ISSUES], s, b - a, p->line, col);
    } else if (p->end_boxes) {
        acc_add(&p->end_after, s, b - a, p->line, col);
    } else {
        acc_add(&p->end_before, s, b - a, p->line, col);
        acc_add(&p->end_by_ctx[p->end_ctx], s, b - a, p->line, col);
    }
}

/* 中間振り返り and 年度評価: find the boxes, keep the rest. */
static void boxes_text(struct parser *p, const struct para *pa, size_t pos)
{
    int first = p->stage == IMPORT_MID ? IMPORT_CHOICE_PROGRESS : IMPORT_CHOICE_RESULT;
    int last = p->stage == IMPORT_MID ? IMPORT_CHOICE_OUTLOOK : IMPORT_CHOICE_RESULT;
    struct boxes next[IMPORT_N_CHOICES];
    bool have[IMPORT_N_CHOICES] = { false };
    for (;;) {
        int best = -1;
        for (int c = first; c <= last; c++) {
            const struct import_sheet_choice_labels *cl = &p->v->choices[c];
            if (!have[c] || next[c].start < pos)
                have[c] = text_find_boxes(pa->text, pa->len, pos, cl->label[0], cl->label[1],
                                          &next[c]);
            if (have[c] && (best < 0 || next[c].start < next[best].start))
                best = c;
        }
        if (best < 0)
            break;
        stage_piece(p, pa, pos, next[best].start);
        note_boxes(p, best, &next[best], p->line, pa->col[next[best].start]);
        if (best == IMPORT_CHOICE_RESULT)
            p->end_boxes = true;
        pos = next[best].end;
    }
    stage_piece(p, pa, pos, pa->len);
}

static int para_text(struct parser *p, const struct para *pa, int cell, bool cell_start)
{
    const char *s = pa->text;
    size_t n = pa->len, pos = 0, fl;
    if (cell_start && p->stage == IMPORT_PLAN && cell < MAX_COLS && p->col_field[cell] != NO_FIELD) {
        p->plan_field = p->col_field[cell];   /* a cell continues its column's value */
        p->side = side_of(p->plan_field);
    }
    const struct furniture *f;
    while (pos < n && (f = match_furniture(s + pos, n - pos, &fl)) != NULL) {
        if (f->stage != NO_STAGE && p->stage != NO_STAGE && f->stage < p->stage)
            break;          /* an earlier stage's heading here is just words */
        if (f->stage != NO_STAGE && f->stage != p->stage)
            enter_stage(p, f->stage);
        apply_furniture(p, f);
        pos += fl;
        while (pos < n && s[pos] == ' ')
            pos++;
    }
    if (pos >= n)
        return 0;
    if (p->stage == NO_STAGE)
        return error_set(p->e, p->file, p->line, pa->col[pos],
                         "item %ld: expected a stage (%s, %s, %s) or the heading "
                         "取組の方針・目標内容 before this text", p->item->no,
                         stage_label(p, IMPORT_PLAN), stage_label(p, IMPORT_MID),
                         stage_label(p, IMPORT_END));
    if (p->stage == IMPORT_PLAN)
        return plan_text(p, pa, pos, cell);
    boxes_text(p, pa, pos);
    return 0;
}

/* A stage name in a row's first cell; bare when the row has nothing else. */
static int stage_cell(struct parser *p, int st, bool bare, long column)
{
    if (p->stage == NO_STAGE || st > p->stage) {
        enter_stage(p, st);
        return 0;
    }
    if (st == p->stage || bare)
        return 0;           /* stage names listed again after the item */
    return error_set(p->e, p->file, p->line, column,
                     "item %ld: stage %s after %s: expected the stages in the order %s, %s, %s",
                     p->item->no, stage_label(p, st), stage_label(p, p->stage),
                     stage_label(p, IMPORT_PLAN), stage_label(p, IMPORT_MID),
                     stage_label(p, IMPORT_END));
}

/* The first cell, when it names a stage: returns 1 (consumed), 0, or -1. */
static int first_cell(struct parser *p, const char *line, size_t n, size_t cell_end)
{
    if (p->tidy.n_paras != 1)
        return 0;
    const struct para *pa = &p->tidy.paras[0];
    bool has_tab = cell_end < n, slip;
    int st = stage_match(p, pa->text, pa->len, has_tab, &slip);
    if (st < 0)
        return 0;
    if (slip)
        warn(p, p->line, pa->col[0], "stage heading 「%.*s」 is not known; read as %s",
             (int)pa->len, pa->text, stage_label(p, st));
    bool bare = !has_tab || text_is_blank(line + cell_end, n - cell_end);
    return stage_cell(p, st, bare, pa->col[0]) < 0 ? -1 : 1;
}

static int body_line(struct parser *p, const char *s, size_t n)
{
    size_t start = 0;
    long col = 1;
    for (int cell = 0; start <= n; cell++) {
        const char *tab = memchr(s + start, '\t', n - start);
        size_t end = tab ? (size_t)(tab - s) : n;
        text_tidy(&p->tidy, s + start, end - start, col);
        int r = cell == 0 ? first_cell(p, s, n, end) : 0;
        if (r < 0)
            return -1;
        for (size_t k = 0; r == 0 && k < p->tidy.n_paras; k++)
            if (para_text(p, &p->tidy.paras[k], cell, k == 0) < 0)
                return -1;
        col += (long)utf8_count(s + start, end - start) + 1;
        start = end + 1;
    }
    return 0;
}

/* ---- items ---- */

static void choice_warning(struct parser *p, int c)
{
    const struct choice_state *cs = &p->choice[c];
    const struct import_sheet_choice_labels *cl = &p->v->choices[c];
    const char *key = field_keys[choice_field[c]];
    int st = c == IMPORT_CHOICE_RESULT ? IMPORT_END : IMPORT_MID;
    if (!cs->found)
        warn(p, p->stage_line[st], 0, "no %s / %s boxes found; %s left empty",
             cl->label[0], cl->label[1], key);
    else if (cs->conflict)
        warn(p, cs->line, cs->column, "both %s and %s are ticked; %s left empty",
             cl->label[0], cl->label[1], key);
    else if (cs->tick < 0)
        warn(p, cs->line, cs->column,
             "neither %s nor %s is ticked (no tick survived in the text); %s left empty",
             cl->label[0], cl->label[1], key);
}

static void item_warnings(struct parser *p)
{
    long line = p->item->line;
    for (int st = 0; st < IMPORT_N_STAGES; st++)
        if (!p->seen[st])
            warn(p, line, 0, "no %s stage found", stage_label(p, st));
    if (p->acc[IMPORT_TITLE].sb.len == 0)
        warn(p, p->title_line, 0, "the title 【】 is empty");
    if (p->seen[IMPORT_PLAN])
        for (int f = IMPORT_PLAN_PURPOSE; f <= IMPORT_PLAN_YEARGOAL; f++)
            if (p->acc[f].sb.len == 0)
                warn(p, p->stage_line[IMPORT_PLAN], 0, "no %s text found; %s left empty",
                     plan_names[f], field_keys[f]);
    if (p->seen[IMPORT_MID]) {
        choice_warning(p, IMPORT_CHOICE_PROGRESS);
        choice_warning(p, IMPORT_CHOICE_OUTLOOK);
    }
    if (p->seen[IMPORT_END]) {
        if (p->acc[IMPORT_END_RESULTS].sb.len == 0)
            warn(p, p->stage_line[IMPORT_END], 0,
                 "no 当年度の取組実績及び目標の達成状況 text found; End_Results left empty");
        choice_warning(p, IMPORT_CHOICE_RESULT);
    }
}

static int finish_item(struct parser *p)
{
    if (!p->item)
        return 0;
    if (p->state == S_EXPECT_TITLE)
        return error_set(p->e, p->file, p->line, 0,
                         "item %ld: expected its 【title】 after 取組項目 %ld (line %ld)",
                         p->item->no, p->item->no, p->item->line);
    if (p->state == S_TITLE)
        return error_set(p->e, p->file, p->line, 0,
                         "item %ld: expected 】 closing the title opened at line %ld",
                         p->item->no, p->title_line);
    close_stage(p);
    item_warnings(p);
    struct import_item *it = p->item;
    for (int f = 0; f < IMPORT_N_FIELDS; f++)
        acc_take(&p->acc[f], &it->values[f]);
    for (int c = 0; c < IMPORT_N_CHOICES; c++) {
        const struct choice_state *cs = &p->choice[c];
        if (cs->found && !cs->conflict && cs->tick >= 0) {
            struct import_value *v = &it->values[choice_field[c]];
            const char *key = p->v->choices[c].key[cs->tick];
            v->text = xstrdup(key ? key : "");
            v->len = strlen(v->text);
            v->line = cs->line;
            v->column = cs->column;
        }
    }
    p->item = NULL;
    return 0;
}

static int start_item(struct parser *p, long no)
{
    if (finish_item(p) < 0)
        return -1;
    struct import_sheet *o = p->out;
    for (size_t i = 0; i < o->n_items; i++)
        if (o->items[i].no == no)
            return error_set(p->e, p->file, p->line, 1,
                             "取組項目 %ld is already at line %ld: expected each number once",
                             no, o->items[i].line);
    xgrow((void **)&o->items, &o->cap_items, o->n_items + 1, sizeof *o->items);
    p->item = &o->items[o->n_items++];
    memset(p->item, 0, sizeof *p->item);
    p->item->no = no;
    p->item->line = p->line;
    for (int f = 0; f < IMPORT_N_FIELDS; f++)
        strbuf_reset(&p->acc[f].sb);
    memset(p->seen, 0, sizeof p->seen);
    memset(p->stage_line, 0, sizeof p->stage_line);
    for (int c = 0; c < IMPORT_N_CHOICES; c++)
        p->choice[c] = (struct choice_state){ .tick = -1 };
    p->stage = NO_STAGE;
    p->title_lines = 0;
    p->state = S_EXPECT_TITLE;
    return 0;
}

/* "取組項目 N" alone on its line: 1 (and *no), 0 when not, -1 on a bad number. */
static int item_header(struct parser *p, const char *s, size_t n, long *no)
{
    static const char word[] = "取組項目";
    size_t a = 0, b = n, wl = sizeof word - 1;
    text_trim_line(s, &a, &b);
    if (b - a <= wl || memcmp(s + a, word, wl) != 0)
        return 0;
    size_t i = a + wl;
    text_skip_blanks(s, &i, b);
    long v = 0;
    int digits = 0;
    while (i < b) {
        int d = text_digit(s + i, b - i);
        if (d < 0)
            return 0;
        if (++digits > MAX_ITEM_DIGITS)
            return error_set(p->e, p->file, p->line, 1, "item number too long: expected at most "
                             "%d digits", MAX_ITEM_DIGITS);
        v = v * 10 + d;
        i += (unsigned char)s[i] < 0x80 ? 1 : 3;
    }
    if (digits == 0)
        return 0;
    if (v < 1)
        return error_set(p->e, p->file, p->line, 1, "取組項目 %ld: expected a number of 1 or more", v);
    *no = v;
    return 1;
}

/* Join a title or subtitle line: Japanese lines join with nothing. */
static void join_line(struct acc *a, const char *s, size_t n, long line, long column)
{
    if (n == 0)
        return;
    if (a->sb.len == 0) {
        a->line = line;
        a->column = column;
    } else if (text_is_alnum(a->sb.buf[a->sb.len - 1]) && text_is_alnum(s[0])) {
        strbuf_addch(&a->sb, ' ');
    }
    strbuf_add(&a->sb, s, n);
}

/* Tidy s[a..b) (column col) and join it to a one-line value. */
static void join_tidied(struct parser *p, struct acc *to, const char *s, size_t a, size_t b, long col)
{
    text_tidy(&p->tidy, s + a, b - a, col);
    for (size_t k = 0; k < p->tidy.n_paras; k++) {
        const struct para *pa = &p->tidy.paras[k];
        join_line(to, pa->text, pa->len, p->line, pa->col[0]);
    }
}

static long column_at(const char *s, size_t off)
{
    return (long)utf8_count(s, off) + 1;
}

static int title_line(struct parser *p, const char *s, size_t n)
{
    size_t a = 0, b = n;
    text_trim_line(s, &a, &b);
    if (p->state == S_EXPECT_TITLE) {
        if (a == b)
            return 0;
        if (b - a < 3 || memcmp(s + a, "【", 3) != 0)
            return error_set(p->e, p->file, p->line, column_at(s, a),
                             "item %ld: expected its 【title】", p->item->no);
        a += 3;
        p->title_line = p->line;
        p->state = S_TITLE;
    } else if (a == b) {
        return error_set(p->e, p->file, p->line, 0,
                         "item %ld: expected 】 closing the title opened at line %ld",
                         p->item->no, p->title_line);
    }
    size_t close = text_find_last(s, a, b, "】");
    size_t end = close < b ? close : b;
    join_tidied(p, &p->acc[IMPORT_TITLE], s, a, end, column_at(s, a));
    if (close < b) {
        p->state = S_AFTER_TITLE;
        size_t r = close + 3;
        join_tidied(p, &p->acc[IMPORT_SUBTITLE], s, r, b, column_at(s, r));
    } else if (++p->title_lines >= MAX_TITLE_LINES) {
        return error_set(p->e, p->file, p->line, 0,
                         "item %ld: expected 】 closing the title opened at line %ld",
                         p->item->no, p->title_line);
    }
    return 0;
}

/* Could this line be a row of the item's body rather than its subtitle? */
static bool is_body_line(struct parser *p, const char *s, size_t n)
{
    size_t a = 0, b = n, fl, hl;
    if (memchr(s, '\t', n) || text_is_rule(s, n))
        return true;
    text_trim_line(s, &a, &b);
    if (a < b && s[a] == '<')
        return true;
    bool slip;
    return match_furniture(s + a, b - a, &fl) || match_heading(s + a, b - a, 0, &hl) >= 0
           || stage_match(p, s + a, b - a, false, &slip) >= 0;
}

static int one_line(struct parser *p, const char *s, size_t n)
{
    long no = 0;
    int h;
    if (p->state != S_TITLE && (h = item_header(p, s, n, &no)) != 0)
        return h < 0 ? -1 : start_item(p, no);
    bool blank = text_is_blank(s, n);
    switch (p->state) {
    case S_BEFORE:
        if (blank)
            return 0;
        if (!p->out->title) {
            struct acc t = { STRBUF_INIT, 0, 0 };
            join_tidied(p, &t, s, 0, n, 1);
            p->out->title = strbuf_detach(&t.sb, NULL);
            p->out->title_line = p->line;
        } else {
            warn(p, p->line, 1, "text before the first 取組項目 ignored");
        }
        return 0;
    case S_EXPECT_TITLE:
    case S_TITLE:
        return title_line(p, s, n);
    case S_AFTER_TITLE:
        if (blank) {
            p->state = S_BODY;
            return 0;
        }
        if (!is_body_line(p, s, n)) {
            join_tidied(p, &p->acc[IMPORT_SUBTITLE], s, 0, n, 1);
            return 0;
        }
        p->state = S_BODY;
        return body_line(p, s, n);
    case S_BODY:
        if (blank || text_is_rule(s, n))
            return 0;
        return body_line(p, s, n);
    }
    return 0;
}

/* Refuse what no sheet can hold: invalid UTF-8, NUL, control characters. */
static int check_text(const char *s, size_t n, const char *file, struct error *e)
{
    long line = 1, col = 1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == UTF8_INVALID)
            return error_set(e, file, line, col, "invalid UTF-8 (byte 0x%02X): expected UTF-8 text",
                             (unsigned char)s[i]);
        if (cp == '\n') {
            line++;
            col = 1;
            i += k;
            continue;
        }
        if (cp == 0)
            return error_set(e, file, line, col, "NUL byte: expected text");
        if (utf8_is_control(cp) && cp != '\t' && cp != '\r' && cp != '\f' && cp != '\v')
            return error_set(e, file, line, col, "control character U+%04X: expected text",
                             (unsigned)cp);
        i += k;
        col++;
    }
    return 0;
}

static void parser_free(struct parser *p)
{
    for (int f = 0; f < IMPORT_N_FIELDS; f++)
        strbuf_release(&p->acc[f].sb);
    strbuf_release(&p->end_before.sb);
    strbuf_release(&p->end_after.sb);
    strbuf_release(&p->end_by_ctx[0].sb);
    strbuf_release(&p->end_by_ctx[1].sb);
    text_tidy_release(&p->tidy);
}

int import_sheet_parse(const char *text, size_t len, const char *file,
                       const struct import_sheet_vocab *vocab,
                       struct import_sheet *out, struct error *e)
{
    memset(out, 0, sizeof *out);
    error_clear(e);
    if (check_text(text, len, file, e) < 0)
        return -1;
    struct parser p;
    memset(&p, 0, sizeof p);
    p.v = vocab ? vocab : &default_vocab;
    p.file = file;
    p.e = e;
    p.out = out;
    p.stage = NO_STAGE;
    size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int rc = 0;
    while (rc == 0 && pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        p.line++;
        rc = one_line(&p, text + pos, end - pos);
        pos = end + 1;
    }
    if (rc == 0)
        rc = finish_item(&p);
    if (rc == 0 && out->n_items == 0)
        rc = error_set(e, file, p.line > 0 ? p.line : 1, 0,
                       "expected 取組項目 N: no item found");
    parser_free(&p);
    if (rc < 0)
        import_sheet_free(out);
    return rc;
}

void import_sheet_free(struct import_sheet *s)
{
    if (!s)
        return;
    free(s->title);
    for (size_t i = 0; i < s->n_items; i++)
        for (int f = 0; f < IMPORT_N_FIELDS; f++)
            free(s->items[i].values[f].text);
    free(s->items);
    for (size_t i = 0; i < s->n_warnings; i++)
        free(s->warnings[i].msg);
    free(s->warnings);
    memset(s, 0, sizeof *s);
}

void import_warning_format(const struct import_warning *w, const char *file, struct strbuf *out)
{
    size_t start = out->len;
    if (file && *file)
        strbuf_addf(out, "%s:", file);
    if (w->line > 0) {
        strbuf_addf(out, "%ld:", w->line);
        if (w->column > 0)
            strbuf_addf(out, "%ld:", w->column);
    }
    if (out->len > start)
        strbuf_addch(out, ' ');
    if (w->item > 0)
        strbuf_addf(out, "item %ld: ", w->item);
    strbuf_addstr(out, w->msg);
}
