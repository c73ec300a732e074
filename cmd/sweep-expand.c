/* sweep-expand: spec in, one run per line out. */
#include <argp.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "die.h"
#include "expand.h"
#include "name.h"
#include "sample.h"
#include "spec.h"
#include "stream.h"
#include "where.h"

enum { OPT_COUNT = 0x100, OPT_SAMPLE, OPT_SEED, OPT_WHERE, OPT_SOBOL };

static const char doc[] =
    "Expand the sweep specs on stdin into runs, one compact JSON object "
    "a line: {\"run\": {...}, \"config\": {...}}."
    "\v"
    "Groups are ordered by their first parameter; the first group varies "
    "slowest, and inside a group the i-th values go together. Several "
    "specs are expanded one after the other, each counting from 0; "
    "--count, --sample and --where take all their runs as one sequence.\n\n"
    "--count is computed from the grid, unless --where is given: then "
    "every run is built and tested. --sample draws a uniform sample, "
    "written in grid order with each run's index; the same seed gives "
    "the same runs on every machine, and with --where the sample is "
    "drawn from the runs that pass. A --where that keeps no run says so "
    "on stderr (\"0 of N runs pass --where\") and exits 0.\n\n"
    "A spec with a distribution (sweep-add --uniform, --log-uniform, "
    "--int-uniform) needs --sample: each of its N runs draws every "
    "distribution, and every list of values uniformly (a zipped group "
    "once), in draw order, indexed from 0; --where draws until N pass. "
    "--sobol draws from a Sobol sequence, scrambled by --seed. A drawn "
    "real number is written in full in the config and shortened in the "
    "run name to the fewest digits (at most 6) that keep the names "
    "apart.";

static const struct argp_option options[] = {
	{ "count", OPT_COUNT, 0, 0,
	  "Print the number of runs instead of the runs", 0 },
	{ "sample", OPT_SAMPLE, "N", 0,
	  "Write N distinct runs drawn at random, in grid order; with "
	  "distributions, N runs drawn from them", 0 },
	{ "seed", OPT_SEED, "S", 0,
	  "The seed of --sample, an integer from 0 (default 0)", 0 },
	{ "sobol", OPT_SOBOL, 0, 0,
	  "Draw the distributions of --sample from a Sobol sequence, which "
	  "covers the space evenly; --seed scrambles it", 0 },
	{ "where", OPT_WHERE, "FILTER", 0,
	  "Keep the runs whose config makes the jq FILTER true ($run is "
	  "the run's \"run\" object)", 0 },
	{ 0 }
};

struct opts {
	int count;
	int has_sample;
	uint64_t sample;
	uint64_t seed;
	int has_seed;
	int sobol;
	struct where *where;
};

