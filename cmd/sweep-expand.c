/* sweep-expand: spec in, one run per line out. */
#include <argp.h>
#include <stdlib.h>

#include "die.h"
#include "expand.h"
#include "name.h"
#include "spec.h"
#include "stream.h"

static const char doc[] =
    "Expand the sweep specs on stdin into runs, one compact JSON object "
    "a line: {\"run\": {...}, \"config\": {...}}."
    "\v"
    "Groups are ordered by their first parameter; the first group varies "
    "slowest, and inside a group the i-th values go together. Several "
    "specs are expanded one after the other, each counting from 0.";

static const struct argp_option options[] = {
	{ 0 }
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	(void)state;
	(void)key;
	return ARGP_ERR_UNKNOWN;
}

static const struct argp argp = { options, parse_opt, 0, doc, 0, 0, 0 };

/* All specs on stdin, each checked, before any run is written. */
static jv
read_specs(void)
{
	struct reader *r = reader_open("-",
	    "pipe a sweep spec from sweep-add here");
	jv specs = jv_array(), v;

	while (jv_is_valid(v = reader_next(r))) {
		if (!spec_is(v))
			die("%s: not a sweep spec%s: pipe one from sweep-add",
			    reader_where(r), run_is(v) ? " but a run" : "");
		v = spec_check(v);
		if (!jv_is_valid(v))
			die_jv(reader_where(r), v);
		specs = jv_array_append(specs, v);
	}
	reader_close(r);
	if (jv_array_length(jv_copy(specs)) == 0)
		die("no sweep spec on stdin: pipe one from sweep-add");
	return specs;
}

static void
expand(jv spec, struct writer *out)
{
	struct expansion x;
	struct json_cache *cache;
	uint64_t *digits;
	jv ok = expand_init(&x, spec);

	if (!jv_is_valid(ok))
		die_jv(NULL, ok);
	if (!(digits = calloc((size_t)x.grid.ngroups + 1, sizeof *digits)))
		die("out of memory");
	cache = json_cache_new(x.base, 0);
	for (uint64_t i = 0; i < x.grid.total; i++, grid_next(&x.grid, digits)) {
		jv run = expand_run(&x, i, digits);

		if (!jv_is_valid(run))
			die_jv(NULL, run);
		run_dump(&out->b, run, cache);
		buf_addc(&out->b, '\n');
		writer_flush(out, 65536);
		jv_free(run);
	}
	json_cache_free(cache);
	free(digits);
	expand_free(&x);
}

int
main(int argc, char **argv)
{
	struct writer out;
	jv specs;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, 0);
	specs = read_specs();
	writer_init(&out, 1, "stdout");
	jv_array_foreach(specs, i, spec) {
		expand(spec, &out);
		(void)i;
	}
	writer_close(&out);
	jv_free(specs);
	return 0;
}
