/* gen: number ranges, spaced numbers, values from a file. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "gen.h"
#include "json.h"
#include "parse.h"
#include "stream.h"
#include "value.h"

#define RANGE_FORM "START:STOP[:STEP], as in 0:10:2"
#define SPACE_FORM "A:B:N, as in 1e-4:1e-1:4"

/* The distance from |X| to the next double up. */
static double
ulp(double x)
{
	x = fabs(x);
	return nextafter(x, INFINITY) - x;
}

double
gen_round(double x, double tol)
{
	char text[32];
	double d;

	if (fabs(x) <= tol)
		return 0;
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(text, sizeof text, "%.*e", digits - 1, x);
		d = strtod(text, NULL);
		if (fabs(d - x) <= tol)
			return d;
	}
	return x;
}

/* S as a finite decimal number: digits, sign, point and exponent only
   (no inf, nan or hex). */
static int
parse_number(const char *s, double *out)
{
	char *end;

	if (!*s || s[strspn(s, "0123456789+-.eE")])
		return 0;
	*out = strtod(s, &end);	/* parse_number_exact has checked it */
	return !*end && isfinite(*out);
}

jv
gen_fields(const char *arg, const char *form, double *f, int min,
    int max, int *n)
{
	char *copy = xstrdup(arg), *p = copy, *colon;
	jv ok = jv_true();

	for (*n = 0; jv_is_valid(ok); p = colon + 1) {
		if ((colon = strchr(p, ':')))
			*colon = '\0';
		if (*n == max)
			ok = fail("write %s", form);
		else if (!parse_number_exact(p, strlen(p)))
			ok = value_inexact(p, strlen(p), 0);
		else if (!parse_number(p, &f[(*n)++]))
			ok = fail("%s is not a number: write %s",
			    *p ? p : "\"\"", form);
		if (!colon)
			break;
	}
	if (jv_is_valid(ok) && *n < min)
		ok = fail("write %s", form);
	free(copy);
	return ok;
}

/* The count N of A:B:N as a whole number from 1. */
static jv
parse_count(double n, long *out)
{
	if (n < 1)
		return fail("N is %g: give 1 or more values", n);
	if (n != floor(n))
		return fail("N %g is not a whole number: give a count such "
		    "as 5", n);
	if (n > GEN_MAX_VALUES)
		return fail("N %g is over %d: give fewer values", n,
		    GEN_MAX_VALUES);
	*out = (long)n;
	return jv_true();
}

/* Whether X is strictly between A and B, either way round. */
static int
inside(double x, double a, double b)
{
	return (a < x && x < b) || (b < x && x < a);
}

/* The N generated numbers V, as computed, each rounded within T of
   itself (the error of its own computation; 0 for an end the user
   wrote, which stays as written) to the shortest decimal that keeps it
   strictly between the number before it and the one after (for the
   last, END). Invalid when two are one double, or one reaches END. */
static jv
numbers(const double *v, const double *t, long n, double end)
{
	jv out = jv_array();
	double prev = v[0];

	for (long i = 0; i < n; i++) {
		double next = i + 1 < n ? v[i + 1] : end;
		double r = t[i] > 0 ? gen_round(v[i], t[i]) : v[i];

		if (i > 0 && !inside(v[i], prev, next) &&
		    !(i == n - 1 && t[i] == 0 && (inside(prev, v[0], v[i]) ||
		    (i == 1 && v[1] != v[0])))) {
			jv_free(out);
			return fail("the numbers near %.17g are closer together "
			    "than a double tells apart: give a larger step or "
			    "fewer numbers", v[i]);
		}
		if (i > 0 && t[i] > 0 && !inside(r, prev, next))
			r = v[i];	/* rounded too far */
		out = jv_array_append(out, jv_number(r));
		prev = r;
	}
	return out;
}

jv
gen_range(const char *arg)
{
	double f[3] = { 0, 0, 1 }, q, k, *v, *t;
	jv ok, out = jv_array();
	long n;
	int nf;

	if (!jv_is_valid(ok = gen_fields(arg, RANGE_FORM, f, 2, 3, &nf)))
		goto fail;
	if (f[2] == 0) {
		ok = fail("the step is 0: give a step other than 0");
		goto fail;
	}
	/* A count a hair above a whole number is that number: STOP stays
	   out, as it does in decimal (0:0.9:0.3 is 0, 0.3, 0.6). */
	q = (f[1] - f[0]) / f[2];
	k = nearbyint(q);
	if (!(q > 0)) {
		ok = fail("no values: STOP must be above START for a positive "
		    "STEP, below it for a negative one");
		goto fail;
	}
	if (q > GEN_MAX_VALUES) {
		ok = fail("%.0f values, over %d: use a larger step", ceil(q),
		    GEN_MAX_VALUES);
		goto fail;
	}
	n = fabs(q - k) <= 4 * DBL_EPSILON * q ? (long)k : (long)ceil(q);
	v = xcalloc((size_t)n, sizeof *v);
	t = xcalloc((size_t)n, sizeof *t);
	for (long i = 0; i < n; i++) {
		double step = (double)i * f[2];

		v[i] = i ? f[0] + step : f[0];
		t[i] = i ? fmin(4 * ulp(fmax(fabs(f[0]), fabs(step))),
		    fabs(f[2]) / 4) : 0;
	}
	jv_free(out);
	out = numbers(v, t, n, f[1]);
	free(v);
	free(t);
	return out;
fail:
	jv_free(out);
	return ok;
}

