/*
 * sidefile.c - names of the files kept next to a sheet; user, host and
 * time for their headers (see sidefile.h).
 */
#include "sidefile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *sidefile_target(const char *sheet_path)
{
    return path_follow_symlinks(sheet_path);
}

char *sidefile_path(const char *sheet_path, const char *suffix)
{
    char *target = sidefile_target(sheet_path);
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    int dirlen = slash ? (int)(slash - target + 1) : 0;
    char *p = xasprintf("%.*s.%s%s", dirlen, target, base, suffix);
    free(target);
    return p;
}

char *sidefile_own_journal(const char *sheet_path)
{
    char host[256];
    sidefile_host(host, sizeof(host));
    for (char *c = host; *c; c++)
        if (*c == '/')
            *c = '_';
    char *suffix = xasprintf("%s-%s-%ld", SIDEFILE_JOURNAL, host, (long)getpid());
    char *p = sidefile_path(sheet_path, suffix);
    free(suffix);
    return p;
}

static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == 0x7f)
            *s = '?';
}

void sidefile_user(char *out, size_t size)
{
    struct passwd *pw = getpwuid(geteuid());
    const char *name = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
    if (!name || !*name)
        name = getenv("LOGNAME");
    if (name && *name)
        snprintf(out, size, "%s", name);
    else
        snprintf(out, size, "uid%ld", (long)geteuid());
    one_line(out);
}

void sidefile_host(char *out, size_t size)
{
    if (gethostname(out, size) < 0 || !*out)
        snprintf(out, size, "localhost");
    out[size - 1] = '\0';
    one_line(out);
}

void sidefile_boot_id(char *out, size_t size)
{
    out[0] = '\0';
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
    if (!f)
        return;
    if (!fgets(out, (int)size, f))
        out[0] = '\0';
    fclose(f);
    out[strcspn(out, "\n")] = '\0';
    one_line(out);
}

void sidefile_iso8601(time_t t, char *out, size_t size)
{
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        snprintf(out, size, "%lld", (long long)t);
        return;
    }
    char zone[8];
    strftime(zone, sizeof(zone), "%z", &tm);   /* +0900 */
    char date[24];
    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
    if (strlen(zone) == 5)
        snprintf(out, size, "%s%.3s:%s", date, zone, zone + 3);
    else
        snprintf(out, size, "%s", date);
}

static bool is_save_temp(const char *name, const char *base)
{
    size_t bl = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 || strncmp(name + 1 + bl, ".tmp", 4))
        return false;
    const char *hex = name + 1 + bl + 4;
    if (strlen(hex) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (!strchr("0123456789abcdef", hex[i]))
            return false;
    return true;
}

int sidefile_clean_temps(const char *sheet_path, long min_age)
{
    char *target = sidefile_target(sheet_path);
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    char *dir = slash ? xstrndup(target, (size_t)(slash - target + (slash == target))) : xstrdup(".");
    int removed = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    time_t now = time(NULL);
    while (d && (de = readdir(d))) {
        if (!is_save_temp(de->d_name, base))
            continue;
        char *p = xasprintf("%s/%s", dir, de->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime >= min_age &&
            unlink(p) == 0)
            removed++;
        free(p);
    }
    if (d)
        closedir(d);
    free(dir);
    free(target);
    return removed;
}
