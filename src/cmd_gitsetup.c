/*
 * cmd_gitsetup.c - `torikumi git-setup [DIR]`: make the git repository at
 * DIR (default: here) merge and diff sheets with torikumi.  Adds
 * "*.rec merge=torikumi diff=torikumi" to DIR/.gitattributes (once; the
 * file is committed, so every clone gets it) and sets, in the
 * repository's own config (not committed: run it in every clone),
 *     merge.torikumi.name    "torikumi: merge sheets by initiative and field"
 *     merge.torikumi.driver  "TORIKUMI merge %O %A %B"
 *     diff.torikumi.command  "TORIKUMI diff"
 * where TORIKUMI is this program's absolute path (so a copy that is not
 * on PATH works too).  Runs the real git.  Exit 0, or 2 with git's error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "save.h"

#define ATTR_LINE "*.rec merge=torikumi diff=torikumi\n"

static void gitsetup_usage(FILE *to)
{
    fprintf(to, _("usage: torikumi git-setup [DIR]\n"
                  "Make the git repository at DIR (default: the current directory) merge and "
                  "diff *.rec sheets with torikumi: .gitattributes and the repository's config.\n"));
}

/* git -C dir config KEY VALUE; 0 or -1 (git has said why on stderr). */
static int git_config(const char *dir, const char *key, const char *value)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execlp("git", "git", "-C", dir, "config", key, value, (char *)NULL);
        fprintf(stderr, "torikumi: git: %s\n", strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* This program's absolute path, for the config; "torikumi" when unknown. */
static char *self_path(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0)
        return xstrdup("torikumi");
    buf[n] = '\0';
    return xstrdup(buf);
}

/* The config value quoted for git's shell: 'path' with ' written as '\''. */
static void shell_quote(const char *s, struct strbuf *out)
{
    strbuf_addch(out, '\'');
    for (; *s; s++)
        if (*s == '\'')
            strbuf_addstr(out, "'\\''");
        else
            strbuf_addch(out, *s);
    strbuf_addch(out, '\'');
}

static int add_attributes(const char *dir)
{
    char *path = xasprintf("%s/.gitattributes", dir);
    char *text = NULL;
    size_t len = 0;
    struct error e;
    int rc = 0;
    if (access(path, F_OK) == 0 && read_file(path, &text, &len, &e) < 0)
        rc = -1;
    else if (!text || !strstr(text, "merge=torikumi")) {
        struct strbuf sb = STRBUF_INIT;
        if (text) {
            strbuf_add(&sb, text, len);
            if (len && text[len - 1] != '\n')
                strbuf_addch(&sb, '\n');
        }
        strbuf_addstr(&sb, ATTR_LINE);
        rc = save_atomic(path, sb.buf, sb.len, &e) == SAVE_FAILED ? -1 : 0;
        strbuf_release(&sb);
    }
    if (rc < 0)
        cmd_print_error(&e);
    free(text);
    free(path);
    return rc;
}

int cmd_gitsetup(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        bool help = argc == 2 && (str_eq(argv[1], "--help") || str_eq(argv[1], "-h"));
        gitsetup_usage(help ? stdout : stderr);
        return help ? EXIT_OK : EXIT_TROUBLE;
    }
    const char *dir = argc == 2 ? argv[1] : ".";
    char *self = self_path();
    struct strbuf quoted = STRBUF_INIT;
    shell_quote(self, &quoted);
    char *merge = xasprintf("%s merge %%O %%A %%B", quoted.buf);
    char *diff = xasprintf("%s diff", quoted.buf);
    int rc = git_config(dir, "merge.torikumi.name",
                        "torikumi: merge sheets by initiative and field") < 0 ||
                     git_config(dir, "merge.torikumi.driver", merge) < 0 ||
                     git_config(dir, "diff.torikumi.command", diff) < 0 || add_attributes(dir) < 0
                 ? EXIT_TROUBLE
                 : EXIT_OK;
    if (rc == EXIT_OK)
        cmd_printf_sanitized(stdout, _("%s: sheets (*.rec) now merge and diff with torikumi "
                                       "(.gitattributes: commit it; run git-setup in every "
                                       "clone)\n"), dir);
    free(merge);
    free(diff);
    strbuf_release(&quoted);
    free(self);
    return rc;
}