/* The I-th of N numbers from A to B, evenly spaced: exact at both ends,
   and for whole A and B, the double nearest the true value. */
static double
between(double a, double b, long i, long n)
{
	double m = (double)(n - 1), v;

	if (i == 0 || i == n - 1)
		return i == 0 ? a : b;
	v = (a * (m - (double)i) + b * (double)i) / m;
	if (!isfinite(v))
		v = a / m * (m - (double)i) + b / m * (double)i;
	return v;
}

/* The I-th of N numbers from A to B (non-zero, one sign), log-evenly
   spaced. */
static double
log_between(double a, double b, long i, long n)
{
	double t, r = b / a, v;

	if (i == 0 || i == n - 1)
		return i == 0 ? a : b;
	t = (double)i / (double)(n - 1);
	v = a * pow(r, t);
	if (!isfinite(v) || v == 0 || !isnormal(r))
		v = copysign(pow(10, log10(fabs(a)) + t *
		    (log10(fabs(b)) - log10(fabs(a)))), a);
	return v;
}

/* The numbers of A:B:N, evenly or (LOG) log-evenly spaced: A and B as
   written. Even ones are rounded within a few ulps of the larger end,
   as their error is; log ones within a few ulps of themselves. */
static jv
spaced(const char *arg, int log)
{
	double f[3], a, b, *v, *t;
	long n = 0;
	int nf;
	jv ok = gen_fields(arg, SPACE_FORM, f, 3, 3, &nf), out;

	if (!jv_is_valid(ok) || !jv_is_valid(ok = parse_count(f[2], &n)))
		return ok;
	a = f[0];
	b = f[1];
	if (log && (a == 0 || b == 0 || (a < 0) != (b < 0)))
		return fail("a log scale cannot reach 0 or cross it: give "
		    "ends of one sign, as in 1e-4:1e-1:4");
	v = xcalloc((size_t)n, sizeof *v);
	t = xcalloc((size_t)n, sizeof *t);
	for (long i = 0; i < n; i++) {
		v[i] = log ? log_between(a, b, i, n) : between(a, b, i, n);
		t[i] = i == 0 || i == n - 1 ? 0 : log ? 16 * ulp(v[i]) :
		    4 * ulp(fmax(fabs(a), fabs(b)));
	}
	out = numbers(v, t, n, b);
	free(v);
	free(t);
	return out;
}

jv
gen_linspace(const char *arg)
{
	return spaced(arg, 0);
}

jv
gen_geomspace(const char *arg)
{
	return spaced(arg, 1);
}

jv
gen_texts(jv numbers)
{
	struct buf b = { 0 };
	jv out = jv_array();

	jv_array_foreach(numbers, i, x) {
		b.len = 0;
		json_dump_number(&b, x);
		out = jv_array_append(out, json_string(b.p, b.len));
		jv_free(x);
		(void)i;
	}
	buf_free(&b);
	jv_free(numbers);
	return out;
}

/* The error for the first of the numbers INEXACT (consumed, as
   parse_inexact gives them) in PATH, or true when there is none. */
static jv
inexact_in(const char *path, jv inexact)
{
	jv lit, msg, out = jv_true();

	if (jv_array_length(jv_copy(inexact)) > 0) {
		lit = jv_array_get(jv_array_get(jv_copy(inexact), 0), 1);
		msg = jv_invalid_get_msg(value_inexact(jv_string_value(lit),
		    (size_t)jv_string_length_bytes(jv_copy(lit)), 1));
		out = fail("%s: %s", path, jv_string_value(msg));
		jv_free(msg);
		jv_free(lit);
	}
	jv_free(inexact);
	return out;
}

/* The values of TEXT (LEN bytes, read from PATH, starting with "[")
   when it is one JSON array and nothing after it; an invalid jv without
   a message when a value follows (the file is one VALUE a line). */
