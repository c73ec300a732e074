# sweep: hyperparameter sweeps for JSON configs, as Unix pipes.
VERSION = 0.1.0
PREFIX ?= /usr/local

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -pedantic -Wno-overlength-strings
JQ_LITERAL := $(shell grep -qs jv_number_has_literal /usr/include/jv.h $(JQ_PREFIX)/include/jv.h && echo -DHAVE_JV_NUMBER_LITERAL)
CPPFLAGS += -D_GNU_SOURCE -DSWEEP_VERSION='"$(VERSION)"' -Ilib $(JQ_LITERAL)
LDLIBS += -ljq -lm

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

check: all tests/jsoncheck
	@sh tests/install-deps test
	@sh tests/run

demo: all
	@sh examples/demo.sh

clean:
	rm -rf bin lib/*.o lib/*.a

.PHONY: all deps check demo clean

tests/jsoncheck: tests/jsoncheck.c lib/libsweep.a lib/*.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libsweep.a $(LDLIBS)
