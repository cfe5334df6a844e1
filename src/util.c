/*
 * util.c - allocation, strbuf, errors, whole-file reading.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

NORETURN static void out_of_memory(size_t n)
{
    fprintf(stderr, "torikumi: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

void xgrow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            out_of_memory(SIZE_MAX);
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        out_of_memory(SIZE_MAX);
    *p = xrealloc(*p, ncap * elem);
    *cap = ncap;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    return strbuf_detach(&sb, NULL);
}

void die(int status, const char *fmt, ...)
{
    va_list ap;
    fputs("torikumi: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(status);
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 < sb->len)
        out_of_memory(SIZE_MAX);
    bool fresh = sb->buf == NULL;
    xgrow((void **)&sb->buf, &sb->cap, sb->len + extra + 1, 1);
    if (fresh)
        sb->buf[0] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
    strbuf_grow(sb, n);
    if (n)
        memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
    strbuf_grow(sb, 1);
    sb->buf[sb->len++] = c;
    sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    strbuf_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void strbuf_release(struct strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    if (!sb->buf)
        strbuf_grow(sb, 0);
    char *p = sb->buf;
    if (len)
        *len = sb->len;
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

const char *strbuf_cstr(const struct strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void error_clear(struct error *e)
{
    if (!e)
        return;
    memset(e, 0, sizeof(*e));
    e->offset = -1;
}

int error_set(struct error *e, const char *file, long line, long column,
              const char *fmt, ...)
{
    if (!e)
        return -1;
    error_clear(e);
    if (file)
        snprintf(e->file, sizeof(e->file), "%s", file);
    e->line = line;
    e->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return -1;
}

void error_format(const struct error *e, struct strbuf *out)
{
    if (e->file[0])
        strbuf_addf(out, "%s:", e->file);
    if (e->line > 0) {
        strbuf_addf(out, "%ld:", e->line);
        if (e->column > 0)
            strbuf_addf(out, "%ld:", e->column);
    }
    if (out->len)
        strbuf_addch(out, ' ');
    strbuf_addstr(out, e->msg);
}

/*
 * A big sheet is read into fresh memory, and on a VM each page fault costs
 * microseconds: for a 46 MB sheet the faults took longer than the parse.
 * Ask for huge pages and fault the buffer in with one call where the
 * kernel can (Linux 5.14+); elsewhere this does nothing and read() faults
 * the pages in as before.
 */
