/*
 * i18n.c - locale and message catalogue set-up.
 */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

static bool dir_exists(const char *path)
{
    return access(path, X_OK) == 0;
}

/* build/locale beside the running binary: `make` puts the catalogue there. */
static char *source_tree_localedir(const char *argv0)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0)
        exe[n] = '\0';
    else if (argv0 && strchr(argv0, '/'))
        snprintf(exe, sizeof(exe), "%s", argv0);
    else
        return NULL;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    char *dir = xasprintf("%s/build/locale", exe);
    if (!dir_exists(dir)) {
        free(dir);
        /* The sanitizer build lives in build/asan/. */
        dir = xasprintf("%s/../locale", exe);
        if (!dir_exists(dir)) {
            free(dir);
            return NULL;
        }
    }
    return dir;
}

void i18n_init(const char *argv0)
{
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (!cs || strcmp(cs, "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    const char *dir = getenv("TORIKUMI_LOCALEDIR");
    char *found = NULL;
    if (!dir || !*dir) {
        found = source_tree_localedir(argv0);
        dir = found ? found : LOCALEDIR;
    }
    bindtextdomain("torikumi", dir);
    bind_textdomain_codeset("torikumi", "UTF-8");
    textdomain("torikumi");
    free(found);
}

bool i18n_is_japanese(void)
{
    /* The catalogue translates this marker only when Japanese is active. */
    return strcmp(_("LANGUAGE-MARKER"), "LANGUAGE-MARKER") != 0;
}
