# lib.sh - the crash-harness helpers for a CLI test (sourced after tests/lib.sh).
#
#   . "$TOP/tests/crash/lib.sh"
#   crash_build saver locker        # -> $SHIM, $WORK/saver, $WORK/locker
#
# The Makefile builds them (make crash, make crash-asan; make check does
# both); this picks the drivers that match $TORIKUMI: the sanitized ones
# when the binary under test is the ASan build.
crash_build() {
    CRASH_BIN=$TOP/build/crash
    case $TORIKUMI in
        */build/asan/*)
            CRASH_BIN=$TOP/build/asan/crash
            # The shim is preloaded ahead of the ASan runtime; that is fine here.
            ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
            export ASAN_OPTIONS
            ;;
    esac
    SHIM=$TOP/build/crash/shim.so
    [ -f "$SHIM" ] || { echo "crash_build: no $SHIM (make crash)"; return 1; }
    for drv in "$@"; do
        [ -x "$CRASH_BIN/$drv" ] || { echo "crash_build: no $CRASH_BIN/$drv (make crash crash-asan)"; return 1; }
        ln -sf "$CRASH_BIN/$drv" "$WORK/$drv" || return 1
    done
}
