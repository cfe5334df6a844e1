/*
 * import_sheet_body.c - an item's body: its table rows, the stages they
 * belong to and the values they carry (see import_sheet_impl.h).
 *
 * A body row is split into tab cells, each cell into tidied paragraphs,
 * and each paragraph goes, after its leading form headings are dropped,
 * to the current stage:
 *   計画          (趣旨・目的)-style sub-headings start values; (目標) is
 *                 the left column's goal or the right column's year goal,
 *                 whichever column the text is in; a cell without a
 *                 sub-heading continues the value of its tab column;
 *   中間振り返り  the choice boxes are read, every other word is 課題と改善策;
 *   年度評価      text before the 目標達成/目標未達成 boxes is the results,
 *                 text after them the issues (with no boxes: the column
 *                 heading last seen decides).
 * A stage starts at its name in a row's first cell (年度評価 or an alias)
 * or at a form heading that only that stage has.  Stages only go
 * forward, so stage names listed again after an item are ignored.
 */
#include "import_sheet_impl.h"

#include <string.h>

#include "i18n.h"
#include "utf8.h"

/* 完了 under a stage's name (export_html.h prints it; done_mark reads it). */
#define EXPORT_DONE_WORD "完了"

/* The value each choice fills. */
static const int choice_field[IMPORT_N_CHOICES] = {
    IMPORT_MID_PROGRESS, IMPORT_MID_OUTLOOK, IMPORT_END_RESULT
};

/* The form's column headings: dropped, but they tell stage and column. */
enum effect { FX_NONE, FX_LEFT, FX_RIGHT, FX_RESULTS, FX_ISSUES };
static const struct furniture {
    const char *text;
    int stage;
    enum effect fx;
    bool inside_only;       /* a heading only within its stage; elsewhere words */
} furniture[] = {
    { "取組の方針・目標内容", IMPORT_PLAN, FX_LEFT, false },
    { "当年度の取組内容", IMPORT_PLAN, FX_RIGHT, false },
    { "取組内容の実施見込み", IMPORT_MID, FX_NONE, false },
    { "目標の達成見込み", IMPORT_MID, FX_NONE, false },
    { "当年度の取組実績及び目標の達成状況", IMPORT_END, FX_RESULTS, false },
    { "課題と改善策", NO_STAGE, FX_ISSUES, false },
    /* the result's label before its boxes, as torikumi prints it (export_html.h) */
    { "目標の達成", IMPORT_END, FX_NONE, true },
};

/* How a missing 計画 value is named in warnings. */
static const char *const plan_names[] = {
    [IMPORT_PLAN_PURPOSE] = "(趣旨・目的)",
    [IMPORT_PLAN_OVERVIEW] = "(取組の概要)",
    [IMPORT_PLAN_GOAL] = N_("(目標) of 取組の方針・目標内容"),
    [IMPORT_PLAN_ACTIONS] = "(取組の内容)",
    [IMPORT_PLAN_YEARGOAL] = N_("(目標) of 当年度の取組内容"),
};

static void acc_move(struct acc *to, struct acc *from)
{
    import_acc_add(to, strbuf_cstr(&from->sb), from->sb.len, from->line, from->column);
    strbuf_reset(&from->sb);
}

/* ---- words of the layout ---- */

static bool names_are(const struct import_sheet_names *st, const char *s, size_t n)
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

static bool names_end_like(const struct import_sheet_names *st, const char *s, size_t n)
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
        if (names_are(&p->v->stages[st], s, n))
            return st;
    if (!fuzzy || n == 0 || utf8_count(s, n) > 6)
        return -1;
    int found = -1;
    for (int st = 0; st < IMPORT_N_STAGES; st++) {
        if (!names_end_like(&p->v->stages[st], s, n))
            continue;
        if (found >= 0)
            return -1;
        found = st;
    }
    *slip = found >= 0;
    return found;
}

static const char *nz(const char *s)
{
    return s ? s : "?";
}

