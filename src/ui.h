/*
 * ui.h - the editor's screens.  Each screen is two functions, as in
 * ncdu: draw (paint from state) and key (change state); the main loop
 * in ui.c only dispatches to the screen on top.  Each screen keeps its
 * state in its own struct of struct ui (struct ui_<screen>), and its
 * functions are named ui_<screen>_... (the model's form_* and problems_*
 * are other things):
 *
 *   ui_form.c      the form itself                 ui->form       ui_form_*
 *   ui_list.c      the list of items (F5)          ui->list       ui_list_*
 *   ui_detail.c    the list's detail pane          ui->detail     ui_detail_*
 *   ui_wards.c     per-ward counts (w in the list) ui->ward_counts ui_wards_*
 *   ui_hits.c      the items a search hits (l)     ui->hitlist    ui_hits_*
 *   ui_problems.c  the problems (F6)               ui->problems   ui_problems_*
 *   ui_help.c      the help (F1)                   ui->help       ui_help_*
 *   ui_items.c     the item menu (Ctrl-T)          ui->item_menu  ui_item_menu_*
 *   ui.c           the one-line prompts (Ctrl-G, Ctrl-F, /, ?: ui->prompt_line),
 *                  why a stage cannot be completed (ui->refusal), quitting,
 *                  searching (ui->find) and the status line
 *
 * ui_rows.c holds what the screens listing rows share (moving the
 * selection, showing the selected item; ui->walk: which list F7/F8 go
 * through).  ui_question.c is a question on a screen of its own
 * (ui->question), which ui_session.c and ui_merge.c ask when opening,
 * saving and quitting (lock, recovery, outside change, conflicts) and
 * session.c (no curses) cannot decide alone; ui_merge.c merges on save,
 * ui_watch.c notices sheets changing on disk while viewed.
 *
 * The current sheet is editor_sheet(&ui->ed), the open sheets
 * ui->ed.sheets: no screen keeps a copy.  Screens draw with tui.h only;
 * they change the sheet only through editor.h.
 */
#ifndef TORIKUMI_UI_H
#define TORIKUMI_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "editor.h"
#include "search.h"
#include "session.h"
#include "textlayout.h"
#include "tui.h"
#include "hitlist.h"
#include "previous.h"
#include "wardcount.h"

#define UI_MIN_ROWS 24
#define UI_MIN_COLS 80
#define UI_TEXT_INDENT 4       /* where field values start */
#define UI_KEYBAR_ROWS 2       /* key bar at the bottom, as nano has */
#define UI_SCROLL_MARGIN 3     /* rows kept visible below the caret when possible */

enum screen_id {
    SCREEN_FORM,
    SCREEN_LIST,
    SCREEN_PROBLEMS,
    SCREEN_HELP,
    SCREEN_PROMPT,
    SCREEN_QUIT,
    SCREEN_REASONS,
    SCREEN_WARDS,
    SCREEN_HITS,
    SCREEN_ITEM_MENU,
    SCREEN_QUESTION,
    SCREEN_COUNT,
};

enum prompt_kind { PROMPT_GOTO, PROMPT_FIND, PROMPT_SAVE_COPY };

/* One row of the form's scrolling body. */
enum row_kind { ROW_BLANK, ROW_STAGE, ROW_GROUP, ROW_LABEL, ROW_TEXT, ROW_CHOICES };

struct page_row {
    enum row_kind kind;
    int field;              /* ROW_LABEL, ROW_TEXT, ROW_CHOICES */
    int stage;              /* ROW_STAGE */
    size_t lrow;            /* ROW_TEXT: row of the field's layout */
    bool placeholder;       /* ROW_TEXT of an empty field */
};

/*
 * Choices a choice row draws and a click can pick.  form.c does not limit
 * a field's choices; a row draws only the first UI_MAX_CHOICES of them.
 */
#define UI_MAX_CHOICES 16

