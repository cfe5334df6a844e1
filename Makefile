# torikumi - terminal form editor for 取組項目 sheets.
#
#   make            build ./torikumi
#   make run        set up, then open a fresh copy of the sample sheet
#   make check      set up, then run every test (unit, CLI, terminal) plain and under ASan+UBSan
#   make bench      benchmarks against peers (docs/performance.md)
#   make fuzz       libFuzzer targets (clang)
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

.PHONY: all run check deps unit asan test-plain test-asan valgrind bench fuzz fuzz-smoke \
        install uninstall clean pot

all: torikumi $(MO)

build/gen/form_builtin.c: forms/kaikaku-2.0.form scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh form_builtin_text $< > $@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c $(wildcard src/*.h) $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/obj/form_builtin.o: build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/asan/obj/%.o: src/%.c $(wildcard src/*.h) $(CONFIG_STAMP) | build/gen/form_builtin.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

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
build/tests/%: tests/unit/%.c tests/unit/unit.h build/libtorikumi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< build/libtorikumi.a \
	    $$(cat tests/unit/$*.ldflags 2>/dev/null) $(CMOCKA_LIBS) $(LIBS)

build/asan/tests/%: tests/unit/%.c tests/unit/unit.h build/asan/libtorikumi.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Itests/unit -o $@ $< build/asan/libtorikumi.a \
	    $$(cat tests/unit/$*.ldflags 2>/dev/null) $(CMOCKA_LIBS) $(LIBS)

$(MO): po/ja.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

unit: $(UNIT_BIN)
asan: build/asan/torikumi $(ASAN_UNIT)

deps:
	@sh scripts/deps.sh

# The README's test command.  Everything, twice: plain and under ASan+UBSan.
check: deps
	$(MAKE) all unit asan
	sh tests/run.sh --binary ./torikumi --units build/tests
	sh tests/run.sh --binary build/asan/torikumi --units build/asan/tests --sanitized
	sh tests/valgrind.sh

test-plain: all unit
	sh tests/run.sh --binary ./torikumi --units build/tests

test-asan: all asan
	sh tests/run.sh --binary build/asan/torikumi --units build/asan/tests --sanitized

valgrind: all unit
	sh tests/valgrind.sh

# Open a fresh working copy of the sample sheet, never the shipped file.
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p build/run
	@cp sample-data/taisho-h29.rec build/run/taisho-h29.rec
	@chmod u+w build/run/taisho-h29.rec
	@echo "Opening a working copy: build/run/taisho-h29.rec (the shipped sample is untouched)"
	TORIKUMI_LOCALEDIR=build/locale ./torikumi build/run/taisho-h29.rec

bench: all
	sh bench/run.sh

fuzz:
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke:
	sh tests/fuzz/run.sh 10

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