static uint64_t
parse_u64(const char *arg, const char *what, struct argp_state *state)
{
	char *end;
	uint64_t n;

	errno = 0;
	n = strtoull(arg, &end, 10);
	if (!*arg || *end || *arg == '-' || *arg == '+' || errno)
		usage_error(state, "%s %s is not an integer from 0 to "
		    "18446744073709551615: give one", what, arg);
	return n;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	jv err;

	switch (key) {
	case OPT_COUNT: o->count = 1; break;
	case OPT_SAMPLE:
		o->sample = parse_u64(arg, "--sample", state);
		o->has_sample = 1;
		break;
	case OPT_SEED:
		o->seed = parse_u64(arg, "--seed", state);
		o->has_seed = 1;
		break;
	case OPT_SOBOL: o->sobol = 1; break;
	case OPT_WHERE:
		where_free(o->where);
		if (!(o->where = where_compile(arg, &err)))
			argp_check(state, err, NULL);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, 0, doc,
    help_children, 0, 0 };


/* The runs of all specs as one sequence. */
struct sweep {
	int n;
	struct expansion *x;
	struct json_cache **cache;	/* each base's compact text, made
					   when its first run is printed */
	uint64_t total;		/* runs in all */
	uint64_t *digits;	/* room for any spec's digits */
	int drawn;		/* specs with a distribution */
};

static void
sweep_open(struct sweep *s, jv specs)
{
	int ngroups = 0;

	s->n = jv_array_length(jv_copy(specs));
	s->total = 0;
	s->drawn = 0;
	s->x = xcalloc((size_t)s->n, sizeof *s->x);
	s->cache = xcalloc((size_t)s->n, sizeof *s->cache);
	jv_array_foreach(specs, i, spec) {
		jv ok = expand_init(&s->x[i], spec);

		if (!jv_is_valid(ok))
			die_jv(NULL, ok);
		if (s->total > UINT64_MAX - s->x[i].grid.total)
			die("the specs have more than 2^64 runs in all: "
			    "expand them one at a time");
		s->total += s->x[i].grid.total;
		s->drawn += s->x[i].drawn > 0;
		if (s->x[i].grid.ngroups > ngroups)
			ngroups = s->x[i].grid.ngroups;
	}
	jv_free(specs);
	s->digits = xcalloc((size_t)ngroups + 1, sizeof *s->digits);
}

static void
sweep_close(struct sweep *s)
{
	for (int i = 0; i < s->n; i++) {
		json_cache_free(s->cache[i]);
		expand_free(&s->x[i]);
	}
	free(s->cache);
	free(s->x);
	free(s->digits);
}

/* Writes RUN (borrowed) of spec K as a line, its config printed through
   the base's cache. */
static void
put_run(struct writer *out, struct sweep *s, int k, jv run)
{
	if (!s->cache[k])
		s->cache[k] = json_cache_new(s->x[k].base, 0);
	run_dump(&out->b, run, s->cache[k]);
	buf_addc(&out->b, '\n');
	writer_flush(out, 65536);
}

/* The run at position AT (< total) of the sequence; *K is its spec. */
static jv
sweep_run(struct sweep *s, uint64_t at, int *k)
{
	int i = 0;
	jv run;

	while (at >= s->x[i].grid.total)
		at -= s->x[i++].grid.total;
	grid_digits(&s->x[i].grid, at, s->digits);
	run = expand_run(&s->x[i], at, s->digits);
	if (!jv_is_valid(run))
		die_jv(NULL, run);
	*k = i;
	return run;
}

/* Whether RUN (borrowed) passes --where; dies naming the run when the
   filter fails on it. */
static int
keep(const struct opts *o, jv run)
{
	jv ok;

	if (!o->where)
		return 1;
	ok = where_test(o->where, run);
	if (!jv_is_valid(ok)) {
		jv index = jv_getpath(jv_copy(run),
		    JV_ARRAY(jv_string("run"), jv_string("index")));
		jv msg = jv_invalid_get_msg(ok);
		char text[512];

		snprintf(text, sizeof text, "%s", jv_string_value(msg));
		jv_free(msg);
		where_free(o->where);	/* libjq's state of the failed run */
		die("--where: the filter fails on run %.17g: %s: make it "
		    "work on every config", jv_number_value(index), text);
	}
	return jv_get_kind(ok) == JV_KIND_TRUE;
}

/* Walks every run of every spec in order; writes the ones that pass to
   OUT when it is not NULL. Returns how many passed. */
static uint64_t
walk(struct sweep *s, const struct opts *o, struct writer *out)
{
	uint64_t kept = 0;

	for (int k = 0; k < s->n; k++) {
		struct expansion *x = &s->x[k];

		for (int g = 0; g < x->grid.ngroups; g++)
			s->digits[g] = 0;
		for (uint64_t i = 0; i < x->grid.total; i++) {
			jv run = expand_run(x, i, s->digits);

			if (!jv_is_valid(run))
				die_jv(NULL, run);
			if (keep(o, run)) {
				kept++;
				if (out)
					put_run(out, s, k, run);
			}
			jv_free(run);
			grid_next(&x->grid, s->digits);
		}
	}
	return kept;
}

static int
by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The positions of --sample runs that pass --where, sorted; dies when
   there are fewer than N. */
static uint64_t *
draw_sample(struct sweep *s, const struct opts *o)
{
	uint64_t *at, n = 0;
	struct draw d;

	if (!(at = calloc((size_t)o->sample + 1, sizeof *at)))
		die("out of memory: draw a smaller sample");
	draw_init(&d, s->total, o->seed);
	while (n < o->sample && draw_next(&d, &at[n])) {
		int k;
		jv run = o->where ? sweep_run(s, at[n], &k) : jv_null();

		if (keep(o, run))
			n++;
		jv_free(run);
	}
	draw_free(&d);
	if (n < o->sample)
		die("--sample=%" PRIu64 " is more than the %" PRIu64 " runs that "
		    "pass --where: ask for at most %" PRIu64, o->sample, n, n);
	qsort(at, (size_t)n, sizeof *at, by_value);
	return at;
}

static void
write_sample(struct sweep *s, const uint64_t *at, uint64_t n,
    struct writer *out)
{
	for (uint64_t i = 0; i < n; i++) {
		int k;
		jv run = sweep_run(s, at[i], &k);

		put_run(out, s, k, run);
		jv_free(run);
	}
}

/* The key of the first parameter drawn from a distribution. */
static const char *
drawn_key(const struct sweep *s)
{
	for (int k = 0; k < s->n; k++)
		for (int i = 0; i < s->x[k].grid.nparams; i++)
			if (s->x[k].p[i].drawn)
				return jv_string_value(s->x[k].p[i].key);
	return "";
}

/* The options fit the specs: a distribution needs --sample, --sobol a
   distribution. */
static void
check_drawing(const struct sweep *s, const struct opts *o)
{
	jv err = jv_true();

	if (o->sobol && !o->has_sample)
		err = fail("--sobol draws --sample=N runs: give --sample=N");
	else if (o->sobol && !s->drawn)
		err = fail("--sobol draws distributions, and the sweep has "
		    "none: leave out --sobol, or declare one with sweep-add "
		    "--uniform=A:B");
	else if (s->drawn && !o->has_sample && o->count)
		err = fail("--count: %s is drawn from a distribution, so the "
		    "space is continuous and has no count: draw N runs with "
		    "--sample=N", drawn_key(s));
	else if (s->drawn && !o->has_sample)
		err = fail("%s is drawn from a distribution, so the runs are "
		    "drawn, not listed: give --sample=N", drawn_key(s));
	if (!jv_is_valid(err))
		die_usage_jv(NULL, err);
	if (s->drawn && s->drawn < s->n)
		die("the specs mix grids and distributions: expand them one "
		    "at a time");
}

/* N points of spec X that pass --where, drawn by the sampler M; dies
   when the sequence runs out or far too few draws pass. */
static double *
draw_points(struct expansion *x, const struct opts *o, struct sampler *m)
{
	uint64_t ng = (uint64_t)x->grid.ngroups, n = 0, tries = 0;
	uint64_t limit = o->sample > UINT64_MAX / 1000 ? UINT64_MAX :
	    1000 * o->sample;
	double *points;

	if (o->sample >= SIZE_MAX / sizeof *points / ng)
		die("out of memory: draw a smaller sample");
	points = xcalloc((size_t)(o->sample * ng) + 1, sizeof *points);
	while (n < o->sample) {
		double *at = &points[n * ng];
		jv run;

		if (tries == limit)
			die("--where: %" PRIu64 " of %" PRIu64 " draws pass, too "
			    "few for --sample=%" PRIu64 ": loosen the filter, "
			    "or narrow the distributions to where it passes",
			    n, tries, o->sample);
		if (!sampler_next(m, at))
			die("--sobol: the sequence has no more than 2^32 "
			    "points: ask for fewer runs");
		tries++;
		run = o->where ? expand_point(x, n, at, 6) : jv_null();
		if (!jv_is_valid(run))
			die_jv(NULL, run);
		n += keep(o, run);
		jv_free(run);
	}
	return points;
}

/* The --sample runs of specs with distributions, N a spec (spec K
   drawn with seed S + K), in draw order; written to OUT unless it is NULL. Everything is drawn before
   the first run is written. Returns how many. */
static uint64_t
draw_runs(struct sweep *s, const struct opts *o, struct writer *out)
{
	double **points = xcalloc((size_t)s->n, sizeof *points);
	uint64_t ng, total = 0;
	struct sampler m;

	for (int k = 0; k < s->n; k++) {
		jv ok = sampler_init(&m, &s->x[k], o->sobol, o->has_seed,
		    o->seed + (uint64_t)k);

		if (!jv_is_valid(ok))
			die_jv(NULL, ok);
		points[k] = draw_points(&s->x[k], o, &m);
		sampler_free(&m);
	}
	for (int k = 0; k < s->n; k++) {
		int digits = sample_digits(&s->x[k], points[k], o->sample);

		ng = (uint64_t)s->x[k].grid.ngroups;
		for (uint64_t i = 0; out && i < o->sample; i++) {
			jv run = expand_point(&s->x[k], i, &points[k][i * ng],
			    digits);

			if (!jv_is_valid(run))
				die_jv(NULL, run);
			put_run(out, s, k, run);
			jv_free(run);
		}
		total += o->sample;
		free(points[k]);
	}
	free(points);
	return total;
}

static void
write_count(struct writer *out, uint64_t n)
{
	char line[32];

	snprintf(line, sizeof line, "%" PRIu64 "\n", n);
	buf_adds(&out->b, line);
}

/* The runs of grid specs: all, --sample of them, or their --count. */
static void
write_grid(struct sweep *s, const struct opts *o, struct writer *out)
{
	uint64_t *at = NULL, n;

	if (o->has_sample && o->sample > s->total)
		die("--sample=%" PRIu64 " is more than the %" PRIu64 " runs of "
		    "the sweep: ask for at most %" PRIu64, o->sample, s->total,
		    s->total);
	if (o->has_sample && (o->where || !o->count))
		at = draw_sample(s, o);
	if (o->has_sample)
		n = o->sample;
	else if (o->where)
		n = walk(s, o, NULL);
	else
		n = s->total;
	if (o->count)
		write_count(out, n);
	else if (at)
		write_sample(s, at, n, out);
	else if (walk(s, o, out) == 0 && o->where)
		warnx("0 of %" PRIu64 " runs pass --where", s->total);
	free(at);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct sweep s;
	struct writer out;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	sweep_open(&s, spec_read_all("pipe one from sweep-add", ""));
	check_drawing(&s, &o);
	writer_init(&out, 1, "stdout");
	if (!s.drawn)
		write_grid(&s, &o, &out);
	else if (o.count)
		write_count(&out, draw_runs(&s, &o, NULL));
	else
		draw_runs(&s, &o, &out);
	writer_close(&out);
	where_free(o.where);
	sweep_close(&s);
	return 0;
}