static const char *stage_label(const struct parser *p, int st)
{
    return nz(p->v->stages[st].label);
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
static const struct furniture *match_furniture(const char *s, size_t n, int stage,
                                               size_t *len)
{
    static const struct furniture note = { "", NO_STAGE, FX_NONE, false };
    if ((*len = match_left_note(s, n)) > 0)
        return &note;
    for (size_t i = 0; i < ARRAY_LEN(furniture); i++) {
        size_t fl = strlen(furniture[i].text);
        if (furniture[i].inside_only && furniture[i].stage != stage)
            continue;
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

/* Length of name (or of one of its aliases) at s[at], followed by ")" or "）". */
static size_t names_at(const struct import_sheet_names *nm, const char *s, size_t n, size_t at)
{
    for (size_t i = 0; i <= nm->n_aliases; i++) {
        const char *w = i == 0 ? nm->label : nm->aliases[i - 1];
        size_t wl = w ? strlen(w) : 0;
        if (wl > 0 && wl <= n - at && memcmp(s + at, w, wl) == 0
            && match_paren(s, n, at + wl, false))
            return wl;
    }
    return 0;
}

/*
 * A 計画 sub-heading at s[at]: "(X)" after a blank or the start, before a
 * blank or the end.  Returns the value it starts (the goal's heading in
 * the right-hand column is the year goal's), or NO_FIELD.
 */
static int match_heading(const struct parser *p, const char *s, size_t n, size_t at, size_t *len)
{
    if (at > 0 && s[at - 1] != ' ')
        return NO_FIELD;
    size_t o = match_paren(s, n, at, true);
    if (o == 0)
        return NO_FIELD;
    for (int k = 0; k < IMPORT_N_PLAN; k++) {
        size_t wl = names_at(&p->v->plan[k], s, n, at + o);
        size_t c = wl ? match_paren(s, n, at + o + wl, false) : 0;
        if (c == 0 || !followed_by_break(s, n, at + o + wl + c))
            continue;
        *len = o + wl + c;
        int f = IMPORT_PLAN_PURPOSE + k;
        return f == IMPORT_PLAN_GOAL && p->side == RIGHT ? IMPORT_PLAN_YEARGOAL : f;
    }
    return NO_FIELD;
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

static int plan_text(struct parser *p, const struct para *pa, size_t pos, size_t cell)
{
    const char *s = pa->text;
    size_t n = pa->len;
    for (;;) {
        size_t q = pos, hl = 0;
        int f = NO_FIELD;
        for (; q < n; q++)
            if ((s[q] == '(' || (unsigned char)s[q] == 0xEF)
                && (f = match_heading(p, s, n, q, &hl)) != NO_FIELD)
                break;
        size_t a = pos, b = q;
        trim(s, &a, &b);
        if (a < b) {
            const struct import_sheet_names *pl = p->v->plan;
            if (p->plan_field == NO_FIELD)
                return error_set(p->e, p->file, p->line, pa->col[a],
                                 _("item %ld: expected a sub-heading such as (%s), (%s), (%s) or "
                                   "(%s) before this text"), p->item->no, nz(pl[0].label),
                                 nz(pl[1].label), nz(pl[2].label), nz(pl[3].label));
            import_acc_add(&p->acc[p->plan_field], s + a, b - a, p->line, pa->col[a]);
        }
        if (f == NO_FIELD)
            return 0;
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
        import_acc_add(&p->acc[IMPORT_MID_ISSUES], s, b - a, p->line, col);
    } else if (p->end_boxes) {
        import_acc_add(&p->end_after, s, b - a, p->line, col);
    } else {
        import_acc_add(&p->end_before, s, b - a, p->line, col);
        import_acc_add(&p->end_by_ctx[p->end_ctx], s, b - a, p->line, col);
    }
}

/*
 * 中間振り返り and 年度評価: find the boxes, keep the rest.  Each choice's
 * next pair is searched for once and kept until passed, and a choice not
 * found is not searched for again, so a paragraph is scanned in linear time.
 */
static void boxes_text(struct parser *p, const struct para *pa, size_t pos)
{
    int first = p->stage == IMPORT_MID ? IMPORT_CHOICE_PROGRESS : IMPORT_CHOICE_RESULT;
    int last = p->stage == IMPORT_MID ? IMPORT_CHOICE_OUTLOOK : IMPORT_CHOICE_RESULT;
    struct boxes next[IMPORT_N_CHOICES];
    enum { UNKNOWN, FOUND, NONE } state[IMPORT_N_CHOICES] = { UNKNOWN, UNKNOWN, UNKNOWN };
    for (;;) {
        int best = -1;
        for (int c = first; c <= last; c++) {
            const struct import_sheet_choice_labels *cl = &p->v->choices[c];
            if (state[c] == UNKNOWN || (state[c] == FOUND && next[c].start < pos))
                state[c] = text_find_boxes(pa->text, pa->len, pos, cl->label[0], cl->label[1],
                                           &next[c]) ? FOUND : NONE;
            if (state[c] == FOUND && (best < 0 || next[c].start < next[best].start))
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

static int para_text(struct parser *p, const struct para *pa, size_t cell, bool cell_start)
{
    const char *s = pa->text;
    size_t n = pa->len, pos = 0, fl;
    if (cell_start && p->stage == IMPORT_PLAN && cell < MAX_COLS
        && p->col_field[cell] != NO_FIELD) {
        p->plan_field = p->col_field[cell];   /* a cell continues its column's value */
        p->side = side_of(p->plan_field);
    }
    const struct furniture *f;
    while (pos < n && (f = match_furniture(s + pos, n - pos, p->stage, &fl)) != NULL) {
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
                         _("item %ld: expected a stage (%s, %s, %s) or the heading "
                           "取組の方針・目標内容 before this text"), p->item->no,
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
                     _("item %ld: stage %s after %s: expected the stages in the order %s, %s, %s"),
                     p->item->no, stage_label(p, st), stage_label(p, p->stage),
                     stage_label(p, IMPORT_PLAN), stage_label(p, IMPORT_MID),
                     stage_label(p, IMPORT_END));
}

/* The first cell, when it names a stage: returns 1 (consumed), 0, or -1. */
/* Only kanji and kana, at most 6 of them: what a stage heading looks like. */
static bool looks_like_heading(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        uint32_t cp;
        i += utf8_decode(s + i, n - i, &cp);
        if (count >= 6 || !((cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF)))
            return false;
    }
    return count > 0;
}

/* The first cell, when it names a stage: returns 1 (consumed), 0, or -1. */
static int first_cell(struct parser *p, const char *line, size_t n, size_t cell_end)
{
    if (p->tidy.n_paras != 1)
        return 0;
    const struct para *pa = &p->tidy.paras[0];
    bool has_tab = cell_end < n, slip;
    size_t fl;
    int st = stage_match(p, pa->text, pa->len, has_tab, &slip);
    if (st < 0) {
        if (has_tab && looks_like_heading(pa->text, pa->len)
            && !match_furniture(pa->text, pa->len, p->stage, &fl))
            import_warn(p, p->line, pa->col[0], _("「%.*s」 in the first column is not a stage "
                          "heading (%s, %s, %s or an alias); read as text"), (int)pa->len, pa->text,
                        stage_label(p, IMPORT_PLAN), stage_label(p, IMPORT_MID),
                        stage_label(p, IMPORT_END));
        return 0;
    }
    if (slip)
        import_warn(p, p->line, pa->col[0], _("stage heading 「%.*s」 is not known; read as %s"),
                    (int)pa->len, pa->text, stage_label(p, st));
    bool bare = !has_tab || text_is_blank(line + cell_end, n - cell_end);
    if (stage_cell(p, st, bare, pa->col[0]) < 0)
        return -1;
    p->after_stage_name = bare && p->stage == st;
    return 1;
}

/* 完了 alone on the line after a stage's name (torikumi's printed sheet): the stage is done. */
static bool done_mark(struct parser *p, const char *s, size_t n)
{
    static const char word[] = "完了";
    bool after = p->after_stage_name;
    p->after_stage_name = false;
    size_t a = 0, b = n;
    text_trim_line(s, &a, &b);
    if (!after || p->stage == NO_STAGE || !mem_eq(s + a, b - a, word, sizeof word - 1))
        return false;
    p->item->done[p->stage] = true;
    return true;
}

int import_body_line(struct parser *p, const char *s, size_t n)
{
    size_t start = 0;
    long col = 1;
    if (done_mark(p, s, n))
        return 0;
    for (size_t cell = 0; start <= n; cell++) {
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

static void choice_warning(struct parser *p, int c)
{
    const struct choice_state *cs = &p->choice[c];
    const struct import_sheet_choice_labels *cl = &p->v->choices[c];
    const char *key = nz(p->v->keys[choice_field[c]]);
    int st = c == IMPORT_CHOICE_RESULT ? IMPORT_END : IMPORT_MID;
    if (!cs->found)
        import_warn(p, p->stage_line[st], 0, _("no %s / %s boxes found; %s left empty"),
                    nz(cl->label[0]), nz(cl->label[1]), key);
    else if (cs->conflict)
        import_warn(p, cs->line, cs->column, _("both %s and %s are ticked; %s left empty"),
                    nz(cl->label[0]), nz(cl->label[1]), key);
    else if (cs->tick < 0)
        import_warn(p, cs->line, cs->column,
                    _("neither %s nor %s is ticked (no tick survived in the text); %s left empty"),
                    nz(cl->label[0]), nz(cl->label[1]), key);
}

static void item_warnings(struct parser *p)
{
    long line = p->item->line;
    for (int st = 0; st < IMPORT_N_STAGES; st++)
        if (!p->seen[st])
            import_warn(p, line, 0, _("no %s stage found"), stage_label(p, st));
    if (p->seen[IMPORT_PLAN])
        for (int f = IMPORT_PLAN_PURPOSE; f <= IMPORT_PLAN_YEARGOAL; f++)
            if (p->acc[f].sb.len == 0)
                import_warn(p, p->stage_line[IMPORT_PLAN], 0, _("no %s text found; %s left empty"),
                            _(plan_names[f]), nz(p->v->keys[f]));
    if (p->seen[IMPORT_MID]) {
        choice_warning(p, IMPORT_CHOICE_PROGRESS);
        choice_warning(p, IMPORT_CHOICE_OUTLOOK);
    }
    if (p->seen[IMPORT_END]) {
        if (p->acc[IMPORT_END_RESULTS].sb.len == 0)
            import_warn(p, p->stage_line[IMPORT_END], 0,
                        _("no 当年度の取組実績及び目標の達成状況 text found; %s left empty"),
                        nz(p->v->keys[IMPORT_END_RESULTS]));
        choice_warning(p, IMPORT_CHOICE_RESULT);
    }
}

void import_body_start(struct parser *p)
{
    memset(p->seen, 0, sizeof p->seen);
    memset(p->stage_line, 0, sizeof p->stage_line);
    for (int c = 0; c < IMPORT_N_CHOICES; c++)
        p->choice[c] = (struct choice_state){ .tick = -1 };
    p->stage = NO_STAGE;
}

void import_body_finish(struct parser *p)
{
    close_stage(p);
    item_warnings(p);
    for (int c = 0; c < IMPORT_N_CHOICES; c++) {
        const struct choice_state *cs = &p->choice[c];
        const char *key = p->v->choices[c].key[cs->tick < 0 ? 0 : cs->tick];
        if (!cs->found || cs->conflict || cs->tick < 0 || !key)
            continue;
        struct import_value *v = &p->item->values[choice_field[c]];
        v->text = xstrdup(key);
        v->len = strlen(key);
        v->line = cs->line;
        v->column = cs->column;
    }
}

bool import_is_body_line(struct parser *p, const char *s, size_t n)
{
    size_t a = 0, b = n, fl, hl;
    if (memchr(s, '\t', n) || text_is_rule(s, n))
        return true;
    text_trim_line(s, &a, &b);
    if (a < b && s[a] == '<')
        return true;
    bool slip;
    return match_furniture(s + a, b - a, p->stage, &fl)
           || match_heading(p, s + a, b - a, 0, &hl) != NO_FIELD || stage_match(p, s + a, b - a, false, &slip) >= 0;
}

int import_body_literal(struct parser *p, const char *s, size_t n)
{
    p->after_stage_name = false;
    if (n == 0)
        return 0;
    if (p->stage == NO_STAGE || (p->stage == IMPORT_PLAN && p->plan_field == NO_FIELD))
        return error_set(p->e, p->file, p->line, 1, _("item %ld: expected a stage and a "
                           "heading before text marked %s"), p->item->no, IMPORT_SHEET_LITERAL);
    if (p->stage == IMPORT_PLAN) {
        import_acc_add(&p->acc[p->plan_field], s, n, p->line, 2);
    } else if (p->stage == IMPORT_MID) {
        import_acc_add(&p->acc[IMPORT_MID_ISSUES], s, n, p->line, 2);
    } else if (p->end_boxes) {
        import_acc_add(&p->end_after, s, n, p->line, 2);
    } else {
        import_acc_add(&p->end_before, s, n, p->line, 2);
        import_acc_add(&p->end_by_ctx[p->end_ctx], s, n, p->line, 2);
    }
    return 0;
}

/* Would tidying change s[0..n) beyond blank runs becoming one space? */
static bool tidy_changes(struct tidy *t, const char *s, size_t n)
{
    text_tidy(t, s, n, 1);
    if (t->n_paras != 1)
        return true;
    const struct para *pa = &t->paras[0];
    size_t k = 0;
    for (size_t i = 0; i < n; k++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v') {
            while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f'
                             || s[i] == '\v'))
                i++;
            if (k >= pa->len || pa->text[k] != ' ')
                return true;
            continue;
        }
        if (k >= pa->len || pa->text[k] != s[i])
            return true;
        i++;
    }
    return k != pa->len;
}

bool import_sheet_line_needs_mark(const struct import_sheet_vocab *v, const char *s, size_t n)
{
    static const char mark[] = IMPORT_SHEET_LITERAL, item[] = "取組項目";
    size_t a = 0, b = n;
    text_trim_line(s, &a, &b);
    s += a;
    n = b - a;
    if (n == 0)
        return false;
    if ((n >= sizeof mark - 1 && memcmp(s, mark, sizeof mark - 1) == 0)
        || (n >= sizeof item - 1 && memcmp(s, item, sizeof item - 1) == 0)
        || text_is_rule(s, n) || mem_eq(s, n, EXPORT_DONE_WORD, strlen(EXPORT_DONE_WORD)))
        return true;
    struct parser p;
    memset(&p, 0, sizeof p);
    p.v = v;
    p.side = LEFT;
    bool hit = tidy_changes(&p.tidy, s, n);
    const struct para *pa = hit ? NULL : &p.tidy.paras[0];
    size_t fl, hl;
    bool slip;
    if (pa && (stage_match(&p, pa->text, pa->len, false, &slip) >= 0
               || match_furniture(pa->text, pa->len, IMPORT_END, &fl)))
        hit = true;
    for (size_t q = 0; pa && !hit && q < pa->len; q++)
        if ((pa->text[q] == '(' || (unsigned char)pa->text[q] == 0xEF)
            && match_heading(&p, pa->text, pa->len, q, &hl) != NO_FIELD)
            hit = true;
    struct boxes g;
    for (int c = 0; pa && !hit && c < IMPORT_N_CHOICES; c++)
        hit = text_find_boxes(pa->text, pa->len, 0, p.v->choices[c].label[0],
                              p.v->choices[c].label[1], &g);
    text_tidy_release(&p.tidy);
    return hit;
}
