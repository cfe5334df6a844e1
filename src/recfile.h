/*
 * recfile.h - the GNU recutils text format, read and written without loss.
 *
 * A rec_doc is the whole file as a sequence of blocks: runs of text
 * between records (blank lines, comments) and records.  A record is a
 * sequence of entries: fields and comment lines.  Every block and entry
 * remembers the exact bytes it was read from, so writing a document that
 * was not changed gives back the same bytes, and a changed record only
 * re-generates the fields that changed: unknown fields, field order,
 * comments and blank lines survive untouched.
 *
 * Value syntax (as recutils reads it): "Name: value"; one blank after
 * the colon is not part of the value; a line "+ text" (or "+text", or a
 * bare "+") continues the value after a newline; a backslash right before
 * a newline joins the next physical line.  rec_format_field() writes any
 * value back so that recutils reads the same value.
 *
 * Ownership: the doc owns its blocks, records and entries; pointers into
 * them stay valid until the entry is removed or the doc freed.
 */
#ifndef TORIKUMI_RECFILE_H
#define TORIKUMI_RECFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct rec_entry {
    char *name;          /* field name; NULL for a comment line */
    char *value;         /* decoded value (NUL-terminated), or comment text with its '#' */
    size_t value_len;
    long line;           /* 1-based line where the entry starts in the file read; 0 when new */
    char *raw;           /* exact bytes it was read from (incl. newline), NULL once changed */
    size_t raw_len;
    bool borrowed;       /* value points into the doc's input (read-only load) */
    bool name_borrowed;  /* so does name */
};

struct rec_record {
    struct rec_entry *entries;
    size_t n_entries, cap_entries;
    long line;           /* line of the first entry; 0 when new */
    char *raw;           /* exact bytes of the whole record, NULL once changed */
    size_t raw_len;
    bool is_descriptor;  /* starts with a %rec: field */
    char *type;          /* record set it belongs to (value of the governing %rec), or NULL */
};

enum rec_block_kind { REC_BLOCK_TEXT, REC_BLOCK_RECORD };

struct rec_block {
    enum rec_block_kind kind;
    char *text;                 /* REC_BLOCK_TEXT: blank lines and comments, verbatim */
    size_t text_len;
    struct rec_record *record;  /* REC_BLOCK_RECORD */
};

struct rec_doc {
    struct rec_block *blocks;
    size_t n_blocks, cap_blocks;
};

/*
 * Parse buf[0..len) (UTF-8 is checked: an invalid byte is a syntax error).
 * file names the input in errors.  Returns the doc, or NULL with e set
 * to FILE:LINE:COLUMN and what was expected.
 */
struct rec_doc *rec_parse(const char *buf, size_t len, const char *file, struct error *e);
/*
 * Same, but the doc takes buf (len + 1 bytes, buf[len] == '\0', from
 * malloc) instead of copying it; buf is freed on error too.
 */
struct rec_doc *rec_parse_take(char *buf, size_t len, const char *file, struct error *e);
/*
 * For reading only (check, show, export): values are decoded in buf itself
 * and point into it; no raw bytes are kept, so writing such a doc
 * regenerates every record instead of giving back the file's bytes.
 * About half the memory and time of rec_parse_take() on a big sheet.
 */
struct rec_doc *rec_parse_take_readonly(char *buf, size_t len, const char *file, struct error *e);
void rec_doc_free(struct rec_doc *doc);

/* Write the doc into out (appending). */
void rec_write(const struct rec_doc *doc, struct strbuf *out);

/* Append one field in rec syntax ("Name: value\n" with "+" continuation lines). */
void rec_format_field(struct strbuf *out, const char *name, const char *value, size_t value_len);

/* First entry named name in r, or NULL. */
struct rec_entry *rec_find(const struct rec_record *r, const char *name);
/* Index of the first entry named name, or -1. */
long rec_find_index(const struct rec_record *r, const char *name);
/* Number of fields named name. */
size_t rec_count(const struct rec_record *r, const char *name);

/* Change an entry's value (marks entry and record changed). */
void rec_entry_set(struct rec_record *r, struct rec_entry *en, const char *value, size_t len);
/* Insert a new field at index pos (0..n_entries).  Returns it. */
struct rec_entry *rec_insert(struct rec_record *r, size_t pos, const char *name,
                             const char *value, size_t len);
/* Remove the entry at index pos. */
void rec_remove(struct rec_record *r, size_t pos);

/* A new empty record / a record appended to the doc as a new block. */
struct rec_record *rec_record_new(void);
void rec_record_free(struct rec_record *r);
/* Add a text block (blank lines, comments) / record at the end of doc. */
void rec_doc_add_text(struct rec_doc *doc, const char *text, size_t len);
void rec_doc_add_record(struct rec_doc *doc, struct rec_record *r);
/* Insert record r as a new block right after block index after (with a blank line before). */
void rec_doc_insert_record_after(struct rec_doc *doc, size_t after, struct rec_record *r);
struct rec_doc *rec_doc_new(void);

/* True when name is a valid field name: [a-zA-Z%][a-zA-Z0-9_]* */
bool rec_valid_name(const char *name, size_t len);

#endif
