#!/bin/sh
# deps.sh - install what building and testing torikumi needs, when it can.
#
# Debian/Ubuntu: missing packages are installed with apt-get (through sudo
# when not root).  Elsewhere the exact command to run is printed and the
# script fails.  Also makes sure a ja_JP.UTF-8 locale exists, so the tests
# can check the Japanese messages under a real Japanese locale.
set -u

need_pkgs=""
add() { case " $need_pkgs " in *" $1 "*) ;; *) need_pkgs="$need_pkgs $1" ;; esac; }

command -v cc >/dev/null 2>&1 || add gcc
command -v make >/dev/null 2>&1 || add make
command -v pkg-config >/dev/null 2>&1 || add pkg-config
pkg-config --exists ncursesw 2>/dev/null || add libncurses-dev
{ pkg-config --exists cmocka 2>/dev/null || [ -f /usr/include/cmocka.h ]; } || add libcmocka-dev
command -v recfix >/dev/null 2>&1 || add recutils
command -v tmux >/dev/null 2>&1 || add tmux
command -v msgfmt >/dev/null 2>&1 || add gettext
command -v valgrind >/dev/null 2>&1 || add valgrind
command -v strace >/dev/null 2>&1 || add strace
command -v iconv >/dev/null 2>&1 || add libc-bin
# Printing (export/summary --format html): Chromium renders, poppler reads the PDF back,
# tidy checks the HTML, IPA Gothic is the Japanese font the PDF embeds.
command -v chromium >/dev/null 2>&1 || add chromium
command -v pdftotext >/dev/null 2>&1 || add poppler-utils
command -v tidy >/dev/null 2>&1 || add tidy
{ fc-list 2>/dev/null | grep -q IPAGothic || [ -f /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ]; } ||
    add fonts-ipafont-gothic
has_ja_locale() { locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; }
has_ja_locale || [ -f /usr/share/i18n/locales/ja_JP ] || add locales

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else return 1
    fi
}

if [ -n "$need_pkgs" ]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "deps: installing:$need_pkgs"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need_pkgs >/dev/null || {
            echo "deps: could not install; run: sudo apt-get install$need_pkgs" >&2
            exit 1
        }
    else
        echo "deps: missing:$need_pkgs" >&2
        echo "deps: on Debian/Ubuntu: sudo apt-get install$need_pkgs" >&2
        echo "deps: on Fedora: sudo dnf install gcc make pkgconf ncurses-devel libcmocka-devel recutils tmux gettext valgrind glibc-langpack-ja chromium poppler-utils tidy ipa-gothic-fonts" >&2
        echo "deps: on macOS (Homebrew): brew install ncurses cmocka recutils tmux gettext libiconv pkg-config poppler tidy-html5 (and Chromium)" >&2
        exit 1
    fi
fi

if ! has_ja_locale; then
    echo "deps: generating the ja_JP.UTF-8 locale"
    as_root localedef -i ja_JP -c -f UTF-8 -A /usr/share/locale/locale.alias ja_JP.UTF-8 2>/dev/null ||
        as_root locale-gen ja_JP.UTF-8 >/dev/null 2>&1 ||
        { echo "deps: could not generate ja_JP.UTF-8; run: sudo localedef -i ja_JP -f UTF-8 ja_JP.UTF-8" >&2; exit 1; }
fi
exit 0