/* Last year's value beside the focused field (ui_previous.c). */
struct ui_previous {
    bool shown;                     /* Ctrl-P */
    int beside_cols;                /* its width beside the form; 0: below it */
    const char *given;              /* edit --previous (borrowed), else the sheet's Previous */
    const struct sheet *for_sheet;  /* the sheet last was read for */
    bool loaded;
    struct previous last;
    struct strbuf trouble;          /* why there is none for for_sheet */
    struct strbuf shown_value;      /* a value made readable, or a note */
    struct layout lay;              /* of the text shown, reused while it stays */
    const char *lay_text;
};

struct ui;
/* What a question does with its answer: the option's key, or 0 when the program ends first. */
typedef void (*ui_answer_fn)(struct ui *ui, int key, void *ctx);

/* The most options a question offers (they wrap over as many rows as they need). */
#define UI_QUESTION_MAX_OPTIONS 8

/* The open question (ui_question.c), a screen of its own. */
struct ui_question {
    bool open;
    char *title;
    struct strbuf body;
    const char *const *options;     /* key/label pairs, static */
    size_t n;                       /* pairs */
    int top;                        /* first row of the body shown */
    ui_answer_fn answered;
    void *ctx;                      /* the asker's, given back with the answer */
    bool quit_if_saved;             /* asked on the way out: quit once saved */
};

/*
 * Each screen's state, kept with its screen (as ncdu does): a screen's
 * draw and key functions read and change their own struct, and reach
 * another screen's only where one leads into the other (the list opens
 * the per-ward counts, the hits list an item of the form).
 */

/* What a field's layout was made from, to reuse it. */
struct layout_key {
    const char *text;
    unsigned long version;          /* editor_value_version() */
    int width;
};

/* The form (ui_form.c): its scrolling page and the layouts of its fields. */
struct ui_form {
    struct page_row *page;
    size_t n_page, cap_page;
    /* What the page was built from: per form field its rows (or a mark for
     * none, a placeholder, choices).  Same as now: nothing to build. */
    long *page_sig;
    size_t n_page_sig;
    const struct form *page_form;
    struct layout *layouts;         /* per form field, for fields without focus */
    struct layout_key *layout_keys; /* what each of layouts was made from */
    size_t n_layouts;
    struct strbuf stamp_shown;      /* the Updated stamp as 和暦 (stamp.h), laid out borrowed */
    int scroll;
    bool follow;                    /* scroll to the caret (false while paging read-only) */
    int choice_x[UI_MAX_CHOICES][2]; /* focused row's choices: start and end columns */
};

/* Ctrl-T, the item menu (ui_items.c). */
struct ui_item_menu {
    bool confirm;                   /* it asks whether to delete */
};

/* The list (F5, ui_list.c): the overview of every open sheet, and what of it is shown. */
struct ui_list {
    struct overview *ov;
    unsigned long ov_changes;       /* ed.changes when it was built */
    size_t *rows, n_rows;           /* overview rows shown, in order */
    size_t sel, top;
    bool problems, by_state;
    int result;                     /* choice index; -1 any; -2 not chosen */
    int stage;                      /* form stage that is not complete; -1 any */
    const char *ward;               /* only this ward's rows (borrowed from a sheet); NULL any */
    long ward_year;                 /* and of this fiscal year; 0 any */
};

/* The list's detail pane (ui_detail.c). */
struct ui_detail {
    int mode;                       /* DETAIL_AUTO: shown when the list is filtered; d toggles */
    int top;                        /* its first row shown */
    size_t row;                     /* the overview row it was scrolled for */
};

/* Per-ward counts of the list's rows (ui_wards.c). */
struct ui_wards {
    struct ward_table table;
    size_t col, sel, top;
};

/* The items a search hits (ui_hits.c). */
struct ui_hits {
    struct hit_list items;
    size_t sel, top;
};

/* Search (Ctrl-F, / and ?, n and N), over the form and the lists. */
struct ui_find {
    struct search *search;
    unsigned long changes;          /* ed.changes when the search last saw the sheets */
    struct search_hit hit;          /* the match on screen, highlighted */
    bool shown;                     /* hit is on screen */
    bool wrapped;                   /* the search went past the end (or start) to find it */
    bool active;                    /* a query is set: count in idle time */
};

