/* fuzz: what the fuzz targets share.  Each target is one file with
   LLVMFuzzerTestOneInput; it runs under libFuzzer (make fuzz) or under
   main.c, which feeds it files (the regression inputs, in make check). */
#ifndef SWEEP_FUZZ_H
#define SWEEP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <jv.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run, and so keeps the input, when COND is false. */
#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		abort();						\
	}								\
} while (0)

/* DATA as a string: a copy ended by NUL, cut at the first NUL in it. */
char *fuzz_string(const uint8_t *data, size_t size);

/* A descriptor to read DATA from, at its start. */
int fuzz_fd(const uint8_t *data, size_t size);

/* Whether the message of INVALID (borrowed) is one string. */
int fuzz_has_message(jv invalid);

/* The number of values libjq 1.6 parses in DATA before it fails with
   the error that leaks a string ("Expected separator between values",
   fixed in jq 1.7), or -1 when it does not. */
int fuzz_jq_leak_at(const uint8_t *data, size_t size);

/* LeakSanitizer's own switches, when it is linked in: allocations made
   between the two are not leaks. */
void fuzz_lsan_disable(void);
void fuzz_lsan_enable(void);

/* jv_parse_sized of S (N bytes), not counting libjq 1.6's own leak. */
jv fuzz_parse(const char *s, size_t n);

/* Checks RUN, named by N from BEFORE, or the message of why it could
   not be named; consumes BEFORE and RUN. */
struct namer;
void fuzz_check_named(struct namer *n, jv before, jv run);

#endif
