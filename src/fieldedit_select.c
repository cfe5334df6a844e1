/*
 * fieldedit_select.c - the selection of one field's text (see fieldedit.h):
 * an anchor and the caret, held by Shift+moves or by the mark key.  The
 * edits that replace or remove a selection are in fieldedit.c, where every
 * edit goes through one primitive.
 */
#include "fieldedit.h"

bool fieldedit_extend(struct fieldedit *fe, bool (*move)(struct fieldedit *))
{
    if (fe->sel == FIELDEDIT_SEL_NONE) {
        fe->sel = FIELDEDIT_SEL_SHIFT;
        fe->anchor = fe->caret;
    }
    fe->extending = true;
    bool moved = move(fe);
    fe->extending = false;
    return moved;
}

void fieldedit_mark(struct fieldedit *fe)
{
    if (fe->sel == FIELDEDIT_SEL_MARK) {
        fe->sel = FIELDEDIT_SEL_NONE;
        return;
    }
    fe->sel = FIELDEDIT_SEL_MARK;
    fe->anchor = fe->caret;
}

void fieldedit_unselect(struct fieldedit *fe)
{
    fe->sel = FIELDEDIT_SEL_NONE;
}

void fieldedit_select(struct fieldedit *fe, size_t anchor, size_t caret)
{
    fieldedit_set_caret(fe, anchor);
    size_t a = fieldedit_caret(fe);
    fieldedit_set_caret(fe, caret);
    fe->anchor = a;
    fe->sel = FIELDEDIT_SEL_SHIFT;
}

bool fieldedit_selection(const struct fieldedit *fe, size_t *start, size_t *end)
{
    if (fe->sel == FIELDEDIT_SEL_NONE || fe->anchor == fe->caret)
        return false;
    if (start)
        *start = fe->anchor < fe->caret ? fe->anchor : fe->caret;
    if (end)
        *end = fe->anchor < fe->caret ? fe->caret : fe->anchor;
    return true;
}

bool fieldedit_selecting(const struct fieldedit *fe)
{
    return fe->sel != FIELDEDIT_SEL_NONE;
}

bool fieldedit_mark_set(const struct fieldedit *fe)
{
    return fe->sel == FIELDEDIT_SEL_MARK;
}
