# torikumi - terminal form editor for 取組項目 sheets.
#
#   make            build ./torikumi
#   make run        set up, then open a fresh copy of the sample sheet
#   make deps       install what building and testing need (Debian/Ubuntu)
#   make check      every test (unit, CLI, terminal): plain, under ASan+UBSan and under valgrind, at once
#   make check-long the same with the random and exhaustive loops at full length
#   make bench      benchmarks against peers (docs/performance.md)
#   make fuzz       libFuzzer targets (clang)
#
# This Makefile is the only place that compiles: test drivers, bench programs
# and fuzz targets have rules here, and scripts ask make for them.
#   make install    PREFIX=/usr/local DESTDIR=

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
FORMDIR    ?= $(DATADIR)/torikumi/forms
LOCALEDIR  ?= $(DATADIR)/locale

CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CLANG      ?= clang
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined

NCURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
NCURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw)
CMOCKA_LIBS    := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
# iconv is part of glibc; macOS and the BSDs need GNU libiconv's -liconv.
ICONV_LIBS     := $(shell printf '\043include <iconv.h>\nint main(void){return iconv_open("UTF-8","CP932")==(iconv_t)-1;}\n' \
                    | $(CC) -x c - -o /dev/null >/dev/null 2>&1 || echo -liconv)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
DEFS     := -DTORIKUMI_VERSION='"$(VERSION)"' -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DNCURSES_WIDECHAR=1 \
            -DFORMDIR='"$(FORMDIR)"' -DLOCALEDIR='"$(LOCALEDIR)"'
# pkg-config's ncursesw flags set _XOPEN_SOURCE=600; ours (700) wins.
DEPFLAGS   = -MMD -MP
ALL_CFLAGS = -std=c11 $(WARN) $(filter-out -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE,$(NCURSES_CFLAGS)) \
             $(DEFS) -Isrc -Ibuild/gen $(CFLAGS)
LIBS      = $(NCURSES_LIBS) $(ICONV_LIBS)

# Objects are rebuilt when the compiler, its flags or the install paths change
# (the paths are compiled in), so `make install PREFIX=/usr` installs what it says.
CONFIG_STAMP := build/config.stamp
CONFIG_NOW   := $(CC) | $(CFLAGS) | $(FORMDIR) | $(LOCALEDIR) | $(VERSION)
ifneq ($(CONFIG_NOW),$(shell cat $(CONFIG_STAMP) 2>/dev/null))
$(shell mkdir -p build && printf '%s\n' '$(CONFIG_NOW)' > $(CONFIG_STAMP))
endif

SRC      := $(wildcard src/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
GEN_SRC  := build/gen/form_builtin.c
UNIT_SRC := $(wildcard tests/unit/test_*.c)

OBJ       := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC)) build/obj/form_builtin.o
ASAN_OBJ  := $(patsubst src/%.c,build/asan/obj/%.o,$(LIB_SRC)) build/asan/obj/form_builtin.o
UNIT_BIN  := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
ASAN_UNIT := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))
MO        := build/locale/ja/LC_MESSAGES/torikumi.mo

.PHONY: all run check check-long deps unit asan test-plain test-asan valgrind bench fuzz fuzz-smoke \
        install uninstall clean pot crash crash-asan bench-progs fuzz-build

all: torikumi $(MO)

build/gen/form_builtin.c: forms/kaikaku-2.0.form scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh form_builtin_text $< > $@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

build/obj/form_builtin.o: build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/asan/obj/%.o: src/%.c $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -c $< -o $@

build/asan/obj/form_builtin.o: build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

build/libtorikumi.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

build/asan/libtorikumi.a: $(ASAN_OBJ)
	rm -f $@ && ar rcs $@ $^

torikumi: build/obj/main.o build/libtorikumi.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

build/asan/torikumi: build/asan/obj/main.o build/asan/libtorikumi.a
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(LIBS)

