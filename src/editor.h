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
 * Cost per key: O(size of the current item).  Nothing here walks the
 * whole sheet on a keystroke; per-item error counts are kept, and the
 * sheet-level check (numbers used twice) runs only when a number changes.
 *
 * Ownership: the editor borrows the sheet (the caller frees it after
 * editor_free).
 */
#ifndef TORIKUMI_EDITOR_H
#define TORIKUMI_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
};

/* One open sheet and the rules' verdict on it. */
struct open_sheet {
    struct sheet *sheet;
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
    struct sheet *sheet;           /* open[cur_sheet].sheet */
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
    /* Persistence of an editing session (NULL / unset when read-only). */
    struct journal *journal;       /* every change goes here too (recovery) */
    struct filestamp stamp;        /* the file as loaded or last saved */
    bool have_stamp;
};

/* Open sheets (one to edit; several read-only, as one long sheet). */
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

/* The current value of field f of the current item (live while editing), or NULL. */
const char *editor_value(const struct editor *ed, int f);

/* Text editing of the focused field.  Return true when something changed. */
bool editor_type(struct editor *ed, const char *s, size_t n);
bool editor_paste(struct editor *ed, const char *s, size_t n);
bool editor_backspace(struct editor *ed);
bool editor_delete_word_back(struct editor *ed);    /* Ctrl-W */
bool editor_clear_field(struct editor *ed);         /* Ctrl-U: empty the field, undoable */
/* Ctrl-K: the field's half-width katakana to full width, one undo step; says what it did. */
bool editor_fullwidth_kana(struct editor *ed);
bool editor_delete(struct editor *ed);
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