/* Problems (F6, ui_problems.c), of every open sheet: sheet_of[i] is the sheet of all.v[i]. */
struct ui_problems {
    struct problem_list all;
    size_t *sheet_of;
    size_t sel, top;
};

/* Help (F1, ui_help.c). */
struct ui_help {
    int top;
};

/* The one-line prompt (Ctrl-G, Ctrl-F, /, ?). */
struct ui_prompt {
    enum prompt_kind kind;
    bool backwards;                 /* ? rather than / */
    struct strbuf input;
};

/* Reasons a stage could not be completed. */
struct ui_reasons {
    struct problem_list reasons;
    int stage;
};

struct ui {
    struct editor ed;
    struct session session;         /* editing: lock, journal, recovery (session.h) */
    int rows, cols;
    bool quit;
    bool hangup;                    /* the terminal went away */
    enum screen_id stack[8];
    int depth;
    /* Each screen's state (above); named by what the screen shows. */
    struct ui_form form;
    struct ui_item_menu item_menu;
    struct ui_list list;
    struct ui_detail detail;
    struct ui_wards ward_counts;
    struct ui_hits hitlist;
    struct ui_find find;
    struct ui_problems problems;
    struct ui_help help;
    struct ui_prompt prompt_line;
    struct ui_reasons refusal;
    /* F7/F8 in the form go through the list it was opened from (ui_rows.c). */
    enum ui_walk { WALK_ITEMS, WALK_LIST, WALK_HITS } walk;
    /* Sheets changing on disk while viewed (ui_watch.c); NULL when not watching. */
    struct ui_watch *watch;
    /* The file as loaded or last saved: the base of a merge on save (ui_merge.c). */
    struct strbuf merge_base;
    /* The message line's text when it did not fit (ends in "…"): F1 shows it whole. */
    struct strbuf message_whole;
    struct ui_previous previous;
    struct ui_question question;
};

struct ui_start {
    bool read_only;
    const char *why;                /* shown when read-only */
    const struct filestamp *stamp;  /* editing: the file as loaded (lock, journal, checks) */
    const struct filestamp *view_stamps;   /* viewing: per sheet, as read; watched when set */
    const char *previous;           /* edit --previous LAST.rec, or NULL */
};

/*
 * Run the editor on open sheets until the user quits; several sheets are
 * always read-only (view mode).  A reload may replace sheets[i] (the old
 * one is freed).  Returns an exit status: 0, or 1 when the terminal went
 * away or a signal came with unsaved changes (they are in the journal).
 */
int ui_run(struct sheet **sheets, size_t n, const struct ui_start *start);
/* A SIGHUP or SIGTERM arrived (the handler only sets a flag). */
bool ui_signalled(void);

/* ui_session.c: lock and recovery at the start (the questions set quit when the clerk quits). */
struct filestamp;
void ui_session_start(struct ui *ui, const struct filestamp *stamp);
/* Write the journal when due; true when the screen must say that it failed or works again. */
bool ui_session_tick(struct ui *ui, long long now_ms);
/* Write what the journal holds now (before a long wait, e.g. $EDITOR). */
void ui_session_sync(struct ui *ui);
bool ui_session_wants_tick(const struct ui *ui);
/* Ctrl-S: save, asking what to do when the file changed on disk (the answer may come later). */
void ui_save(struct ui *ui);
/* editor_save; when it fails (a full disk), ask: save a copy as another file, or cancel. */
enum editor_save_result ui_save_or_ask(struct ui *ui, bool force);
/* Release the lock; keep the journal (on disk, synced) or remove it. */
void ui_session_end(struct ui *ui, bool keep_journal);
/*
 * ui_question.c: ask a full-screen question; options are key/label pairs
 * (static), the last the safe one (Esc).  The answer comes later, from the
 * main loop, through answered(ui, key, ctx); key 0 when the program ends
 * before an answer (ctx must still be freed).
 */
void ui_ask(struct ui *ui, const char *title, const struct strbuf *body,
            const char *const *options, size_t n, ui_answer_fn answered, void *ctx);
