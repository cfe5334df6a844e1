/*
 * tempguard.c - remove the temporary file of a save when a signal ends the
 * process (see tempguard.h).
 */
#include "tempguard.h"

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static const int guarded_signals[] = { SIGTERM, SIGINT, SIGHUP };

/* Written only while armed == 0, so the handler never sees half a path. */
static char guarded_path[PATH_MAX];
static volatile sig_atomic_t armed;

static void remove_and_die(int sig)
{
    if (armed)
        unlink(guarded_path);
    /* Die of the signal as before: the default action, delivered once we return. */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_where_default(void)
{
    static bool installed;
    if (installed)
        return;
    installed = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = remove_and_die;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(guarded_signals) / sizeof(*guarded_signals); i++)
        sigaddset(&sa.sa_mask, guarded_signals[i]);     /* one handler at a time */
    for (size_t i = 0; i < sizeof(guarded_signals) / sizeof(*guarded_signals); i++) {
        struct sigaction old;
        if (sigaction(guarded_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            sigaction(guarded_signals[i], &sa, NULL);
    }
}

void tempguard_arm(const char *path)
{
    armed = 0;
    size_t n = strlen(path);
    if (n >= sizeof(guarded_path))
        return;     /* longer than any path open() takes */
    memcpy(guarded_path, path, n + 1);
    install_where_default();
    armed = 1;
}

void tempguard_disarm(void)
{
    armed = 0;
}
