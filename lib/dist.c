/* dist: uniform, log-uniform and int-uniform draws. */
#include <math.h>
#include <string.h>

#include "die.h"
#include "dist.h"
#include "gen.h"
#include "json.h"

/* Integers beyond 2^53 have gaps between them as doubles. */
#define INT_LIMIT 9007199254740992.0

static const char *const kinds[] = { "uniform", "log-uniform",
    "int-uniform" };

/* ln 2 in two parts: HI has few bits, so that k * HI is exact. */
static const double ln2_hi = 6.93147180369123816490e-01;
static const double ln2_lo = 1.90821492927058770002e-10;

double
dist_log(double x)
{
	int e;
	double m = frexp(x, &e), s, s2, sum = 0;

	if (m < 0.70710678118654752440) {
		m *= 2;
		e--;
	}
	s = (m - 1) / (m + 1);	/* |s| < 0.172: log m = 2 atanh s */
	s2 = s * s;
	for (int k = 29; k >= 3; k -= 2)
		sum = (sum + 1.0 / k) * s2;
	return e * ln2_hi + (e * ln2_lo + 2 * s * (1 + sum));
}

double
dist_exp(double x)
{
	double k = nearbyint(x / (ln2_hi + ln2_lo));
	double r = (x - k * ln2_hi) - k * ln2_lo, sum = 1;

	for (int n = 18; n >= 1; n--)	/* |r| < 0.35: 18 terms */
		sum = 1 + sum * r / n;
	return ldexp(sum, (int)k);
}

jv
dist_parse(const char *kind, const char *arg)
{
	double f[2];
	int n;
	jv ok = gen_fields(arg, "A:B, as in 1e-4:1e-1", f, 2, 2, &n);

	if (!jv_is_valid(ok))
		return ok;
	jv_free(ok);
	if (!(f[0] < f[1]))
		return fail("A %g is not below B %g: give the low end first, "
		    "or one value as a VALUE", f[0], f[1]);
	if (!strcmp(kind, "log-uniform") && f[0] <= 0)
		return fail("A is %g: a log scale needs A and B above 0",
		    f[0]);
	if (!strcmp(kind, "int-uniform") && (f[0] != floor(f[0]) ||
	    f[1] != floor(f[1]) || fabs(f[0]) > INT_LIMIT ||
	    fabs(f[1]) > INT_LIMIT))
		return fail("A and B must be whole numbers of at most 2^53: "
		    "write them as 1:10");
	return JV_OBJECT(jv_string("kind"), jv_string(kind),
	    jv_string("low"), jv_number(f[0]),
	    jv_string("high"), jv_number(f[1]));
}

jv
dist_read(struct dist *d, jv obj)
{
	jv kind = json_get(obj, "kind"), low = json_get(obj, "low");
	jv high = json_get(obj, "high"), args, ok;
	int k = 0;

	while (k < 3 && (jv_get_kind(kind) != JV_KIND_STRING ||
	    strcmp(jv_string_value(kind), kinds[k])))
		k++;
	if (k == 3 || jv_get_kind(low) != JV_KIND_NUMBER ||
	    jv_get_kind(high) != JV_KIND_NUMBER)
		ok = fail("a distribution is malformed: make specs with "
		    "sweep-add");
	else {
		/* The ends are checked as --KIND checks them. */
		args = jv_string_fmt("%.17g:%.17g", jv_number_value(low),
		    jv_number_value(high));
		ok = dist_parse(kinds[k], jv_string_value(args));
		jv_free(args);
	}
	d->kind = (enum dist_kind)k;
	d->low = jv_get_kind(low) == JV_KIND_NUMBER ? jv_number_value(low) : 0;
	d->high = jv_get_kind(high) == JV_KIND_NUMBER ?
	    jv_number_value(high) : 0;
	if (jv_is_valid(ok) && d->kind == DIST_LOG_UNIFORM) {
		d->loglow = dist_log(d->low);
		d->loghigh = dist_log(d->high);
	}
	jv_free(kind);
	jv_free(low);
	jv_free(high);
	return ok;
}

uint64_t
dist_size(const struct dist *d)
{
	if (d->kind != DIST_INT_UNIFORM)
		return 0;
	return (uint64_t)(d->high - d->low) + 1;
}

static double
clamp(const struct dist *d, double x)
{
	return x < d->low ? d->low : x > d->high ? d->high : x;
}

double
dist_at(const struct dist *d, double u)
{
	double n;

	switch (d->kind) {
	case DIST_UNIFORM:
		if (isinf(d->high - d->low))	/* -1e308:1e308 */
			return clamp(d, d->low * (1 - u) + d->high * u);
		return clamp(d, d->low + u * (d->high - d->low));
	case DIST_LOG_UNIFORM:
		return clamp(d, dist_exp(d->loglow + u * (d->loghigh -
		    d->loglow)));
	default:
		n = (double)dist_size(d);
		return clamp(d, d->low + floor(u * n));
	}
}

double
dist_word(const struct dist *d, uint32_t x)
{
	if (d->kind == DIST_INT_UNIFORM)
		return d->low + (double)dist_index(x, dist_size(d));
	return dist_at(d, (double)x * 0x1p-32);
}

double
dist_draw(const struct dist *d, struct rng *r)
{
	if (d->kind == DIST_INT_UNIFORM)
		return d->low + (double)rng_below(r, dist_size(d));
	return dist_at(d, dist_unit(r));
}

double
dist_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1p-53;
}

uint64_t
dist_index(uint32_t x, uint64_t n)
{
	double i;

	if (n <= (uint64_t)1 << 32)
		return ((uint64_t)x * n) >> 32;
	i = floor((double)x * 0x1p-32 * (double)n);
	return i < (double)n ? (uint64_t)i : n - 1;
}