static jv
array_values(const char *path, const char *text, size_t len)
{
	jv_parser *p;
	jv v, next, ok, twice;

	if (len > INT_MAX)
		return fail("%s: %zu bytes, more than libjq reads: give one "
		    "VALUE a line", path, len);
	p = jv_parser_new(0);
	jv_parser_set_buf(p, text, (int)len, 0);
	v = jv_parser_next(p);
	next = jv_is_valid(v) ? jv_parser_next(p) : jv_invalid();
	jv_parser_free(p);
	if (!jv_is_valid(v)) {
		jv msg = jv_invalid_get_msg(v);

		ok = fail("%s starts as a JSON array but is none (%s): write "
		    "one JSON array of values, or one VALUE a line", path,
		    jv_string_value(msg));
		jv_free(msg);
		return ok;
	}
	if (jv_is_valid(next) || jv_invalid_has_msg(jv_copy(next))) {
		jv_free(v);
		jv_free(next);
		return jv_invalid();
	}
	if (jv_get_kind(v) != JV_KIND_ARRAY) {
		jv_free(v);
		return jv_invalid();
	}
	if (!jv_is_valid(ok = inexact_in(path, parse_inexact(text, len)))) {
		jv_free(v);
		return ok;
	}
	if (!jv_is_valid(ok = changed_error(path, parse_changed(text, len,
	    &twice)))) {
		jv_free(twice);
		jv_free(v);
		return ok;
	}
	warn_twice(path, twice);
	if (!value_finite(v)) {
		jv_free(v);
		return fail("%s holds NaN or Infinity, which JSON has not: "
		    "write numbers, or quote them as strings", path);
	}
	return v;
}

/* Each line of F, typed under MODE; PATH names F in messages. */
static jv
line_values(FILE *f, const char *path, enum value_mode mode)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	jv out = jv_array(), v;

	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0)
			continue;
		v = value_from_arg(line, mode);
		if (!jv_is_valid(v)) {
			jv msg = jv_invalid_get_msg(v);

			jv_free(out);
			out = fail("%s:%ld: %s", path, lineno,
			    jv_string_value(msg));
			jv_free(msg);
			break;
		}
		out = jv_array_append(out, v);
	}
	if (jv_is_valid(out) && ferror(f)) {
		jv_free(out);
		out = fail("%s: %s: check the file", path, strerror(errno));
	}
	free(line);
	return out;
}

/* The lines of B (LEN bytes) as line_values reads them. */
static jv
buf_lines(struct buf *b, const char *path, enum value_mode mode)
{
	FILE *f;
	jv out;

	if (b->len == 0)
		return jv_array();
	if (!(f = fmemopen(b->p, b->len, "r")))
		die("%s: %s", path, strerror(errno));
	out = line_values(f, path, mode);
	fclose(f);
	return out;
}

/* Appends a block of F to B: the bytes read, 0 at the end or on an
   error. */
static size_t
read_block(FILE *f, struct buf *b)
{
	size_t n;

	buf_grow(b, 65536);
	n = fread(b->p + b->len, 1, b->cap - b->len, f);
	b->len += n;
	return n;
}

/* gen_values_from, an empty file too. */
static jv
values_in(const char *path, enum value_mode mode)
{
	struct buf b = { 0 };
	FILE *f;
	size_t first = 0;
	jv out = jv_invalid();

	if (!(f = fopen(path, "r")))
		return fail("%s: %s: give a file with one VALUE a line, or one "
		    "JSON array", path, strerror(errno));
	for (;;) {	/* up to the first byte that is not white space */
		while (first < b.len && json_ws(b.p[first]))
			first++;
		if (first < b.len || read_block(f, &b) == 0)
			break;
	}
	if ((first == b.len || b.p[first] != '[') &&
	    fseek(f, 0, SEEK_SET) == 0) {
		out = line_values(f, path, mode);	/* a file, read as it goes */
		fclose(f);
		buf_free(&b);
		return out;
	}
	while (read_block(f, &b) > 0)	/* an array, or a pipe's lines */
		;
	if (ferror(f))
		out = fail("%s: %s: check the file", path, strerror(errno));
	else if (first < b.len && b.p[first] == '[')
		out = array_values(path, b.p, b.len);
	fclose(f);
	if (!jv_is_valid(out) && !jv_invalid_has_msg(jv_copy(out)))
		out = buf_lines(&b, path, mode);
	buf_free(&b);
	return out;
}

jv
gen_values_from(const char *path, enum value_mode mode)
{
	jv out = values_in(path, mode);

	if (jv_is_valid(out) && jv_array_length(jv_copy(out)) == 0) {
		jv_free(out);
		return fail("%s holds no values (did the command that makes "
		    "it fail?): put one VALUE a line in it, or one JSON array",
		    path);
	}
	return out;
}
