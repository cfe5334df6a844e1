/*
 * unit.c - helpers shared by the unit tests (unit.h): round counts,
 * scratch directories, whole files, parsing a sheet.  Linked into every
 * tests/unit/test_*.c; nothing here is tested code.
 */
#include "unit.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sheet.h"
#include "util.h"

long unit_rounds(long full)
{
    const char *v = getenv("TORIKUMI_TEST_LONG");
    if (v && *v && strcmp(v, "0") != 0)
        return full;
    return full / 10 > 0 ? full / 10 : 1;
}

int unit_tmpdir(char *dir, size_t size, const char *what)
{
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(dir, size, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", what);
    if (n < 0 || (size_t)n >= size)
        return -1;
    return mkdtemp(dir) ? 0 : -1;
}

int unit_rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char p[PATH_MAX];
        if (snprintf(p, sizeof p, "%s/%s", path, de->d_name) >= (int)sizeof p || unit_rm_tree(p) < 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) < 0 ? -1 : rc;
}

char *unit_slurp(const char *path, size_t *len)
{
    char *data;
    size_t n;
    struct error e;
    if (read_file(path, &data, &n, &e) < 0)
        fail_msg("%s", e.msg);
    if (len)
        *len = n;
    return data;
}

void unit_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot create %s", path);
    size_t n = strlen(text);
    if (fwrite(text, 1, n, f) != n || fclose(f) != 0)
        fail_msg("cannot write %s", path);
}

struct sheet *unit_ward_year_sheet(const char *ward, int year, const char *items)
{
    struct strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb, "%%rec: Sheet\n\nForm: kaikaku-2.0\nWard: %s\nFiscalYear: %d\n\n"
                "%%rec: Initiative\n\n%s", ward, year, items);
    struct sheet *s = unit_parse_sheet(sb.buf);
    strbuf_release(&sb);
    return s;
}

struct sheet *unit_ward_sheet(const char *ward, const char *items)
{
    return unit_ward_year_sheet(ward, 2017, items);
}

char *unit_path(const char *dir, const char *name)
{
    static char p[4][PATH_MAX + 256];
    static int i;
    i = (i + 1) % 4;
    snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
    return p[i];
}

struct sheet *unit_parse_sheet(const char *text)
{
    struct error e;
    struct sheet *s = sheet_parse(text, strlen(text), "t.rec", NULL, &e);
    if (!s)
        fail_msg("the test's sheet does not parse: %ld:%ld %s", e.line, e.column, e.msg);
    return s;
}

struct form *unit_form;

int unit_builtin_form_setup(void **state)
{
    (void)state;
    unit_form = form_builtin();
    return 0;
}

int unit_form_teardown(void **state)
{
    (void)state;
    form_free(unit_form);
    unit_form = NULL;
    return 0;
}

long unit_dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    return (long)pid;
}
