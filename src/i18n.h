/*
 * i18n.h - user-facing text goes through gettext: English in the source,
 * Japanese in po/ja.po.  Form labels are not translated here; they come
 * from the form files.
 */
#ifndef TORIKUMI_I18N_H
#define TORIKUMI_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

/*
 * setlocale() from the environment, making sure LC_CTYPE is UTF-8 (falls
 * back to C.UTF-8, since widths and keys need it), and bind the message
 * catalogue: $TORIKUMI_LOCALEDIR, then build/locale next to the binary
 * (a source tree), then the installed LOCALEDIR.
 */
void i18n_init(const char *argv0);
/* True when messages are shown in Japanese. */
bool i18n_is_japanese(void);

#endif