/* The program ends: every open question gets the answer 0. */
void ui_question_abandon(struct ui *ui);
void question_draw(struct ui *ui);
void question_key(struct ui *ui, const struct key *k);
/* Put the sheet read from disk (stamp) in place of the current one; the old one is freed. */
void ui_session_reload(struct ui *ui, struct sheet *disk, const struct filestamp *stamp);

/* ui_merge.c: remember the sheet as the merge base when it is the file on disk. */
void ui_merge_remember_base(struct ui *ui);
/*
 * The file changed on disk: merge this session into it and save, asking
 * only about fields both changed.  False when it cannot (no base, the
 * file does not parse): then ask the plain question.
 */
bool ui_merge_on_save(struct ui *ui);
/*
 * The sheet holds conflicts a merge (git) left in it: ask about each and
 * save.  False when there are none (save as usual).
 */
bool ui_merge_resolve_recorded(struct ui *ui);

void ui_push(struct ui *ui, enum screen_id id);
void ui_pop(struct ui *ui);
/* Rows of the form body (between the header and the status line, or last year's pane). */
int ui_body_rows(const struct ui *ui);
/* Columns of a field's text in the form (the pane beside takes its share). */
int ui_field_width(const struct ui *ui);
/* The status line and key bar shared by all screens. */
void ui_draw_status(struct ui *ui, const char *message);
/* The same two rows with other text: bar (reverse) and the message line below it. */
void ui_draw_bar_and_message(struct ui *ui, const char *bar, const char *message);
void ui_draw_keybar(struct ui *ui, const char *const *pairs, size_t n);
/*
 * Draw s[0..n) at (y, x) in at most w columns; what does not fit ends in
 * "…", never cut silently.  Returns the columns used.
 */
int ui_text_cut(int y, int x, int w, const char *s, size_t n, enum tui_role role);

