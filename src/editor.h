/*
 * editor.h - the editing session behind the terminal UI, with no curses:
 * which item and field have focus, the focused text field's editor, the
 * rules' verdict kept current after every change, undo/redo across
 * fields, completing stages, finding text, saving.
 *
 * Every change goes into the sheet at once (so the problem count is
 * always true), and becomes an undo step: (item, field, value before,
 * value after, caret before and after).  Typing into one field joins the
 * previous step while it continues where it left off within a second.
 *
 * Cost per key: O(size of the field typed in), with the checks between
 * fields (mandatory, required-when, stages) on top.  Nothing here walks
 * the whole sheet on a keystroke; per-item error counts are kept, and the
 * sheet-level check (numbers used twice) runs only when a number changes.
 * The other fields of the item are not read again: their rule checks and
 * hashes are remembered per value version (below).
 *
 * Ownership: the editor borrows the sheet (the caller frees it after
 * editor_free).
 */
#ifndef TORIKUMI_EDITOR_H
#define TORIKUMI_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clipboard.h"
#include "fieldedit.h"
#include "filestamp.h"
#include "journal.h"
#include "rules.h"
#include "sheet.h"

/* What an undo step does: set a field, or (editor_items.c) add, remove or move an item. */
enum edit_kind { EDIT_FIELD, EDIT_ITEM_INSERT, EDIT_ITEM_REMOVE, EDIT_ITEM_SWAP };

struct edit_step {
    size_t sheet;                  /* index of the open sheet */
    size_t item;
    int field;
    char *before, *after;          /* NULL = absent */
    size_t caret_before, caret_after;
    bool typing;                   /* may still join following typing */
    long long when_ms;
    enum edit_kind kind;           /* EDIT_ITEM_SWAP swaps item and item + 1 */
    unsigned group;                /* steps with the same group (not 0) are undone together */
    struct rec_record *held;       /* an item out of the sheet while the step holds it */
    uint64_t held_hash;            /* and what was unsaved about it (open_sheet.saved_hash, */
    unsigned char held_state;      /* item_state; 0: a new item, unsaved) */
    bool selected_before;          /* text from anchor_before to caret_before was selected: */
    size_t anchor_before;          /* undo selects it again */
};

/* A field value's hash, remembered for its version (editor.c). */
struct value_hash {
    unsigned long version;
    const char *value;
    size_t len;
    uint64_t hash;
};

/* The rules' verdict on one open sheet (open[i] is about sheets[i]), and what of it is unsaved. */
struct open_sheet {
    size_t *item_errors;           /* errors per item */
    size_t sheet_errors;           /* header and duplicate numbers */
    size_t errors;                 /* all of this sheet's errors */
    struct problem_list sheet_level;
    /*
     * What is unsaved, by content: an item's hash (its fields but the
     * stamp) is taken before its first change since the last save; it is
     * dirty while its hash differs.  So typing a letter and undoing it
     * leaves nothing to save and no Updated stamp.
     */
    uint64_t *saved_hash;
    unsigned char *item_state;     /* bit 1: saved_hash taken; bit 2: dirty */
    size_t n_dirty;
    long structure;                /* items added, removed or moved since the save, net */
};

