/*
 * util.h - the few things every module needs: allocation that never
 * returns NULL, a growable byte buffer (strbuf), and error reporting.
 *
 * Ownership: xmalloc and friends abort the program on out-of-memory, so
 * callers never check for NULL.  A strbuf owns its bytes until
 * strbuf_detach() hands them to the caller (who then frees them).
 * Library code never exits on bad input: it returns -1 and fills a
 * caller-supplied struct error; only commands decide to exit.
 */
#ifndef TORIKUMI_UTIL_H
#define TORIKUMI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>   /* ssize_t */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (holding *cap elements of elem bytes) so that it can hold need. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Print "torikumi: MESSAGE" to stderr and exit(status). */
NORETURN void die(int status, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* A growable byte buffer, always NUL-terminated (buf may hold NULs too). */
struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Hand the bytes to the caller; the strbuf is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Never NULL, even for an empty buffer that never grew. */
const char *strbuf_cstr(const struct strbuf *sb);

/*
 * Where and what went wrong.  line and column are 1-based; 0 means
 * unknown.  offset is a byte offset into the input, or -1.
 */
struct error {
    char file[512];
    long line;
    long column;
    long long offset;
    char msg[512];
};

void error_clear(struct error *e);
/* Fill e (file may be NULL) and return -1 so callers can `return error_set(...)`. */
int error_set(struct error *e, const char *file, long line, long column,
              const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Format as "FILE:LINE:COL: MSG" (omitting what is unknown). */
void error_format(const struct error *e, struct strbuf *out);

/*
 * Read a whole file.  Returns 0, or -1 with e set (message from errno).
 * A file that is not a regular one (a pipe, a device) is read only up to
 * and including the first byte a sheet cannot hold (NUL, or one that is
 * never in UTF-8), so /dev/zero ends at once and the parser says where;
 * and at most READ_NON_REGULAR_MAX bytes.
 */
#define READ_NON_REGULAR_MAX ((size_t)256 << 20)
int read_file(const char *path, char **data, size_t *len, struct error *e);
/*
 * Open path for reading without ever blocking in open() (a FIFO without a
 * writer would wait forever), fstat it into *st; a directory is an error.
 * Returns the descriptor (blocking again for reads), or -1 with e set.
 */
struct stat;
int open_for_reading(const char *path, struct stat *st, struct error *e);

/*
 * The first read of a FIFO (read_file, import).  Opened without blocking
 * while nothing writes to it, a FIFO reads as empty at once: a sheet would
 * be read as an empty one.  Waits up to FIFO_WRITER_WAIT_MS for data or a
 * writer (one that is there but slow is then waited for, as any pipe), and
 * says so when there is none.  Returns what read() returns (0: a writer
 * came and wrote nothing; -1 with errno), or FIFO_NO_WRITER with e set.
 */
#define FIFO_WRITER_WAIT_MS 1000
#define FIFO_NO_WRITER (-2)
ssize_t read_fifo_first(int fd, void *buf, size_t n, const char *path, struct error *e);

/*
 * path with its symlinks followed (up to 40 hops; a relative link is taken
 * relative to the link's directory), so saving through a link replaces its
 * target and the link stays a link.  A missing file ends the walk there.
 */
char *path_follow_symlinks(const char *path);
/* The directory part of path: "a/b.rec" -> "a", "b.rec" -> ".", "/b.rec" -> "/".  Free it. */
char *path_dir(const char *path);

/* Compare two byte strings of given lengths for equality. */
bool mem_eq(const char *a, size_t alen, const char *b, size_t blen);
bool str_eq(const char *a, const char *b);

#endif
