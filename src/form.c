/*
 * form.c - read form definitions (forms/NAME.form), find them by id,
 * and turn their rules into recutils descriptors.
 */
#include "form.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "recfile.h"

extern const char form_builtin_text[];

/* ---- small helpers ------------------------------------------------------ */

static char **strv_push(char **v, size_t *n, const char *s)
{
    v = xrealloc(v, (*n + 1) * sizeof(char *));
    v[(*n)++] = xstrdup(s);
    return v;
}

static void strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

static bool is_word(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_word_char(s[i]))
            return false;
    return true;
}

/* Split off the first blank-separated word of s into word and wlen; returns the rest. */
static const char *next_word(const char *s, const char **word, size_t *wlen)
{
    while (*s == ' ' || *s == '\t')
        s++;
    *word = s;
    while (*s && *s != ' ' && *s != '\t')
        s++;
    *wlen = (size_t)(s - *word);
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

bool form_bool_true(const char *v)
{
    return v && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

bool form_bool_valid(const char *v)
{
    return form_bool_true(v) || strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
           strcmp(v, "0") == 0;
}

bool form_condition_holds(const struct form *f, const struct form_condition *c,
                          const char *value)
{
    return value && str_eq(value, f->fields[c->field].choices[c->choice].key);
}

bool form_required_by_choice(const struct form_field *fld, int field, int choice)
{
    for (size_t i = 0; i < fld->n_required_when; i++)
        if (fld->required_when[i].field == field && fld->required_when[i].choice == choice)
            return true;
    return false;
}

int form_result_needing_more(const struct form *f)
{
    if (f->result_field < 0)
        return -1;
    for (size_t c = 0; c < f->fields[f->result_field].n_choices; c++)
        for (size_t i = 0; i < f->n_fields; i++)
            if (form_required_by_choice(&f->fields[i], f->result_field, (int)c))
                return (int)c;
    return -1;
}

int form_field_index(const struct form *f, const char *key)
{
    for (size_t i = 0; i < f->n_fields; i++)
        if (strcmp(f->fields[i].key, key) == 0)
            return (int)i;
    return -1;
}

size_t form_display_order(const struct form *f, int *order)
{
    size_t n = 0;
    for (size_t st = 0; st < f->n_stages; st++)
        for (size_t i = 0; i < f->n_fields; i++)
            if (f->fields[i].stage == (int)st)
                order[n++] = (int)i;
    return n;
}

int form_choice_index(const struct form_field *fld, const char *s, size_t len, bool by_label)
{
    for (size_t i = 0; i < fld->n_choices; i++) {
        const char *c = by_label ? fld->choices[i].label : fld->choices[i].key;
        if (mem_eq(c, strlen(c), s, len))
            return (int)i;
    }
    return -1;
}

static int stage_index(const struct form *f, const char *id)
{
    for (size_t i = 0; i < f->n_stages; i++)
        if (strcmp(f->stages[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* ---- parsing ------------------------------------------------------------ */

struct form_parser {
    struct form *form;
    const char *file;
    struct error *e;
    /* Names resolved once every field is known, with where they were written. */
    struct pending {
        enum pend_kind {
            PEND_REQUIRED_WHEN, PEND_REQUIRES, PEND_DONE,
            PEND_KEY_FIELD, PEND_TITLE_FIELD, PEND_STAMP_FIELD, PEND_RESULT_FIELD,
        } kind;
        int owner;          /* field (RequiredWhen) or stage index */
        char *text;
        long line;
    } *pending;
    size_t n_pending;
};

static int fail(struct form_parser *fp, long line, const char *fmt, const char *arg)
{
    return error_set(fp->e, fp->file, line, 0, fmt, arg);
}

static void defer(struct form_parser *fp, enum pend_kind kind, int owner, const char *text,
                  long line)
{
    fp->pending = xrealloc(fp->pending, (fp->n_pending + 1) * sizeof(*fp->pending));
    fp->pending[fp->n_pending++] = (struct pending){ kind, owner, xstrdup(text), line };
}

static int parse_form_record(struct form_parser *fp, const struct rec_record *r)
{
    struct form *f = fp->form;
    if (f->id)
        return fail(fp, r->line, _("a form has one %s record"), "Form");
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name)
            continue;
        char **slot = NULL;
        if (str_eq(en->name, "Id"))
            slot = &f->id;
        else if (str_eq(en->name, "Title"))
            slot = &f->title;
        else if (str_eq(en->name, "SheetRecord"))
            slot = &f->sheet_type;
        else if (str_eq(en->name, "ItemRecord"))
            slot = &f->record_type;
        else if (str_eq(en->name, "ItemLabel"))
            slot = &f->item_label;
        else if (str_eq(en->name, "KeyField")) {
            defer(fp, PEND_KEY_FIELD, -1, en->value, en->line);
            continue;
        } else if (str_eq(en->name, "TitleField")) {
            defer(fp, PEND_TITLE_FIELD, -1, en->value, en->line);
            continue;
        } else if (str_eq(en->name, "StampField")) {
            defer(fp, PEND_STAMP_FIELD, -1, en->value, en->line);
            continue;
        } else if (str_eq(en->name, "ResultField")) {
            defer(fp, PEND_RESULT_FIELD, -1, en->value, en->line);
            continue;
        } else
            return fail(fp, en->line, _("unknown attribute %s in the Form record"), en->name);
        free(*slot);
        *slot = xstrdup(en->value);
    }
    if (!f->id || !is_word(f->id, strlen(f->id)))
        return fail(fp, r->line, _("the Form record needs an Id made of %s"), "[A-Za-z0-9._-]");
    if (!f->record_type || !rec_valid_name(f->record_type, strlen(f->record_type)))
        return fail(fp, r->line, _("the Form record needs an ItemRecord that is a %s"),
                    _("valid record name"));
    if (!f->sheet_type || !rec_valid_name(f->sheet_type, strlen(f->sheet_type)))
        return fail(fp, r->line, _("the Form record needs a SheetRecord that is a %s"),
                    _("valid record name"));
    if (!f->item_label)
        f->item_label = xstrdup(f->record_type);
    if (!f->title)
        f->title = xstrdup(f->id);
    return 0;
}

static int parse_stage_record(struct form_parser *fp, const struct rec_record *r)
{
    struct form *f = fp->form;
    f->stages = xrealloc(f->stages, (f->n_stages + 1) * sizeof(*f->stages));
    struct form_stage *st = &f->stages[f->n_stages++];
    memset(st, 0, sizeof(*st));
    st->done_field = -1;
    int idx = (int)f->n_stages - 1;
    for (size_t i = 0; i < r->n_entries; i++) {
        const struct rec_entry *en = &r->entries[i];
        if (!en->name)
            continue;
        if (str_eq(en->name, "Id")) {
            free(st->id);
            st->id = xstrdup(en->value);
        } else if (str_eq(en->name, "Label")) {
            free(st->label);
            st->label = xstrdup(en->value);
        } else if (str_eq(en->name, "ShortLabel")) {
            free(st->short_label);
            st->short_label = xstrdup(en->value);
        } else if (str_eq(en->name, "Alias"))
            st->aliases = strv_push(st->aliases, &st->n_aliases, en->value);
        else if (str_eq(en->name, "Help")) {
            free(st->help);
            st->help = xstrdup(en->value);
        } else if (str_eq(en->name, "Done"))
            defer(fp, PEND_DONE, idx, en->value, en->line);
        else if (str_eq(en->name, "Requires"))
            defer(fp, PEND_REQUIRES, idx, en->value, en->line);
        else
            return fail(fp, en->line, _("unknown attribute %s in a Stage record"), en->name);
    }
    if (!st->id || !is_word(st->id, strlen(st->id)))
        return fail(fp, r->line, _("a Stage record needs an Id made of %s"), "[A-Za-z0-9._-]");
    for (int i = 0; i < idx; i++)
        if (str_eq(f->stages[i].id, st->id))
            return fail(fp, r->line, _("stage %s is defined twice"), st->id);
    if (!st->label)
        st->label = xstrdup(st->id);
    return 0;
}

static int parse_kind(const char *s, enum field_kind *kind)
{
    static const struct { const char *name; enum field_kind kind; } kinds[] = {
        { "line", FIELD_LINE }, { "text", FIELD_TEXT }, { "choice", FIELD_CHOICE },
        { "integer", FIELD_INTEGER }, { "bool", FIELD_BOOL }, { "stamp", FIELD_STAMP },
    };
    for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
        if (str_eq(s, kinds[i].name)) {
            *kind = kinds[i].kind;
            return 0;
        }
    return -1;
}

static int parse_long(const char *s, long *out)
{
    char *end;
    if (!*s)
        return -1;
    long v = strtol(s, &end, 10);
    if (*end || v < 0)
        return -1;
    *out = v;
    return 0;
}

static int add_choice(struct form_parser *fp, struct form_field *fld, const struct rec_entry *en)
{
    const char *key;
    size_t klen;
    const char *label = next_word(en->value, &key, &klen);
    if (!rec_valid_name(key, klen) || key[0] == '%')
        return fail(fp, en->line, _("a Choice is \"KEY LABEL\" with an ASCII KEY, not \"%s\""),
                    en->value);
    for (size_t i = 0; i < fld->n_choices; i++)
        if (mem_eq(fld->choices[i].key, strlen(fld->choices[i].key), key, klen))
            return fail(fp, en->line, _("choice %s is listed twice"), en->value);
    fld->choices = xrealloc(fld->choices, (fld->n_choices + 1) * sizeof(*fld->choices));
    fld->choices[fld->n_choices].key = xstrndup(key, klen);
    fld->choices[fld->n_choices].label = xstrdup(*label ? label : fld->choices[fld->n_choices].key);
    fld->n_choices++;
    return 0;
}

static int field_attribute(struct form_parser *fp, struct form_field *fld, int idx,
                           const struct rec_entry *en)
{
    const char *n = en->name;
    if (str_eq(n, "Key")) {
        free(fld->key);
        fld->key = xstrdup(en->value);
    } else if (str_eq(n, "Label")) {
        free(fld->label);
        fld->label = xstrdup(en->value);
    } else if (str_eq(n, "Group")) {
        free(fld->group);
        fld->group = xstrdup(en->value);
    } else if (str_eq(n, "Help")) {
        free(fld->help);
        fld->help = xstrdup(en->value);
    } else if (str_eq(n, "Alias"))
        fld->aliases = strv_push(fld->aliases, &fld->n_aliases, en->value);
    else if (str_eq(n, "Stage")) {
        fld->stage = stage_index(fp->form, en->value);
        if (fld->stage < 0)
            return fail(fp, en->line, _("unknown stage %s (stages are defined before fields)"),
                        en->value);
    } else if (str_eq(n, "Kind")) {
        if (parse_kind(en->value, &fld->kind) < 0)
            return fail(fp, en->line,
                        _("unknown Kind %s: expected line, text, choice, integer, bool or stamp"),
                        en->value);
    } else if (str_eq(n, "Choice"))
        return add_choice(fp, fld, en);
    else if (str_eq(n, "MaxLength")) {
        if (parse_long(en->value, &fld->max_length) < 0)
            return fail(fp, en->line, _("MaxLength must be a whole number, not %s"), en->value);
    } else if (str_eq(n, "Min")) {
        if (parse_long(en->value, &fld->min_value) < 0)
            return fail(fp, en->line, _("Min must be a whole number, not %s"), en->value);
    } else if (str_eq(n, "Mandatory")) {
        if (!form_bool_valid(en->value))
            return fail(fp, en->line, _("Mandatory must be yes or no, not %s"), en->value);
        fld->mandatory = form_bool_true(en->value);
    } else if (str_eq(n, "FullWidth")) {
        if (!form_bool_valid(en->value))
            return fail(fp, en->line, _("FullWidth must be yes or no, not %s"), en->value);
        fld->fullwidth = form_bool_true(en->value);
    } else if (str_eq(n, "RequiredWhen"))
        defer(fp, PEND_REQUIRED_WHEN, idx, en->value, en->line);
    else
        return fail(fp, en->line, _("unknown attribute %s in a Field record"), n);
    return 0;
}

static int parse_field_record(struct form_parser *fp, const struct rec_record *r)
{
    struct form *f = fp->form;
    f->fields = xrealloc(f->fields, (f->n_fields + 1) * sizeof(*f->fields));
    struct form_field *fld = &f->fields[f->n_fields++];
    memset(fld, 0, sizeof(*fld));
    fld->stage = -1;
    fld->kind = FIELD_TEXT;
    int idx = (int)f->n_fields - 1;
    for (size_t i = 0; i < r->n_entries; i++)
        if (r->entries[i].name && field_attribute(fp, fld, idx, &r->entries[i]) < 0)
            return -1;
    if (!fld->key || !rec_valid_name(fld->key, strlen(fld->key)) || fld->key[0] == '%')
        return fail(fp, r->line, _("a Field record needs a Key that is a %s"),
                    _("recutils field name ([A-Za-z][A-Za-z0-9_]*)"));
    for (int i = 0; i < idx; i++)
        if (str_eq(f->fields[i].key, fld->key))
            return fail(fp, r->line, _("field %s is defined twice"), fld->key);
    if (fld->stage < 0)
        return fail(fp, r->line, _("field %s needs a Stage"), fld->key);
    if (fld->kind == FIELD_CHOICE && fld->n_choices == 0)
        return fail(fp, r->line, _("choice field %s needs Choice lines"), fld->key);
    if (fld->kind != FIELD_CHOICE && fld->n_choices > 0)
        return fail(fp, r->line, _("field %s has Choice lines but is not Kind: choice"), fld->key);
    if (!fld->label)
        fld->label = xstrdup(fld->key);
    if (fld->fullwidth && fld->kind != FIELD_LINE && fld->kind != FIELD_TEXT)
        return fail(fp, r->line, _("field %s has FullWidth but is not Kind: line or text"), fld->key);
    fld->hidden = fld->kind == FIELD_BOOL;
    return 0;
}

static int resolve_field(struct form_parser *fp, const char *key, size_t len, long line)
{
    char *k = xstrndup(key, len);
    int i = form_field_index(fp->form, k);
    if (i < 0)
        fail(fp, line, _("unknown field %s"), k);
    free(k);
    return i;
}

static int resolve_required_when(struct form_parser *fp, const struct pending *pd)
{
    const char *w;
    size_t wl;
    const char *rest = next_word(pd->text, &w, &wl);
    int other = resolve_field(fp, w, wl, pd->line);
    if (other < 0)
        return -1;
    struct form_field *of = &fp->form->fields[other];
    if (of->kind != FIELD_CHOICE)
        return fail(fp, pd->line, _("RequiredWhen needs a choice field, %s is not one"), of->key);
    const char *c;
    size_t cl;
    next_word(rest, &c, &cl);
    int choice = form_choice_index(of, c, cl, false);
    if (choice < 0)
        return fail(fp, pd->line, _("RequiredWhen names a choice %s does not have"), pd->text);
    struct form_field *fld = &fp->form->fields[pd->owner];
    fld->required_when = xrealloc(fld->required_when,
                                  (fld->n_required_when + 1) * sizeof(*fld->required_when));
    fld->required_when[fld->n_required_when++] = (struct form_condition){ other, choice };
    return 0;
}

static int resolve_requires(struct form_parser *fp, const struct pending *pd)
{
    struct form_stage *st = &fp->form->stages[pd->owner];
    const char *s = pd->text;
    for (;;) {
        const char *w;
        size_t wl;
        s = next_word(s, &w, &wl);
        if (wl == 0)
            return 0;
        int f = resolve_field(fp, w, wl, pd->line);
        if (f < 0)
            return -1;
        st->requires = xrealloc(st->requires, (st->n_requires + 1) * sizeof(int));
        st->requires[st->n_requires++] = f;
    }
}

static int resolve_named_field(struct form_parser *fp, const struct pending *pd)
{
    int f = resolve_field(fp, pd->text, strlen(pd->text), pd->line);
    if (f < 0)
        return -1;
    struct form *form = fp->form;
    enum field_kind kind = form->fields[f].kind;
    switch (pd->kind) {
    case PEND_DONE:
        if (kind != FIELD_BOOL)
            return fail(fp, pd->line, _("a stage's Done field must be Kind: bool, %s is not"),
                        pd->text);
        form->stages[pd->owner].done_field = f;
        break;
    case PEND_KEY_FIELD:
        if (kind != FIELD_INTEGER)
            return fail(fp, pd->line, _("KeyField must be Kind: integer, %s is not"), pd->text);
        form->key_field = f;
        break;
    case PEND_TITLE_FIELD:
        form->title_field = f;
        break;
    case PEND_STAMP_FIELD:
        if (kind != FIELD_STAMP)
            return fail(fp, pd->line, _("StampField must be Kind: stamp, %s is not"), pd->text);
        form->stamp_field = f;
        break;
    case PEND_RESULT_FIELD:
        if (kind != FIELD_CHOICE)
            return fail(fp, pd->line, _("ResultField must be Kind: choice, %s is not"), pd->text);
        form->result_field = f;
        break;
    default:
        break;
    }
    return 0;
}

static int resolve_pending(struct form_parser *fp)
{
    for (size_t i = 0; i < fp->n_pending; i++) {
        const struct pending *pd = &fp->pending[i];
        int rc = pd->kind == PEND_REQUIRED_WHEN ? resolve_required_when(fp, pd)
                 : pd->kind == PEND_REQUIRES    ? resolve_requires(fp, pd)
                                                : resolve_named_field(fp, pd);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int parse_records(struct form_parser *fp, const struct rec_doc *doc)
{
    for (size_t b = 0; b < doc->n_blocks; b++) {
        const struct rec_block *blk = &doc->blocks[b];
        if (blk->kind != REC_BLOCK_RECORD || blk->record->is_descriptor)
            continue;
        const struct rec_record *r = blk->record;
        const char *type = r->type ? r->type : "";
        int rc;
        if (str_eq(type, "Form"))
            rc = parse_form_record(fp, r);
        else if (str_eq(type, "Stage"))
            rc = parse_stage_record(fp, r);
        else if (str_eq(type, "Field"))
            rc = parse_field_record(fp, r);
        else
            rc = fail(fp, r->line, _("unexpected record (a form holds %s records)"),
                      _("Form, Stage and Field"));
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Labels and names end up on one line of the screen, a comment or %doc: no control
 * characters (help text may have line breaks). */
static bool one_line_clean(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

static int check_clean(struct form_parser *fp, const char *what, const char *s)
{
    if (s && !one_line_clean(s))
        return fail(fp, 1, _("%s holds a line break or a control character"), what);
    return 0;
}

static int check_strv(struct form_parser *fp, const char *what, char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (check_clean(fp, what, v[i]) < 0)
            return -1;
    return 0;
}

static int check_texts(struct form_parser *fp)
{
    const struct form *f = fp->form;
    if (check_clean(fp, _("the Form's Title"), f->title) < 0 ||
        check_clean(fp, _("the Form's ItemLabel"), f->item_label) < 0)
        return -1;
    for (size_t i = 0; i < f->n_stages; i++)
        if (check_clean(fp, _("a Stage's Label"), f->stages[i].label) < 0 ||
            check_clean(fp, _("a Stage's ShortLabel"), f->stages[i].short_label) < 0 ||
            check_strv(fp, _("a Stage's Alias"), f->stages[i].aliases, f->stages[i].n_aliases) < 0)
            return -1;
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        if (check_clean(fp, _("a Field's Label"), fld->label) < 0 ||
            check_clean(fp, _("a Field's Group"), fld->group) < 0 ||
            check_strv(fp, _("a Field's Alias"), fld->aliases, fld->n_aliases) < 0)
            return -1;
        for (size_t c = 0; c < fld->n_choices; c++)
            if (check_clean(fp, _("a Choice"), fld->choices[c].label) < 0)
                return -1;
    }
    return 0;
}

struct form *form_parse(const char *text, size_t len, const char *file, struct error *e)
{
    struct rec_doc *doc = rec_parse(text, len, file, e);
    if (!doc)
        return NULL;
    struct form *f = xcalloc(1, sizeof(*f));
    f->key_field = f->title_field = f->stamp_field = f->result_field = -1;
    struct form_parser fp = { f, file, e, NULL, 0 };
    int rc = parse_records(&fp, doc);
    if (rc == 0 && !f->id)
        rc = fail(&fp, 1, _("no Form record: expected %s"), "%rec: Form with an Id");
    if (rc == 0 && f->n_fields == 0)
        rc = fail(&fp, 1, _("no Field records: expected %s"), "%rec: Field");
    if (rc == 0)
        rc = resolve_pending(&fp);
    if (rc == 0)
        rc = check_texts(&fp);
    if (rc == 0 && f->key_field < 0)
        rc = fail(&fp, 1, _("the Form record needs a KeyField (%s)"), _("an integer field"));
    for (size_t i = 0; i < fp.n_pending; i++)
        free(fp.pending[i].text);
    free(fp.pending);
    rec_doc_free(doc);
    if (rc < 0) {
        form_free(f);
        return NULL;
    }
    return f;
}

struct form *form_load_file(const char *path, struct error *e)
{
    char *text;
    size_t len;
    if (read_file(path, &text, &len, e) < 0)
        return NULL;
    struct form *f = form_parse(text, len, path, e);
    free(text);
    return f;
}

struct form *form_builtin(void)
{
    struct error e;
    struct form *f = form_parse(form_builtin_text, strlen(form_builtin_text),
                                _("(built-in form)"), &e);
    if (!f)
        die(3, _("the built-in form is broken: %s"), e.msg);
    return f;
}

static struct form *try_dir(const char *dir, size_t dlen, const char *id, struct error *e)
{
    char *path = xasprintf("%.*s/%s.form", (int)dlen, dir, id);
    struct form *f = NULL;
    if (access(path, F_OK) == 0) {
        f = form_load_file(path, e);
        if (f && !str_eq(f->id, id)) {
            error_set(e, path, 0, 0, _("the form in this file is %s, not %s"), f->id, id);
            form_free(f);
            f = NULL;
        }
    }
    free(path);
    return f;
}

struct form *form_find(const char *id, struct error *e)
{
    error_clear(e);
    if (!is_word(id, strlen(id)) || id[0] == '.') {
        error_set(e, NULL, 0, 0, _("invalid form id \"%s\""), id);
        return NULL;
    }
    const char *path = getenv("TORIKUMI_FORM_PATH");
    while (path && *path) {
        size_t n = strcspn(path, ":");
        if (n > 0) {
            struct form *f = try_dir(path, n, id, e);
            if (f || e->msg[0])
                return f;
        }
        path += n + (path[n] == ':');
    }
    struct form *f = try_dir(FORMDIR, strlen(FORMDIR), id, e);
    if (f || e->msg[0])
        return f;
    f = form_builtin();
    if (str_eq(f->id, id))
        return f;
    form_free(f);
    error_set(e, NULL, 0, 0,
              _("unknown form \"%s\": no %s.form in $TORIKUMI_FORM_PATH or %s"), id, id, FORMDIR);
    return NULL;
}

void form_free(struct form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_fields; i++) {
        struct form_field *fld = &f->fields[i];
        free(fld->key);
        free(fld->label);
        free(fld->group);
        free(fld->help);
        strv_free(fld->aliases, fld->n_aliases);
        for (size_t c = 0; c < fld->n_choices; c++) {
            free(fld->choices[c].key);
            free(fld->choices[c].label);
        }
        free(fld->choices);
        free(fld->required_when);
    }
    free(f->fields);
    for (size_t i = 0; i < f->n_stages; i++) {
        struct form_stage *st = &f->stages[i];
        free(st->id);
        free(st->label);
        free(st->short_label);
        free(st->help);
        strv_free(st->aliases, st->n_aliases);
        free(st->requires);
    }
    free(f->stages);
    free(f->id);
    free(f->title);
    free(f->record_type);
    free(f->sheet_type);
    free(f->item_label);
    free(f);
}

/* ---- recutils descriptors ------------------------------------------------ */

/*
 * Values may hold tabs and (multi-line kinds) newlines but no other
 * control character.  The newline sits inside the bracket alternative
 * through a "+ " continuation line because recutils regexps have no
 * escapes.  A length bound ({0,N}) is left out on purpose: recfix takes
 * minutes on bounded repetitions, so max lengths are torikumi's alone.
 */
static void add_text_type(struct strbuf *out, const struct form_field *fld)
{
    strbuf_addf(out, "%%type: %s regexp /^([^[:cntrl:]]|[[:blank:]]", fld->key);
    if (fld->kind == FIELD_TEXT)
        strbuf_addstr(out, "|\n+ ");
    strbuf_addstr(out, ")*$/\n");
}

static void add_types(const struct form *f, struct strbuf *out)
{
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        switch (fld->kind) {
        case FIELD_INTEGER:
            strbuf_addf(out, "%%type: %s int\n", fld->key);
            break;
        case FIELD_BOOL:
            strbuf_addf(out, "%%type: %s bool\n", fld->key);
            break;
        case FIELD_CHOICE:
            strbuf_addf(out, "%%type: %s enum", fld->key);
            for (size_t c = 0; c < fld->n_choices; c++)
                strbuf_addf(out, " %s", fld->choices[c].key);
            strbuf_addch(out, '\n');
            break;
        case FIELD_LINE:
        case FIELD_TEXT:
        case FIELD_STAMP:
            add_text_type(out, fld);
            break;
        }
    }
}

static void add_filled(struct strbuf *out, const struct form_field *fld)
{
    strbuf_addf(out, "%s ~ '[^[:space:]]'", fld->key);
}

static void add_required_when(const struct form *f, const struct form_field *fld,
                              struct strbuf *out)
{
    strbuf_addstr(out, "%constraint: ");
    if (fld->n_required_when > 1)
        strbuf_addch(out, '(');
    for (size_t c = 0; c < fld->n_required_when; c++) {
        const struct form_field *of = &f->fields[fld->required_when[c].field];
        strbuf_addf(out, "%s%s = '%s'", c ? " || " : "", of->key,
                    of->choices[fld->required_when[c].choice].key);
    }
    if (fld->n_required_when > 1)
        strbuf_addch(out, ')');
    strbuf_addstr(out, " => ");
    add_filled(out, fld);
    strbuf_addch(out, '\n');
}

static void add_done_constraint(const struct form *f, const struct form_stage *st,
                                struct strbuf *out)
{
    strbuf_addf(out, "%%constraint: %s ~ '^(yes|true|1)$' => ",
                f->fields[st->done_field].key);
    if (st->n_requires > 1)
        strbuf_addch(out, '(');
    for (size_t i = 0; i < st->n_requires; i++) {
        if (i)
            strbuf_addstr(out, " && ");
        add_filled(out, &f->fields[st->requires[i]]);
    }
    if (st->n_requires > 1)
        strbuf_addch(out, ')');
    strbuf_addch(out, '\n');
}

int form_plan_stage(const struct form *f)
{
    for (size_t k = 0; k < f->n_stages; k++)
        if (f->stages[k].done_field >= 0)
            return (int)k;
    return -1;
}

/* A later stage marked complete needs the plan stage marked complete (rules.c agrees). */
static void add_order_constraints(const struct form *f, struct strbuf *out)
{
    int plan = form_plan_stage(f);
    for (size_t s = 0; plan >= 0 && s < f->n_stages; s++)
        if ((int)s != plan && f->stages[s].done_field >= 0)
            strbuf_addf(out, "%%constraint: %s ~ '^(yes|true|1)$' => %s ~ '^(yes|true|1)$'\n",
                        f->fields[f->stages[s].done_field].key,
                        f->fields[f->stages[plan].done_field].key);
}

static void add_constraints(const struct form *f, struct strbuf *out)
{
    const struct form_field *key = &f->fields[f->key_field];
    strbuf_addf(out, "%%constraint: %s >= %ld\n", key->key, key->min_value);
    for (size_t i = 0; i < f->n_fields; i++) {
        const struct form_field *fld = &f->fields[i];
        if (fld->mandatory && (int)i != f->key_field && fld->kind != FIELD_BOOL) {
            strbuf_addstr(out, "%constraint: ");
            add_filled(out, fld);
            strbuf_addch(out, '\n');
        }
    }
    for (size_t i = 0; i < f->n_fields; i++)
        if (f->fields[i].n_required_when > 0)
            add_required_when(f, &f->fields[i], out);
    for (size_t s = 0; s < f->n_stages; s++)
        if (f->stages[s].done_field >= 0 && f->stages[s].n_requires > 0)
            add_done_constraint(f, &f->stages[s], out);
    add_order_constraints(f, out);
}

void form_descriptor(const struct form *f, struct strbuf *out)
{
    strbuf_addf(out, "%%rec: %s\n", f->record_type);
    strbuf_addf(out, "%%doc: %s (form %s); generated by torikumi, so that recfix --check "
                     "enforces the form's rules\n", f->item_label, f->id);
    strbuf_addf(out, "%%key: %s\n", f->fields[f->key_field].key);
    bool any = false;
    for (size_t i = 0; i < f->n_fields; i++)
        if (f->fields[i].mandatory && (int)i != f->key_field) {
            strbuf_addstr(out, any ? " " : "%mandatory: ");
            strbuf_addstr(out, f->fields[i].key);
            any = true;
        }
    if (any)
        strbuf_addch(out, '\n');
    strbuf_addstr(out, "%unique:");
    for (size_t i = 0; i < f->n_fields; i++)
        if ((int)i != f->key_field)
            strbuf_addf(out, " %s", f->fields[i].key);
    strbuf_addch(out, '\n');
    add_types(f, out);
    add_constraints(f, out);
}

void form_sheet_descriptor(const struct form *f, struct strbuf *out)
{
    strbuf_addf(out, "%%rec: %s\n", f->sheet_type);
    strbuf_addstr(out, "%doc: the sheet: its form, ward and fiscal year (西暦)\n");
    strbuf_addstr(out, "%mandatory: Form Ward FiscalYear\n");
    strbuf_addstr(out, "%unique: Form Ward FiscalYear Title\n");
    strbuf_addstr(out, "%type: FiscalYear range 1989 2200\n");
    strbuf_addstr(out, "%type: Form regexp /^[A-Za-z0-9._-]+$/\n");
    strbuf_addstr(out, "%type: Ward regexp /^([^[:cntrl:]]|[[:blank:]])*$/\n");
    strbuf_addstr(out, "%type: Title regexp /^([^[:cntrl:]]|[[:blank:]])*$/\n");
    strbuf_addstr(out, "%constraint: Ward ~ '[^[:space:]]'\n");
}