struct editor {
    /*
     * The open sheets (the editor's array; the sheets are borrowed).  The
     * one place that says which sheet is open where: a reload
     * (editor_replace_sheet) puts the new sheet here, and editor_sheet()
     * reads the current one.
     */
    struct sheet **sheets;
    struct open_sheet *open;       /* several in view mode; editing works on one */
    size_t n_open;
    size_t cur_sheet;
    bool read_only;
    size_t cur;                    /* current item (index in the current sheet) */
    int field;                     /* focused form field, -1 when the item has none */
    int choice_cursor;             /* choice highlighted in a focused choice field */
    struct fieldedit fe;           /* the focused text field, when fe_active */
    bool fe_active;
    int width;                     /* columns of a text field's box */
    bool modified;
    unsigned long changes;         /* counts every change: lists and searches redo their work */
    size_t total_errors;           /* errors of every open sheet */
    struct problem_list cur_problems;   /* problems of the current item, fresh */
    /* History. */
    struct edit_step *undo, *redo;
    size_t n_undo, cap_undo, n_redo, cap_redo;
    /* The last search (ui.c searches with search.c). */
    char *find_query;
    /* A message for the status line (translated), and whether it is an error. */
    char message[512];
    bool message_is_error;
    long long (*clock_ms)(void);   /* tests replace it */
    /*
     * What is remembered about the current item's values between keys, so
     * that a key costs the size of the field typed in, not of the item:
     * each field's rule checks (rules_memo) and hash, and the screen's
     * layouts.  A field's version changes whenever its value may have
     * (editor_value_version); every answer is tied to one.
     */
    unsigned long *versions;       /* per form field of the current item */
    size_t n_versions;
    unsigned long versions_at;     /* ed->changes when the versions were last brought up to date */
    struct rules_memo rules_memo;
    struct value_hash *value_hashes;   /* per form field */
    /* Persistence of an editing session (NULL / unset when read-only). */
    struct journal *journal;       /* every change goes here too (recovery) */
    struct filestamp stamp;        /* the file as loaded or last saved */
    bool have_stamp;
    struct clipboard clip;         /* cut and copied text, across fields and items */
};

/*
 * Open sheets (one to edit; several read-only, as one long sheet).  The
 * editor copies the array, not the sheets; after a reload the sheets are
 * the ones in ed->sheets (ui_run hands them back to its caller).
 */