# A unit test may name extra link flags (e.g. -Wl,--wrap=fsync) in tests/unit/NAME.ldflags.
# Every unit test links the shared helpers: tests/unit/unit.c, and tests/common/*.c, which
# the fuzz targets link too.
TEST_COMMON  := $(wildcard tests/common/*.c)
TEST_HELPERS := unit.o $(notdir $(TEST_COMMON:.c=.o))
vpath unit.c tests/unit
vpath %.c tests/common
build/tests/%: tests/unit/%.c $(TEST_HELPERS:%=build/tests/%) build/libtorikumi.a $(CONFIG_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itests/unit -Itests/common -o $@ $< $(TEST_HELPERS:%=build/tests/%) \
	    build/libtorikumi.a $$(cat tests/unit/$*.ldflags 2>/dev/null) $(CMOCKA_LIBS) $(LIBS)

build/asan/tests/%: tests/unit/%.c $(TEST_HELPERS:%=build/asan/tests/%) build/asan/libtorikumi.a $(CONFIG_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -Itests/unit -Itests/common -o $@ $< \
	    $(TEST_HELPERS:%=build/asan/tests/%) build/asan/libtorikumi.a \
	    $$(cat tests/unit/$*.ldflags 2>/dev/null) $(CMOCKA_LIBS) $(LIBS)

$(TEST_HELPERS:%=build/tests/%): build/tests/%.o: %.c $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itests/unit -Itests/common -c $< -o $@

$(TEST_HELPERS:%=build/asan/tests/%): build/asan/tests/%.o: %.c $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -Itests/unit -Itests/common -c $< -o $@

# The crash harness (tests/crash): an LD_PRELOAD shim that fails or kills at
# the K-th file operation, and the drivers it runs, plain and sanitized.
CRASH_DRIVERS := saver locker
crash: build/crash/shim.so $(CRASH_DRIVERS:%=build/crash/%)
crash-asan: build/crash/shim.so $(CRASH_DRIVERS:%=build/asan/crash/%)

build/crash/shim.so: tests/crash/shim.c $(CONFIG_STAMP)
	@mkdir -p $(@D)
	$(CC) -std=c11 -shared -fPIC -O1 -Wall -Wextra -Werror $(DEPFLAGS) -o $@ $< -ldl

build/crash/%: tests/crash/%.c build/libtorikumi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -o $@ $< build/libtorikumi.a $(LIBS)

build/asan/crash/%: tests/crash/%.c build/asan/libtorikumi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(DEPFLAGS) -o $@ $< build/asan/libtorikumi.a $(LIBS)

# Bench programs (bench/*.c), linked against the optimised library.
BENCH_PROGS := $(patsubst bench/%.c,build/bench/%,$(wildcard bench/*.c))
bench-progs: $(BENCH_PROGS)

build/bench/%: bench/%.c build/libtorikumi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itests/unit -o $@ $< build/libtorikumi.a $(LIBS)

# libFuzzer targets (tests/fuzz/fuzz_*.c) with clang, against the library
# compiled the same way; tests/fuzz/run.sh runs them.
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC)) build/fuzz/obj/form_builtin.o
FUZZ_CFLAGS   = -std=c11 $(filter-out -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE,$(NCURSES_CFLAGS)) \
                $(DEFS) -Isrc -Ibuild/gen $(FUZZ_FLAGS)
fuzz-build: $(FUZZ_TARGETS)

build/fuzz/obj/%.o: src/%.c $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) $(DEPFLAGS) -c $< -o $@

build/fuzz/obj/form_builtin.o: build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -c $< -o $@

build/fuzz/libtorikumi.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(TEST_COMMON:tests/common/%.c=build/fuzz/%.o) build/fuzz/libtorikumi.a
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(DEPFLAGS) -Itests/common $< \
	    $(TEST_COMMON:tests/common/%.c=build/fuzz/%.o) build/fuzz/libtorikumi.a -o $@ $(LIBS)

build/fuzz/%.o: tests/common/%.c $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_CFLAGS) $(DEPFLAGS) -Itests/common -c $< -o $@

$(MO): po/ja.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

unit: $(UNIT_BIN)
asan: build/asan/torikumi $(ASAN_UNIT)

deps:
	@sh scripts/deps.sh

# The README's test command (after `make deps`).  Everything plain, under
# ASan+UBSan and under valgrind, the three at once (tests/check.sh).
# Installs nothing: `make deps` does.
# The build runs on every core: `make deps check` stays serial at the top,
# so nothing compiles before `deps` has installed the compiler's libraries.
JOBS := $(shell nproc 2>/dev/null || echo 2)

check:
	$(MAKE) -j$(JOBS) all unit asan crash crash-asan
	sh tests/check.sh

# The same, with every random and exhaustive loop at full length.
check-long:
	$(MAKE) -j$(JOBS) all unit asan crash crash-asan
	TORIKUMI_TEST_LONG=1 sh tests/check.sh

test-plain: all unit crash
	sh tests/run.sh --binary ./torikumi --units build/tests

test-asan: all asan crash-asan
	sh tests/run.sh --binary build/asan/torikumi --units build/asan/tests --sanitized

valgrind: all unit crash
	sh tests/valgrind.sh

# Open a fresh working copy of the sample sheet, never the shipped file.
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p build/run
	@cp sample-data/taisho-h29.rec build/run/taisho-h29.rec
	@chmod u+w build/run/taisho-h29.rec
	@echo "Opening a working copy: build/run/taisho-h29.rec (the shipped sample is untouched)"
	TORIKUMI_LOCALEDIR=build/locale ./torikumi build/run/taisho-h29.rec

bench: all bench-progs
	sh bench/run.sh

fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	sh tests/fuzz/run.sh 5

pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -o po/torikumi.pot src/*.c

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(FORMDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(LOCALEDIR)/ja/LC_MESSAGES
	install -m 755 torikumi $(DESTDIR)$(BINDIR)/torikumi
	install -m 644 forms/*.form $(DESTDIR)$(FORMDIR)/
	install -m 644 docs/torikumi.1 $(DESTDIR)$(MANDIR)/man1/torikumi.1
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/ja/LC_MESSAGES/torikumi.mo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/torikumi $(DESTDIR)$(MANDIR)/man1/torikumi.1 \
	    $(DESTDIR)$(LOCALEDIR)/ja/LC_MESSAGES/torikumi.mo
	rm -rf $(DESTDIR)$(FORMDIR)

clean:
	rm -rf build torikumi

-include $(wildcard build/obj/*.d build/asan/obj/*.d build/tests/*.d build/asan/tests/*.d \
                    build/crash/*.d build/asan/crash/*.d build/bench/*.d build/fuzz/*.d build/fuzz/obj/*.d)
