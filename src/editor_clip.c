/*
 * editor_clip.c - cut, copy and paste with the editor's own clipboard
 * (editor.h).  Every change goes through the editor's text operations, so
 * it is cleaned, undoable and journalled like typing.
 */
#include <string.h>

#include "editor.h"
#include "i18n.h"
#include "utf8.h"

static const struct form_field *focused_field(const struct editor *ed)
{
    return ed->field >= 0 ? &editor_sheet(ed)->form->fields[ed->field] : NULL;
}

static bool copy_choice(struct editor *ed, const struct form_field *fld)
{
    const char *v = editor_value(ed, ed->field);
    int c = v ? form_choice_index(fld, v, strlen(v), false) : -1;
    if (c < 0) {
        editor_message(ed, false, "%s", _("nothing to copy: no option is chosen"));
        return false;
    }
    const char *label = fld->choices[c].label;
    clipboard_set(&ed->clip, label, strlen(label));
    editor_message(ed, false, _("copied \"%s\" (Ctrl-V pastes it)"), label);
    return true;
}

/* The focused field's selection to the clipboard; says what it did. */
static bool copy_selection(struct editor *ed, const char *done_fmt)
{
    const struct form_field *fld = focused_field(ed);
    if (fld && fld->kind == FIELD_CHOICE)
        return copy_choice(ed, fld);
    size_t start, end;
    if (!ed->fe_active || !fieldedit_selection(&ed->fe, &start, &end)) {
        editor_message(ed, false, "%s", _("select text first: Shift+arrows, or Ctrl-^ and "
                                          "arrows"));
        return false;
    }
    const char *text = fieldedit_text(&ed->fe, NULL);
    clipboard_set(&ed->clip, text + start, end - start);
    editor_message(ed, false, done_fmt, utf8_count_clusters(text + start, end - start));
    return true;
}

bool editor_copy(struct editor *ed)
{
    return copy_selection(ed, _("copied %zu characters (Ctrl-V pastes them)"));
}

bool editor_cut(struct editor *ed)
{
    const struct form_field *fld = focused_field(ed);
    if (fld && fld->kind == FIELD_CHOICE) {
        if (!copy_choice(ed, fld))
            return false;
        editor_choice_pick(ed, -1);
        return true;
    }
    if (!copy_selection(ed, _("cut %zu characters (Ctrl-V pastes them, Ctrl-Z puts them "
                              "back)")))
        return false;
    char kept[sizeof(ed->message)];
    memcpy(kept, ed->message, sizeof(kept));
    if (!editor_delete(ed))
        return true;            /* read-only: copied, and the message says why it stays */
    memcpy(ed->message, kept, sizeof(kept));
    return true;
}

/* Blanks around s[0..n) (a copied line often ends in one) are not part of a choice. */
static void trim_blanks(const char **s, size_t *n)
{
    while (*n && strchr(" \t\n\r", (*s)[0]))
        (*s)++, (*n)--;
    while (*n && strchr(" \t\n\r", (*s)[*n - 1]))
        (*n)--;
}

static bool paste_choice(struct editor *ed, const struct form_field *fld, const char *s, size_t n)
{
    trim_blanks(&s, &n);
    int c = form_choice_index(fld, s, n, true);
    if (c < 0)
        c = form_choice_index(fld, s, n, false);
    if (c < 0) {
        editor_message(ed, true, _("%s is a choice, and the clipboard holds none of its "
                                   "options: press 1-%zu or Space to choose"),
                       fld->label, fld->n_choices);
        return false;
    }
    return editor_choice_pick(ed, c);
}

bool editor_paste_clipboard(struct editor *ed)
{
    size_t n;
    const char *s = clipboard_text(&ed->clip, &n);
    if (!s) {
        editor_message(ed, false, "%s", _("the clipboard is empty: Ctrl-C or Ctrl-X a "
                                          "selection first"));
        return false;
    }
    const struct form_field *fld = focused_field(ed);
    if (fld && fld->kind == FIELD_CHOICE)
        return paste_choice(ed, fld, s, n);
    if (!ed->fe_active) {
        editor_message(ed, true, "%s", _("paste into a text field"));
        return false;
    }
    return editor_paste(ed, s, n);
}
