/* stream: the stream reader, spec and run validation, expansion and
   naming, on any bytes. The input is what a command reads on stdin. */
#include <string.h>

#include "expand.h"
#include "fuzz.h"
#include "name.h"
#include "spec.h"
#include "stream.h"

#define HINT "the hint"
#define MAX_VALUES 16
#define MAX_RUNS 8

/* A reader's error names the input and ends with the hint. */
static void
check_error(jv invalid)
{
	jv msg = jv_invalid_get_msg(invalid);
	const char *s = jv_string_value(msg);
	size_t n = strlen(s);

	CHECK(!strncmp(s, "<fuzz>:", 7));
	CHECK(n > strlen(": " HINT) &&
	    !strcmp(s + n - strlen(": " HINT), ": " HINT));
	jv_free(msg);
}

/* The next stage can read RUN (borrowed) back, and would write it as it
   was written (a number out of range, like libjq, as the largest one). */
static void
check_readable(jv run)
{
	jv text = jv_dump_string(jv_copy(run), 0);
	jv back = jv_parse(jv_string_value(text));

	CHECK(jv_is_valid(back));
	CHECK(jv_equal(jv_dump_string(back, 0), text));
}

/* Names RUN (consumed) with N and checks the result. */
static void
check_named(struct namer *n, jv run)
{
	jv before = jv_copy(run);

	fuzz_check_named(n, before, name_run(n, run));
}

/* A spec that spec_check takes expands: every run is valid and can be
   read back; its first runs are named. Consumes SPEC. */
static void
check_spec(struct namer *n, jv spec)
{
	struct expansion x;
	uint64_t *digits;
	jv ok;

	spec = spec_check(spec);
	if (!jv_is_valid(spec)) {
		CHECK(fuzz_has_message(spec));
		jv_free(spec);
		return;
	}
	ok = expand_init(&x, spec);
	if (jv_is_valid(ok)) {
		CHECK((digits = calloc((size_t)x.grid.ngroups + 1,
		    sizeof *digits)) != NULL);
		for (uint64_t i = 0; i < x.grid.total && i < MAX_RUNS; i++) {
			jv run = expand_run(&x, i, digits);

			CHECK(jv_is_valid(run));
			check_readable(run);
			check_named(n, run);
			grid_next(&x.grid, digits);
		}
		free(digits);
	}
	jv_free(ok);
	expand_free(&x);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader *r = reader_fdopen(fuzz_fd(data, size), "<fuzz>", HINT);
	struct namer n = { 0 };
	int leak_at = fuzz_jq_leak_at(data, size);
	jv v;

	namer_init(&n);
	for (int i = 0; i < MAX_VALUES; i++) {
		if (i == leak_at)
			fuzz_lsan_disable();
		v = reader_read(r);
		if (i == leak_at)
			fuzz_lsan_enable();
		if (!jv_is_valid(v)) {
			if (jv_invalid_has_msg(jv_copy(v)))
				check_error(v);
			else
				jv_free(v);
			break;
		}
		CHECK(!strncmp(reader_where(r), "<fuzz>:", 7));
		if (spec_is(v))
			check_spec(&n, v);
		else if (run_is(v))
			check_named(&n, v);
		else
			jv_free(v);
	}
	reader_close(r);
	namer_free(&n);
	return 0;
}
