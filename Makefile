# farley: a command-line CRM in git.  See README.md.
#
#   make            build ./farley and ./farley-mbox (the mail reader of
#                   farley import mbox, the one part linked against GMime)
#   make demo       install missing dependencies, build, run the demo
#   make check      install missing dependencies, build, run every test
#   make asan       build build/asan/farley with ASan and UBSan
#   make fuzz       build the fuzz targets with clang and libFuzzer, run
#                   each for FUZZ_SECONDS (60) in turn (see README.md)
#   make install    PREFIX=/usr/local (binary, man pages, completions)

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

CC ?= cc
PKGS = libgit2 yaml-0.1 libpcre2-8 sqlite3 jansson nettle zlib
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Werror -Wmissing-prototypes
# cmd/ sees include/ alone; lib/ also its private headers and the
# libraries' own.
CMDCFLAGS = -std=c11 -D_GNU_SOURCE -Iinclude -Icmd $(WARNINGS) \
	-DFARLEY_MANDIR='"$(MANDIR)"'
BASECFLAGS = $(CMDCFLAGS) -Ilib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS = $(PKG_LIBS) -lpthread

LIB_SRC = $(sort $(wildcard lib/*.c))
CMD_SRC = $(sort $(wildcard cmd/*.c cmd/*/*.c))
LIB_OBJ = $(LIB_SRC:%.c=build/%.o)
CMD_OBJ = $(CMD_SRC:%.c=build/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/u-*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)

all: farley farley-mbox

