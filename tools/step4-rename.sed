# tools/step4-rename.sed - issue 10, step 4: each screen's state in its own
# struct of struct ui (ui.h), screen functions named ui_<screen>_..., and the
# current sheet read through editor_sheet() instead of a copy in ed->sheet.
#
#   sed -i -E -f tools/step4-rename.sed src/*.[ch] tests/unit/*.[ch] tests/fuzz/*.c bench/*.c
#
# Idempotent: no new name starts with an old one (ui->list_sel becomes
# ui->list.sel; ui->hits becomes ui->hitlist.items, not ui->hits.items), so
# a second run changes nothing.  Fields are renamed only after "ui->" and
# functions only as whole words, so other structs' fields and the model's
# form_*/problems_* functions are left alone.

# ---- struct ui: flat fields -> the screen's struct
s/\bui->page\b/ui->form.page/g
s/\bui->n_page\b/ui->form.n_page/g
s/\bui->cap_page\b/ui->form.cap_page/g
s/\bui->layouts\b/ui->form.layouts/g
s/\bui->layout_keys\b/ui->form.layout_keys/g
s/\bui->n_layouts\b/ui->form.n_layouts/g
s/\bui->stamp_shown\b/ui->form.stamp_shown/g
s/\bui->scroll\b/ui->form.scroll/g
s/\bui->follow\b/ui->form.follow/g
s/\bui->choice_x\b/ui->form.choice_x/g
s/\bui->item_menu_confirm\b/ui->item_menu.confirm/g
s/\bui->ov\b/ui->list.ov/g
s/\bui->ov_changes\b/ui->list.ov_changes/g
s/\bui->list_rows\b/ui->list.rows/g
s/\bui->n_list_rows\b/ui->list.n_rows/g
s/\bui->list_sel\b/ui->list.sel/g
s/\bui->list_top\b/ui->list.top/g
s/\bui->list_problems\b/ui->list.problems/g
s/\bui->list_by_state\b/ui->list.by_state/g
s/\bui->list_result\b/ui->list.result/g
s/\bui->list_stage\b/ui->list.stage/g
s/\bui->list_ward\b/ui->list.ward/g
s/\bui->list_ward_year\b/ui->list.ward_year/g
s/\bui->list_walk\b/ui->list.walk/g
s/\bui->detail_mode\b/ui->detail.mode/g
s/\bui->detail_top\b/ui->detail.top/g
s/\bui->detail_row\b/ui->detail.row/g
s/\bui->wards\b/ui->ward_counts.table/g
s/\bui->wards_col\b/ui->ward_counts.col/g
s/\bui->wards_sel\b/ui->ward_counts.sel/g
s/\bui->wards_top\b/ui->ward_counts.top/g
s/\bui->hits\b/ui->hitlist.items/g
s/\bui->hits_sel\b/ui->hitlist.sel/g
s/\bui->hits_top\b/ui->hitlist.top/g
s/\bui->hits_walk\b/ui->hitlist.walk/g
s/\bui->search\b/ui->find.search/g
s/\bui->search_changes\b/ui->find.changes/g
s/\bui->hit\b/ui->find.hit/g
s/\bui->hit_shown\b/ui->find.shown/g
s/\bui->hit_wrapped\b/ui->find.wrapped/g
s/\bui->searching\b/ui->find.active/g
s/\bui->all\b/ui->problems.all/g
s/\bui->all_sheet\b/ui->problems.sheet_of/g
s/\bui->prob_sel\b/ui->problems.sel/g
s/\bui->prob_top\b/ui->problems.top/g
s/\bui->help_top\b/ui->help.top/g
s/\bui->prompt\b/ui->prompt_line.kind/g
s/\bui->prompt_backwards\b/ui->prompt_line.backwards/g
s/\bui->input\b/ui->prompt_line.input/g
s/\bui->reasons\b/ui->refusal.reasons/g
s/\bui->reasons_stage\b/ui->refusal.stage/g
s/\bui->sheets\b/ui->ed.sheets/g

# ---- screen functions: ui_<screen>_...
s/\bquit_draw\b/ui_quit_draw/g
s/\bquit_key\b/ui_quit_key/g
s/\bprompt_draw\b/ui_prompt_draw/g
s/\bprompt_key\b/ui_prompt_key/g
s/\breasons_draw\b/ui_reasons_draw/g
s/\breasons_key\b/ui_reasons_key/g
s/\bdetail_list_cols\b/ui_detail_list_cols/g
s/\bdetail_list_rows\b/ui_detail_list_rows/g
s/\bdetail_draw\b/ui_detail_draw/g
s/\bdetail_key\b/ui_detail_key/g
s/\bform_layout_changed\b/ui_form_layout_changed/g
s/\bform_draw\b/ui_form_draw/g
s/\bform_key\b/ui_form_key/g
s/\bhelp_draw\b/ui_help_draw/g
s/\bhelp_key\b/ui_help_key/g
s/\bhits_open\b/ui_hits_open/g
s/\bhits_draw\b/ui_hits_draw/g
s/\bhits_step\b/ui_hits_step/g
s/\bhits_key\b/ui_hits_key/g
s/\bitem_menu_open\b/ui_item_menu_open/g
s/\bitem_menu_draw\b/ui_item_menu_draw/g
s/\bitem_menu_key\b/ui_item_menu_key/g
s/\blist_open\b/ui_list_open/g
s/\blist_reselect\b/ui_list_reselect/g
s/\blist_filter_ward\b/ui_list_filter_ward/g
s/\blist_draw\b/ui_list_draw/g
s/\blist_has_filter\b/ui_list_has_filter/g
s/\blist_step\b/ui_list_step/g
s/\blist_key\b/ui_list_key/g
s/\bproblems_draw\b/ui_problems_draw/g
s/\bproblems_collect\b/ui_problems_collect/g
s/\bproblems_key\b/ui_problems_key/g
s/\bwards_draw\b/ui_wards_draw/g
s/\bwards_key\b/ui_wards_key/g
# test_overview.c has a wards_open() of its own: only the one taking the ui
s/\bwards_open\((ui\b|struct ui\b)/ui_wards_open(\1/g

# ---- one current sheet: the editor's array, read through editor_sheet()
# open[i].sheet -> sheets[i] (the caller's array the editor borrows)
s/(->|\.)open\[([^]]*)\]\.sheet\b/\1sheets[\2]/g
# x->ed.sheet -> editor_sheet(&x->ed)
s/\b([A-Za-z_][A-Za-z0-9_]*)->ed\.sheet\b/editor_sheet(\&\1->ed)/g
# a local struct editor ed
s/(^|[^>.A-Za-z0-9_])ed\.sheet\b/\1editor_sheet(\&ed)/g
# ed->sheet, but not where editor.c still assigns it (those go by hand)
s/\bed->sheet = /@STEP4_ED_SHEET_SET@/g
s/\bed->sheet\b/editor_sheet(ed)/g
s/@STEP4_ED_SHEET_SET@/ed->sheet = /g
