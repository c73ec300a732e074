/* sample: drawing the runs of a spec with distributions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "json.h"
#include "sample.h"

jv
sampler_init(struct sampler *s, const struct expansion *x, int sobol,
    int scramble, uint64_t seed)
{
	int ng = x->grid.ngroups;

	memset(s, 0, sizeof *s);
	s->x = x;
	s->sobol = sobol;
	s->dist = xcalloc((size_t)ng + 1, sizeof *s->dist);
	for (int i = 0; i < x->grid.nparams; i++)
		if (x->p[i].drawn)
			s->dist[x->grid.group[i]] = &x->p[i].dist;
	rng_seed(&s->rng, seed);
	if (!sobol)
		return jv_true();
	if (ng > SOBOL_DIMS)
		return fail("--sobol draws at most %d dimensions, and this "
		    "sweep has %d (one a group or distribution): sweep fewer "
		    "parameters, or draw without --sobol", SOBOL_DIMS, ng);
	sobol_init(&s->seq, ng, scramble, seed);
	return jv_true();
}

void
sampler_free(struct sampler *s)
{
	free(s->dist);
	s->dist = NULL;
}

int
sampler_next(struct sampler *s, double *point)
{
	const struct grid *g = &s->x->grid;
	const uint32_t *u = NULL;

	if (s->sobol && !(u = sobol_next(&s->seq)))
		return 0;
	for (int k = 0; k < g->ngroups; k++) {
		const struct dist *d = s->dist[k];

		if (u)
			point[k] = d ? dist_word(d, u[k]) :
			    (double)dist_index(u[k], g->size[k]);
		else
			point[k] = d ? dist_draw(d, &s->rng) :
			    (double)rng_below(&s->rng, g->size[k]);
	}
	return 1;
}

/* The part of a run's name that POINT gives at DIGITS, in B: every
   named parameter's value index, or its drawn value's text. */
static void
name_key(struct buf *b, const struct expansion *x, const double *point,
    int digits)
{
	char text[40];

	for (int i = 0; i < x->grid.nparams; i++) {
		const struct xparam *xp = &x->p[i];
		double v = point[x->grid.group[i]];

		if (xp->hidename || !jv_string_length_bytes(jv_copy(xp->name)))
			continue;
		if (xp->drawn && xp->dist.kind != DIST_INT_UNIFORM) {
			expand_short(text, sizeof text, v, digits);
			buf_adds(b, text);
		} else {
			json_dump_number(b, jv_number(v));
		}
		buf_addc(b, '\0');
	}
}

/* A run's name key in the buffer of keys. */
struct key {
	const char *p;
	size_t len;
};

static int
by_text(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->p, y->p, x->len);
}

/* Whether the names of the N points at DIGITS are distinct. */
static int
distinct(const struct expansion *x, const double *points, uint64_t n,
    int digits)
{
	struct buf b = { 0 };
	struct key *key = xcalloc((size_t)n + 1, sizeof *key);
	size_t *end = xcalloc((size_t)n + 1, sizeof *end);
	int ng = x->grid.ngroups, ok = 1;

	for (uint64_t i = 0; i < n; i++) {
		name_key(&b, x, &points[i * (uint64_t)ng], digits);
		end[i] = b.len;
	}
	for (uint64_t i = 0; i < n && b.p; i++) {
		key[i].p = b.p + (i ? end[i - 1] : 0);
		key[i].len = end[i] - (i ? end[i - 1] : 0);
	}
	if (b.p)
		qsort(key, (size_t)n, sizeof *key, by_text);
	else
		ok = n < 2;	/* no name tells runs apart */
	for (uint64_t i = 1; i < n && ok && b.p; i++)
		ok = by_text(&key[i - 1], &key[i]) != 0;
	free(key);
	free(end);
	buf_free(&b);
	return ok;
}

int
sample_digits(const struct expansion *x, const double *points, uint64_t n)
{
	int digits = 1;

	if (!x->drawn)
		return 6;
	while (digits < 6 && !distinct(x, points, n, digits))
		digits++;
	return digits;
}
