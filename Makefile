# sweep: hyperparameter sweeps for JSON configs, as Unix pipes.
VERSION = 0.1.0
PREFIX ?= /usr/local

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -pedantic -Wno-overlength-strings
JQ_LITERAL := $(shell grep -qs jv_number_has_literal /usr/include/jv.h $(JQ_PREFIX)/include/jv.h && echo -DHAVE_JV_NUMBER_LITERAL)
CPPFLAGS += -D_GNU_SOURCE -DSWEEP_VERSION='"$(VERSION)"' -Ilib $(JQ_LITERAL)
LDLIBS += -ljq

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:.c=.o)
CMDS = $(patsubst cmd/%.c,bin/%,$(wildcard cmd/*.c))

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

check: all fuzz-regress
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
FUZZ_TARGETS = stream keypath value launch
FUZZ_SECONDS ?= 60
FUZZ_SRC = fuzz/fuzz.c $(LIB_SRC)
FUZZ_DEPS = fuzz/fuzz.c fuzz/fuzz.h $(LIB_SRC) lib/*.h

fuzz/out/fuzz-%: fuzz/%.c $(FUZZ_DEPS)
	@mkdir -p fuzz/out
	clang $(CPPFLAGS) -Ifuzz $(WARN) -g -O1 \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $< $(FUZZ_SRC) $(LDLIBS)

fuzz/out/regress-%: fuzz/%.c fuzz/main.c $(FUZZ_DEPS)
	@mkdir -p fuzz/out
	$(CC) $(CPPFLAGS) -Ifuzz $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    fuzz/main.c $(FUZZ_SRC) $(LDLIBS)

fuzz-regress: $(FUZZ_TARGETS:%=fuzz/out/regress-%)

fuzz: all
	@sh tests/install-deps clang libclang-rt-dev
	@$(MAKE) -s $(FUZZ_TARGETS:%=fuzz/out/fuzz-%)
	@sh fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

demo: all
	@sh examples/demo.sh

clean:
	rm -rf bin lib/*.o lib/*.a fuzz/out

.PHONY: all deps check check-huge sanitize fuzz fuzz-regress demo clean
