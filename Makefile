# sweep: hyperparameter sweeps for JSON configs, as Unix pipes.
VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
MAN7DIR = $(PREFIX)/share/man/man7
BASHDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d
JQDIR = $(PREFIX)/lib/jq

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -pedantic -Wno-overlength-strings
comma = ,
JQ_FLAGS = $(if $(JQ_PREFIX),-isystem $(JQ_PREFIX)/include)
JQ_LIBS = $(if $(JQ_PREFIX),-L$(JQ_PREFIX)/lib -Wl$(comma)-rpath$(comma)$(JQ_PREFIX)/lib)
# libjq 1.7 built with decNumber keeps number literals; sweep prints them.
JQ_LITERAL := $(shell printf '\043include <jv.h>\nint main(void) { return !jv_number_get_literal(jv_number_with_literal("1")); }\n' | \
	$(CC) $(JQ_FLAGS) -x c - -o /dev/null $(JQ_LIBS) -ljq 2>/dev/null && echo -DHAVE_JV_NUMBER_LITERAL)
CPPFLAGS += -D_GNU_SOURCE -DSWEEP_VERSION='"$(VERSION)"' -Ilib $(JQ_FLAGS) $(JQ_LITERAL)
LDFLAGS += $(JQ_LIBS)
LDLIBS += -ljq -lm

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:.c=.o)
CMDS = $(patsubst cmd/%.c,bin/%,$(wildcard cmd/*.c))
NAMES = $(notdir $(CMDS))
MANS = $(wildcard man/*.1 man/*.7)
MAN1 = $(wildcard man/*.1)
MAN7 = $(wildcard man/*.7)

all: deps $(CMDS)

# Build packages: installed when missing (as root), else named.
deps:
	@test -f /usr/include/jq.h || test -n "$(JQ_PREFIX)" || sh tests/install-deps build

lib/libsweep.a: $(LIB_OBJ)
	$(AR) rcs $@ $(LIB_OBJ)

lib/%.o: lib/%.c lib/*.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

bin/%: cmd/%.c lib/libsweep.a lib/*.h
	@mkdir -p bin
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libsweep.a $(LDLIBS)

# The man pages are written by hand (mdoc): one a command, sweep(1) the
# overview, sweep.jq(7) the jq module. make man checks that every command
# has one and that groff reads each without a warning.
man:
	@for n in $(NAMES); do test -f man/$$n.1 || \
	    { echo "make: no man page man/$$n.1: write one (tests/man.bats checks it)" >&2; exit 1; }; done
	@for f in $(MANS); do groff -mdoc -t -ww -z $$f || exit 1; done

# Installs under DESTDIR/PREFIX: commands, man pages, the completions of
# bash (a link for every command, which bash-completion loads on demand),
# zsh and fish (a link for every command too), and the jq modules.
# sweep-plot runs gnuplot: installed when missing (as root), else named.
install: all
	@sh tests/install-deps gnuplot-nox || true
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(MAN7DIR) $(DESTDIR)$(BASHDIR) \
	    $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	install -m 755 $(CMDS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)
	install -m 644 $(MAN7) $(DESTDIR)$(MAN7DIR)
	install -m 644 completions/sweep.bash $(DESTDIR)$(BASHDIR)/sweep
	install -m 644 completions/_sweep $(DESTDIR)$(ZSHDIR)/_sweep
	install -m 644 completions/sweep.fish $(DESTDIR)$(FISHDIR)/sweep.fish
	for n in $(filter-out sweep,$(NAMES)); do \
	    ln -sf sweep $(DESTDIR)$(BASHDIR)/$$n && \
	    ln -sf sweep.fish $(DESTDIR)$(FISHDIR)/$$n.fish || exit 1; done
	$(if $(wildcard filters/*.jq),install -d $(DESTDIR)$(JQDIR) && \
	    install -m 644 $(wildcard filters/*.jq) $(DESTDIR)$(JQDIR))

uninstall:
	cd $(DESTDIR)$(BINDIR) && rm -f $(NAMES)
	cd $(DESTDIR)$(MANDIR) && rm -f $(notdir $(MAN1))
	cd $(DESTDIR)$(MAN7DIR) && rm -f $(notdir $(MAN7))
	cd $(DESTDIR)$(BASHDIR) && rm -f $(NAMES)
	cd $(DESTDIR)$(FISHDIR) && rm -f $(NAMES:%=%.fish)
	rm -f $(DESTDIR)$(ZSHDIR)/_sweep
	$(if $(wildcard filters/*.jq),cd $(DESTDIR)$(JQDIR) && rm -f $(notdir $(wildcard filters/*.jq)))

# What the tests run: the commands, tests/jsoncheck, the fuzz replays.
test-build: all tests/jsoncheck fuzz-regress

check: test-build
	@sh tests/install-deps test
	@sh tests/run

# The huge inputs that take minutes: a 100 MB config, 10^6 runs.
check-huge: all
	@sh tests/install-deps test time
	@SWEEP_HUGE=1 sh tests/run tests/huge.bats

# Every test against ASan+UBSan builds made in a copy of the tree.
sanitize: deps
	@sh tests/install-deps test clang libclang-rt-dev
	@sh tests/sanitize

# Fuzz targets: fuzz/out/fuzz-T runs T under libFuzzer (make fuzz, each
# FUZZ_SECONDS long); fuzz/out/regress-T runs T on files, such as the
# inputs in fuzz/regress/T that make check replays.
FUZZ_TARGETS = stream keypath value launch metrics
FUZZ_SECONDS ?= 60
FUZZ_SRC = fuzz/fuzz.c $(LIB_SRC)
FUZZ_DEPS = fuzz/fuzz.c fuzz/fuzz.h $(LIB_SRC) lib/*.h

fuzz/out/fuzz-%: fuzz/%.c $(FUZZ_DEPS)
	@mkdir -p fuzz/out
	clang $(CPPFLAGS) -Ifuzz $(WARN) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $< $(FUZZ_SRC) $(LDLIBS)

fuzz/out/regress-%: fuzz/%.c fuzz/main.c fuzz/fuzz.c fuzz/fuzz.h lib/libsweep.a lib/*.h
	@mkdir -p fuzz/out
	$(CC) $(CPPFLAGS) -Ifuzz $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    fuzz/main.c fuzz/fuzz.c lib/libsweep.a $(LDLIBS)

fuzz-regress: $(FUZZ_TARGETS:%=fuzz/out/regress-%)

fuzz: all
	@sh tests/install-deps clang libclang-rt-dev
	@$(MAKE) -s $(FUZZ_TARGETS:%=fuzz/out/fuzz-%)
	@sh fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

demo: all
	@sh examples/demo.sh

# The reader, printer and text lanes held to libjq 1.7.1, built from
# Debian's source into build/jq17.
check-jq17:
	@sh tests/jq17

# The benchmark of issue 6: the fast path and the full pipeline against
# the Python peer (bench/peer.py) and the write floor (split).
bench: all
	@sh tests/install-deps python3 time coreutils
	@python3 bench/run.py

clean:
	rm -rf bin lib/*.o lib/*.a tests/jsoncheck fuzz/out

tests/jsoncheck: tests/jsoncheck.c lib/libsweep.a lib/*.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libsweep.a $(LDLIBS)

.PHONY: all deps man install uninstall test-build check check-huge check-jq17 sanitize fuzz fuzz-regress demo bench clean
