/*
 * detail.h - which fields the F5 list's detail pane shows for the selected
 * item: the fields that answer the list's filter.  No curses: ui_detail.c
 * draws them.
 *
 * A list filtered by a result (目標未達成) is about how items ended: the
 * result's stage (年度評価) is shown.  A list of items whose stage is not
 * complete is about that stage: its fields are shown.  Without either
 * filter the result's stage is shown (the question a supervisor asks
 * most), or the last stage when the form has no result.
 *
 * Within the stage: choice fields first (one line each), then the text
 * fields a rule requires under the filtered result (課題と改善策 when
 * 目標未達成), then the rest in form order.  Hidden fields (done marks)
 * and stamps are left out: the list's columns already say them.
 */
#ifndef TORIKUMI_DETAIL_H
#define TORIKUMI_DETAIL_H

#include <stddef.h>

#include "form.h"

/*
 * Fill out[0..cap) with form field indices, in the order to show; returns
 * how many.  result: the list's result filter (choice index; -1 any; -2
 * not chosen); stage: the form stage whose incompleteness is filtered on,
 * or -1.
 */
size_t detail_fields(const struct form *form, int result, int stage, int *out, size_t cap);

#endif