void ui_form_draw(struct ui *ui);
void ui_form_key(struct ui *ui, const struct key *k);
void ui_form_layout_changed(struct ui *ui);   /* after a resize */
/* ui_select.c: selecting (Shift+moves, the mark key, Esc) and the clipboard (Ctrl-X/C/V). */
bool select_key(struct ui *ui, const struct key *k);
/* The part [*hs, *he) of row [start, end) of field f that is selected; false when none. */
bool select_part(const struct ui *ui, int f, size_t start, size_t end, size_t *hs, size_t *he);
/* "12 characters selected: ..." while a selection is held; false when none. */
bool select_status(struct ui *ui, struct strbuf *out);
void ui_list_open(struct ui *ui);
/* F7/F8 after opening an item from a filtered list: step through that list. */
bool ui_list_step(struct ui *ui, int delta);
void ui_list_draw(struct ui *ui);
void ui_list_key(struct ui *ui, const struct key *k);
/* Keep only one ward's rows (NULL: all wards); year 0: any. */
void ui_list_filter_ward(struct ui *ui, const char *ward, long year);
/* ui_wards.c: the per-ward count table of the list's rows (w in the list). */
void ui_wards_open(struct ui *ui);
void ui_wards_draw(struct ui *ui);
void ui_wards_key(struct ui *ui, const struct key *k);
/* ui_hits.c: the items the last search hits, one row each (l in view mode). */
/* Open it; with only_if_any, not when nothing is hit (false then). */
bool ui_hits_open(struct ui *ui, bool only_if_any);
/* F7/F8 after opening an item from the hits list: the previous or next item hit. */
bool ui_hits_step(struct ui *ui, int delta);
void ui_hits_draw(struct ui *ui);
void ui_hits_key(struct ui *ui, const struct key *k);
/* The search over the open sheets, made when first needed and kept current after edits. */
struct search *ui_search(struct ui *ui);
/* After a reload: the list made again, on the row of item number in sheet if it is there. */
void ui_list_reselect(struct ui *ui, size_t sheet, long number);
/* ui_watch.c: sheets changed on disk while viewed; R reloads them keeping the position. */
struct filestamp;
void ui_watch_start(struct ui *ui, const struct filestamp *stamps);
void ui_watch_free(struct ui *ui);
/* Look now and then (cheap stat first); true when a sheet is newly seen changed. */
bool ui_watch_tick(struct ui *ui, long long now_ms);
/* "ward-05.rec changed on disk: R reloads it", or NULL. */
const char *ui_watch_notice(struct ui *ui);
/* R: reload; true when k was taken. */
bool ui_watch_key(struct ui *ui, const struct key *k);
/* The list has a filter (problems, result, stage, ward): it asks a question. */
bool ui_list_has_filter(const struct ui *ui);
/* ui_detail.c: the list's detail pane, below the list or beside it when wide. */
enum { DETAIL_AUTO, DETAIL_SHOWN, DETAIL_HIDDEN };
int ui_detail_list_rows(const struct ui *ui, int area_rows);
int ui_detail_list_cols(const struct ui *ui);
void ui_detail_draw(struct ui *ui, int area_rows);
/* Space reads on (the pane, then the next item), b back, d hides; true when k was one of them. */
bool ui_detail_key(struct ui *ui, const struct key *k, int area_rows);
void ui_problems_collect(struct ui *ui);
void ui_problems_draw(struct ui *ui);
void ui_problems_key(struct ui *ui, const struct key *k);
void ui_help_draw(struct ui *ui);
void ui_help_key(struct ui *ui, const struct key *k);
void ui_prompt_draw(struct ui *ui);
void ui_prompt_key(struct ui *ui, const struct key *k);
void ui_quit_draw(struct ui *ui);
void ui_quit_key(struct ui *ui, const struct key *k);
void ui_reasons_draw(struct ui *ui);
void ui_reasons_key(struct ui *ui, const struct key *k);
/* ui_previous.c: Ctrl-P shows or hides last year's value of the focused field. */
void ui_previous_toggle(struct ui *ui);
void ui_previous_fit(struct ui *ui);          /* after a resize: beside or below */
int ui_previous_rows(const struct ui *ui);    /* rows it takes below the form body */
int ui_previous_cols(const struct ui *ui);    /* columns it takes beside the form */
void ui_previous_draw(struct ui *ui);
void ui_previous_free(struct ui *ui);
/* ui_items.c: Ctrl-T, the current item's menu (delete, duplicate, move, renumber). */
void ui_item_menu_open(struct ui *ui);
void ui_item_menu_draw(struct ui *ui);
void ui_item_menu_key(struct ui *ui, const struct key *k);

/* ui_rows.c: what the screens listing rows (list, hits, wards) share. */
/* j/k, Up/Down, PgUp/PgDn (by page), Home/End move *sel in n rows; true when k was one of them. */
bool ui_rows_move(size_t *sel, size_t n, size_t page, const struct key *k);
/* The ward column of the lists of items (several sheets open). */
#define UI_COL_WARD 10
/* The title bar, and the ward column's label on row 1 when wards; returns where the next column starts. */
int ui_rows_header(struct ui *ui, const struct strbuf *title, bool wards);
/* Show item of open sheet in the form, from its top (the caller sets ui->walk). */
void ui_rows_show_item(struct ui *ui, size_t sheet, size_t item);

/* Open the prompt for kind with text prefilled. */
void ui_open_prompt(struct ui *ui, enum prompt_kind kind, const char *prefill);
/* Ask to save / discard / cancel, or quit at once when nothing is unsaved. */
void ui_request_quit(struct ui *ui);
/* Find query from the caret (backwards for ?); NULL repeats the last one. */
void ui_find(struct ui *ui, const char *query, bool backwards);
/* "match 3/17: query" for the message line. */
void ui_match_message(struct ui *ui, struct strbuf *out);
/* Idle work: preparing and counting the search.  True while there is some left. */
bool ui_search_idle(struct ui *ui);
/* Edit the focused text field in $VISUAL / $EDITOR. */
void ui_external_edit(struct ui *ui);
/* A line describing a problem of open sheet sh for lists: "取組項目 6  課題と改善策: message". */
void ui_problem_line(const struct ui *ui, size_t sh, const struct problem *p, struct strbuf *out);

#endif
