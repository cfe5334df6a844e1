# lib.sh - build the crash-harness helpers for a CLI test (sourced after tests/lib.sh).
#
#   . "$TOP/tests/crash/lib.sh"
#   crash_build saver locker        # -> $WORK/shim.so, $WORK/saver, $WORK/locker
#
# The drivers link the library that matches $TORIKUMI: build/asan/libtorikumi.a
# (with the sanitizers) when the binary under test is the ASan build.
crash_build() {
    CRASH_LIB=$TOP/build/libtorikumi.a
    CRASH_SAN=
    case $TORIKUMI in
        */build/asan/*)
            CRASH_LIB=$TOP/build/asan/libtorikumi.a
            CRASH_SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
            # The shim is preloaded ahead of the ASan runtime; that is fine here.
            ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
            export ASAN_OPTIONS
            ;;
    esac
    [ -f "$CRASH_LIB" ] || { echo "crash_build: no $CRASH_LIB (make unit asan)"; return 1; }
    cc -std=c11 -shared -fPIC -O1 -Wall -Wextra -Werror -o "$WORK/shim.so" \
        "$TOP/tests/crash/shim.c" -ldl || return 1
    SHIM=$WORK/shim.so
    for drv in "$@"; do
        # shellcheck disable=SC2086
        cc -std=c11 -g -O1 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            $CRASH_SAN -I"$TOP/src" -o "$WORK/$drv" "$TOP/tests/crash/$drv.c" "$CRASH_LIB" \
            $(pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw) || return 1
    done
}