void editor_init(struct editor *ed, struct sheet **sheets, size_t n, int width);
void editor_free(struct editor *ed);
/* The current sheet: sheets[cur_sheet]. */
struct sheet *editor_sheet(const struct editor *ed);
/* Set a status message (printf-style). */
void editor_message(struct editor *ed, bool is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fields a clerk moves through: shown, not written by torikumi itself. */
bool editor_focusable(const struct editor *ed, int field);

/* Navigation. */
void editor_goto_item(struct editor *ed, size_t idx);
/* Item idx of open sheet sh. */
void editor_goto(struct editor *ed, size_t sh, size_t idx);
/* The item delta items away across the open sheets; false at either end. */
/* Focus the current item's first field (its top). */
void editor_focus_first(struct editor *ed);
bool editor_step_item(struct editor *ed, int delta);
void editor_focus(struct editor *ed, int field);
bool editor_next_field(struct editor *ed);
bool editor_prev_field(struct editor *ed);
void editor_focus_stage(struct editor *ed, int stage);
void editor_set_width(struct editor *ed, int width);

/*
 * A number that changes whenever field f of the current item may have
 * changed (an edit, undo, another item, a reload, a save's stamp).  Equal
 * versions mean the same value: caches of what a value looks like key on it.
 */
unsigned long editor_value_version(struct editor *ed, int f);

/* The current value of field f of the current item (live while editing), or NULL. */
const char *editor_value(const struct editor *ed, int f);

/* Text editing of the focused field.  Return true when something changed. */
bool editor_type(struct editor *ed, const char *s, size_t n);
bool editor_paste(struct editor *ed, const char *s, size_t n);
bool editor_backspace(struct editor *ed);
bool editor_delete_word_back(struct editor *ed);    /* Ctrl-W */
bool editor_clear_field(struct editor *ed);         /* Ctrl-U: empty the field, undoable */
/*
 * Ctrl-K: the field's half-width katakana to full width, and its letters
 * and digits too where the form wants the field full width (FullWidth);
 * one undo step; says what it did.
 */
bool editor_fullwidth_kana(struct editor *ed);
bool editor_delete(struct editor *ed);
/*
 * The clipboard (editor_clip.c).  Copy takes the focused text field's
 * selection, or a choice field's chosen option (its label); cut also
 * removes the selection (one undo step).  Paste inserts the clipboard as a
 * paste (cleaned, in place of a selection; a one-line field gets blanks
 * for line breaks, a number field ASCII digits), or picks the option of a
 * choice field whose label or key it holds.  Each says what it did; copy
 * and cut return true when the clipboard was set.
 */
bool editor_copy(struct editor *ed);
bool editor_cut(struct editor *ed);
bool editor_paste_clipboard(struct editor *ed);
/*
 * Replace the focused field's whole value (e.g. from $EDITOR): one undo step.
 * Final newlines are dropped.  False when the value stays the same.
 */
bool editor_replace_value(struct editor *ed, const char *s, size_t n);
/* Count every item of the current sheet as unsaved (after a recovery). */
void editor_mark_all_unsaved(struct editor *ed);
/*
 * After a recovery: count as unsaved (and stamp on save) only the items
 * whose content differs from before (the sheet as on disk; same items,
 * new ones after them).  An edit undone in the journal is no change.
 */
void editor_mark_unsaved_against(struct editor *ed, const struct sheet *before);

/* Choice fields. */
bool editor_choice_pick(struct editor *ed, int choice);   /* -1 clears */
bool editor_choice_step(struct editor *ed, int delta);

/*
 * Mark stage st of the current item complete, or not complete when it is.
 * Refused while the stage has blockers, which are put in why (may be NULL).
 * Returns true when the mark changed.
 */
bool editor_toggle_done(struct editor *ed, int st, struct problem_list *why);
bool editor_stage_done(const struct editor *ed, size_t item, int st);

bool editor_undo(struct editor *ed);
bool editor_redo(struct editor *ed);

/*
 * Managing items (editor_items.c); each is one undo step and goes to the
 * recovery journal.  A new item is numbered after the highest number, with
 * focus on its title.  Delete removes the current item (the UI asks
 * first); duplicate adds a copy after it with a new number; move swaps it
 * with its neighbour (numbers stay: renumbering is its own step);
 * renumber numbers every item 1, 2, 3... in sheet order.  False (with a
 * message) when nothing was done.
 */
void editor_new_item(struct editor *ed);
bool editor_delete_item(struct editor *ed);
bool editor_duplicate_item(struct editor *ed);
bool editor_move_item(struct editor *ed, int delta);
bool editor_renumber_items(struct editor *ed);


enum editor_save_result {
    EDITOR_SAVE_FAILED = -1,     /* nothing written; message says why; every change kept */
    EDITOR_SAVED = 0,
    EDITOR_SAVE_CONFLICT = 1,    /* the file changed on disk since it was loaded: not written */
};

/*
 * Save to the sheet's path: stamp changed items' Updated field with the
 * time and login, write atomically.  Unless force, first check that the
 * file on disk is still the one loaded (or last saved); when it is not,
 * nothing is written and EDITOR_SAVE_CONFLICT says so.  On success the
 * recovery journal starts afresh.
 */
enum editor_save_result editor_save(struct editor *ed, bool force);
/*
 * A way out when saving in place fails (a full disk, the directory gone):
 * write the sheet as it is now to another file, atomically.  Refuses a
 * path that exists.  The session goes on with the original file, still
 * unsaved (its journal and lock unchanged).  Returns 0 or -1 with a
 * message either way.
 */
int editor_save_copy(struct editor *ed, const char *path);
/* Stamp the changed items' Updated field now, as a save does (before a merge on save). */
void editor_stamp_changed(struct editor *ed);
/* Put a freshly loaded sheet in place of the current one (reload); the caller frees the old. */
void editor_replace_sheet(struct editor *ed, struct sheet *s, const struct filestamp *stamp);

/* Problems of the current item for field f (first error, else first warning), or NULL. */
const struct problem *editor_field_problem(const struct editor *ed, int f);
/* Is field f of the current item required right now (mandatory or by a condition)? */
bool editor_field_required(const struct editor *ed, int f);
/* Errors in stage st of item idx. */
size_t editor_stage_errors(const struct editor *ed, size_t idx, int st);

#endif