farley: $(LIB_OBJ) $(CMD_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

# farley-mbox: a program of its own, so that farley is not linked against
# GMime.  It shares no code with lib/ (farley finds it next to itself).
MBOX_PKGS = gmime-3.0 jansson
MBOX_SRC = $(sort $(wildcard helpers/farley-mbox/*.c))
MBOX_OBJ = $(MBOX_SRC:%.c=build/%.o)
MBOX_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARNINGS) \
	$(shell pkg-config --cflags $(MBOX_PKGS) 2>/dev/null)
MBOX_LIBS = $(shell pkg-config --libs $(MBOX_PKGS) 2>/dev/null)

farley-mbox: $(MBOX_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(MBOX_LIBS)

build/helpers/%.o: helpers/%.c $(wildcard helpers/farley-mbox/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(MBOX_CFLAGS) $(CFLAGS) -c -o $@ $<

build/lib/%.o: lib/%.c $(wildcard include/farley/*.h) $(wildcard lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(BASECFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

build/cmd/%.o: cmd/%.c $(wildcard include/farley/*.h) $(wildcard cmd/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CMDCFLAGS) $(CFLAGS) -c -o $@ $<

build/libfarley.a: $(LIB_OBJ)
	ar rcs $@ $^

build/tests/u-%: tests/unit/u-%.c build/libfarley.a
	@mkdir -p $(dir $@)
	$(CC) $(BASECFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< build/libfarley.a \
		$(LIBS) -lcmocka

deps:
	@sh tools/deps.sh

# The sanitizer build lives apart so it never mixes with the normal one.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
ASAN_OBJ = $(LIB_SRC:%.c=build/asan/%.o) $(CMD_SRC:%.c=build/asan/%.o)

asan: build/asan/farley build/asan/farley-mbox

build/asan/farley: $(ASAN_OBJ)
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(LIBS)

# next to build/asan/farley, and in build/asan/bin where tests/run.sh
# --asan puts its copy of farley
build/asan/farley-mbox: $(MBOX_SRC:%.c=build/asan/%.o)
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(MBOX_LIBS)
	@mkdir -p build/asan/bin && cp $@ build/asan/bin/farley-mbox

build/asan/helpers/%.o: helpers/%.c $(wildcard helpers/farley-mbox/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(MBOX_CFLAGS) $(ASAN_FLAGS) -c -o $@ $<

build/asan/lib/%.o: lib/%.c $(wildcard include/farley/*.h) $(wildcard lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(BASECFLAGS) $(PKG_CFLAGS) $(ASAN_FLAGS) -c -o $@ $<

build/asan/cmd/%.o: cmd/%.c $(wildcard include/farley/*.h) $(wildcard cmd/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CMDCFLAGS) $(ASAN_FLAGS) -c -o $@ $<

units: $(UNIT_BIN) build/tests/faultinject.so

# The disk-fault shim of tests/t6300 (LD_PRELOAD): for the tests only.
build/tests/faultinject.so: tests/faultinject.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror $(CFLAGS) -fPIC -shared \
		-o $@ $< -ldl

# The long sweeps: every disk fault of every writing command, ENOSPC and EIO.
stress: farley units
	@FARLEY_FAULT_FULL=1 sh tests/run.sh t6300
	@for run in 1 2 3; do FARLEY_STRESS_N=100 sh tests/run.sh t4300 || exit 1; done

# Fuzz targets (tests/fuzz/TARGET.c, one LLVMFuzzerTestOneInput each).
# "make fuzz" builds them with clang and libFuzzer and runs each in turn
# for FUZZ_SECONDS on its corpus; an input that crashes is kept in
# tests/fuzz/crashers/TARGET/.  "make check" needs no clang: it links the
# same targets with $(CC), ASan and UBSan, and tests/fuzz/replay.c, and
# replays every corpus file and crasher (tests/run.sh).
FUZZ_TARGETS = yamlrec query merge csv vcard jsonrec mail date money ids
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=build/fuzz/%.o)
FUZZ_BIN = $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
REPLAY_BIN = $(FUZZ_TARGETS:%=build/asan/fuzz/replay-%)

fuzz: deps-fuzz $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

deps-fuzz:
	@sh tools/deps.sh --fuzz

fuzz-build: $(FUZZ_BIN)

build/fuzz/lib/%.o: lib/%.c $(wildcard include/farley/*.h) $(wildcard lib/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(BASECFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libfarley.a: $(FUZZ_LIB_OBJ)
	ar rcs $@ $^

build/fuzz/fuzz-%: tests/fuzz/%.c tests/fuzz/fuzz.h build/fuzz/libfarley.a
	$(FUZZ_CC) $(BASECFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer \
		-o $@ $< build/fuzz/libfarley.a $(LIBS)

build/asan/libfarley.a: $(LIB_SRC:%.c=build/asan/%.o)
	ar rcs $@ $^

replay: $(REPLAY_BIN)

build/asan/fuzz/replay-%: tests/fuzz/%.c tests/fuzz/fuzz.h tests/fuzz/replay.c \
		build/asan/libfarley.a
	@mkdir -p $(dir $@)
	$(CC) $(BASECFLAGS) $(PKG_CFLAGS) $(ASAN_FLAGS) -o $@ $< \
		tests/fuzz/replay.c build/asan/libfarley.a $(LIBS)

demo: deps
	@$(MAKE) --no-print-directory farley
	@sh examples/demo.sh

# Every test, then the shell suite once more on the ASan/UBSan build.
check: deps
	@$(MAKE) --no-print-directory farley farley-mbox units asan replay
	@sh tests/run.sh --asan

# Benchmarks against SPEC 8 on a generated repository (not run by CI; the
# reference size takes a few minutes to generate and index).
BENCH_SCALE ?= 1
# the smaller of the two sizes whose growth make bench reports
BENCH_QUARTER ?= 0.25
bench: deps farley
	@python3 bench/bench.py --scale $(BENCH_QUARTER) --repo bench/repo-quarter \
		--out bench/results-quarter.md
	@python3 bench/bench.py --scale $(BENCH_SCALE)
	@python3 bench/growth.py bench/results-quarter.json bench/results-latest.json \
		--out bench/results-growth.md
	@python3 bench/import.py

install: farley farley-mbox
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 farley $(DESTDIR)$(BINDIR)/farley
	install -m 755 farley-mbox $(DESTDIR)$(BINDIR)/farley-mbox
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 644 completions/farley.bash $(DESTDIR)$(BASHCOMPDIR)/farley
	install -m 644 completions/_farley $(DESTDIR)$(ZSHCOMPDIR)/_farley
	install -m 644 completions/farley.fish $(DESTDIR)$(FISHCOMPDIR)/farley.fish

clean:
	rm -rf build farley farley-mbox

.PHONY: all deps deps-fuzz asan units fuzz fuzz-build replay demo check bench \
	stress install clean
