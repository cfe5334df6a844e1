/*
 * outfile.c - output to standard output, a device, or a file replaced
 * atomically.  Devices matter: renaming a temporary file over /dev/null
 * would replace the device node (as root it can).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

struct outfile {
    const char *path;           /* NULL: standard output */
    bool opened;
    int fd;                     /* stdout or a device; -1 for a file */
    struct save_stream *st;     /* a file */
};

struct outfile *outfile_new(const char *path)
{
    struct outfile *o = xcalloc(1, sizeof(*o));
    o->path = path && !str_eq(path, "-") ? path : NULL;
    o->fd = -1;
    return o;
}

const char *outfile_name(const struct outfile *o)
{
    return o->path ? o->path : _("standard output");
}

bool outfile_is_stdout(const struct outfile *o)
{
    return !o->path;
}

static int open_output(struct outfile *o, struct error *e)
{
    o->opened = true;
    if (!o->path) {
        o->fd = STDOUT_FILENO;
        return 0;
    }
    struct stat sb;
    if (stat(o->path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        if (S_ISDIR(sb.st_mode))
            return error_set(e, o->path, 0, 0, "%s", strerror(EISDIR));
        o->fd = open(o->path, O_WRONLY | O_CLOEXEC);
        if (o->fd < 0)
            return error_set(e, o->path, 0, 0, "%s", strerror(errno));
        return 0;
    }
    o->st = save_stream_open(o->path, e);
    return o->st ? 0 : -1;
}

int outfile_write(struct outfile *o, const void *data, size_t n, struct error *e)
{
    if (!o->opened && open_output(o, e) < 0)
        return -1;
    if (o->st)
        return save_stream_write(o->st, data, n, e);
    if (o->fd < 0)
        return error_set(e, o->path, 0, 0, "%s", strerror(EBADF));
    const char *p = data;
    while (n > 0) {
        ssize_t k = write(o->fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return error_set(e, outfile_name(o), 0, 0, "%s", strerror(errno));
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static void outfile_free(struct outfile *o)
{
    if (o->path && o->fd >= 0)
        close(o->fd);
    free(o);
}

enum save_result outfile_commit(struct outfile *o, struct error *e)
{
    if (!o->opened && outfile_write(o, "", 0, e) < 0) {
        outfile_abort(o);
        return SAVE_FAILED;
    }
    enum save_result rc = SAVE_OK;
    if (o->st) {
        rc = save_stream_commit(o->st, e);     /* frees the stream */
        o->st = NULL;
    } else if (o->path && o->fd >= 0) {
        if (close(o->fd) < 0) {
            rc = SAVE_FAILED;
            error_set(e, o->path, 0, 0, "%s", strerror(errno));
        }
        o->fd = -1;
    }
    outfile_free(o);
    return rc;
}

void outfile_abort(struct outfile *o)
{
    if (!o)
        return;
    if (o->st)
        save_stream_abort(o->st);
    outfile_free(o);
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int outfile_refuse_input(const char *out_path, const char *in_path, struct error *e)
{
    struct stat out, in;
    if (!out_path || str_eq(out_path, "-") || stat(out_path, &out) < 0 || !S_ISREG(out.st_mode))
        return 0;
    bool from_stdin = !in_path || str_eq(in_path, "-");
    if ((from_stdin ? fstat(STDIN_FILENO, &in) : stat(in_path, &in)) < 0 || !same_file(&out, &in))
        return 0;
    return error_set(e, out_path, 0, 0,
                     _("the output is the input file itself (%s); nothing was written: "
                       "give another output file"),
                     from_stdin ? _("standard input") : in_path);
}