static void prefault_big_buffer(void *buf, size_t size)
{
#if defined(__linux__)
    if (size < ((size_t)4 << 20))
        return;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return;
    uintptr_t start = ((uintptr_t)buf + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t end = ((uintptr_t)buf + size) & ~((uintptr_t)page - 1);
    if (end <= start)
        return;
#ifdef MADV_HUGEPAGE
    (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
    (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
#endif
#else
    (void)buf;
    (void)size;
#endif
}

int open_for_reading(const char *path, struct stat *st, struct error *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return error_set(e, path, 0, 0, "%s", strerror(errno));
    if (fstat(fd, st) < 0 || S_ISDIR(st->st_mode)) {
        int err = S_ISDIR(st->st_mode) ? EISDIR : errno;
        close(fd);
        return error_set(e, path, 0, 0, "%s", strerror(err));
    }
    /* Now reads may wait for a writer that exists (a pipe being filled). */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

/* read() once more after EINTR. */
static ssize_t read_again(int fd, void *buf, size_t n)
{
    ssize_t got;
    while ((got = read(fd, buf, n)) < 0 && errno == EINTR)
        ;
    return got;
}

ssize_t read_fifo_first(int fd, void *buf, size_t n, const char *path, struct error *e)
{
    struct pollfd p = { fd, POLLIN, 0 };
    int ready;
    while ((ready = poll(&p, 1, FIFO_WRITER_WAIT_MS)) < 0 && errno == EINTR)
        ;
    if (ready != 0)
        return read_again(fd, buf, n);     /* data, or a writer that came and went */
    /* Nothing yet: without blocking, a writer that is there says EAGAIN; none says EOF. */
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return read_again(fd, buf, n);
    ssize_t got = read_again(fd, buf, n);
    int err = errno;
    (void)fcntl(fd, F_SETFL, flags);
    if (got < 0 && (err == EAGAIN || err == EWOULDBLOCK))
        return read_again(fd, buf, n);
    if (got == 0) {
        error_set(e, path, 0, 0, _("not a regular file but a FIFO, and nothing writes to it "
                                   "(waited %d s): not read"), FIFO_WRITER_WAIT_MS / 1000);
        return FIFO_NO_WRITER;
    }
    errno = err;
    return got;
}

/* The first byte UTF-8 text without NUL can never hold (NUL, C0, C1, F5..FF), or n. */
static size_t first_impossible_byte(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0 || c == 0xC0 || c == 0xC1 || c >= 0xF5)
            return i;
    }
    return n;
}

int read_file(const char *path, char **data, size_t *len, struct error *e)
{
    struct stat st;
    int fd = open_for_reading(path, &st, e);
    if (fd < 0)
        return -1;
    bool regular = S_ISREG(st.st_mode);
    struct strbuf sb = STRBUF_INIT;
    if (regular && st.st_size > 0) {
        /* Exactly the size (strbuf_grow would round up to a power of two). */
        sb.cap = (size_t)st.st_size + 65536 + 1;
        sb.buf = xmalloc(sb.cap);
        sb.buf[0] = '\0';
        prefault_big_buffer(sb.buf, sb.cap);
    }
    bool fifo_first = S_ISFIFO(st.st_mode);
    for (;;) {
        strbuf_grow(&sb, 65536);
        size_t room = sb.cap - sb.len - 1;
        ssize_t n = fifo_first ? read_fifo_first(fd, sb.buf + sb.len, room, path, e)
                               : read(fd, sb.buf + sb.len, room);
        fifo_first = false;
        if (n == FIFO_NO_WRITER || n < 0) {
            if (n == -1 && errno == EINTR)
                continue;
            int err = errno;
            close(fd);
            strbuf_release(&sb);
            return n == FIFO_NO_WRITER ? -1 : error_set(e, path, 0, 0, "%s", strerror(err));
        }
        if (n == 0)
            break;
        size_t got = (size_t)n;
        sb.len += got;
        if (regular)
            continue;
        /*
         * A device or a pipe may never end (/dev/zero, /dev/urandom): stop
         * at the first byte a sheet cannot hold (the parser then says where
         * it is), and at READ_NON_REGULAR_MAX.
         */
        size_t bad = first_impossible_byte(sb.buf + sb.len - got, got);
        if (bad < got) {
            sb.len -= got - bad - 1;
            break;
        }
        if (sb.len > READ_NON_REGULAR_MAX) {
            close(fd);
            strbuf_release(&sb);
            return error_set(e, path, 0, 0, _("not a regular file, and more than %zu MiB: a "
                                              "sheet is never that big"),
                             READ_NON_REGULAR_MAX >> 20);
        }
    }
    sb.buf[sb.len] = '\0';
    close(fd);
    *data = strbuf_detach(&sb, len);
    return 0;
}

bool mem_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

bool str_eq(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *path_follow_symlinks(const char *path)
{
    char *target = xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(target, &st) < 0 || !S_ISLNK(st.st_mode))
            return target;
        char buf[PATH_MAX];
        ssize_t n = readlink(target, buf, sizeof(buf) - 1);
        if (n < 0)
            return target;
        buf[n] = '\0';
        char *next;
        const char *slash = strrchr(target, '/');
        if (buf[0] == '/' || !slash)
            next = xstrdup(buf);
        else
            next = xasprintf("%.*s/%s", (int)(slash - target), target, buf);
        free(target);
        target = next;
    }
    return target;
}
