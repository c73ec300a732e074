/* grid: the mixed-radix walk over parameter groups, and drawing runs. */
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "grid.h"

#define EMPTY UINT64_MAX	/* no index is: the total is below 2^64 */

/* The group number of P (borrowed), or a fresh one for a null group. */
static jv
group_id(jv p, int i)
{
	jv g = jv_object_get(jv_copy(p), jv_string("group"));

	if (jv_get_kind(g) == JV_KIND_NULL)
		return jv_string_fmt("own %d", i);
	return g;
}

/* The number of values of P (borrowed); 0 for a distribution's. */
static uint64_t
group_size(jv p)
{
	jv values = jv_object_get(jv_copy(p), jv_string("values"));
	uint64_t n = jv_get_kind(values) == JV_KIND_ARRAY ?
	    (uint64_t)jv_array_length(jv_copy(values)) : 0;

	jv_free(values);
	return n;
}

int
grid_init(struct grid *g, jv params)
{
	int n = jv_array_length(jv_copy(params));
	jv ids = jv_array();

	g->nparams = n;
	g->ngroups = 0;
	g->group = calloc((size_t)n + 1, sizeof *g->group);
	g->size = calloc((size_t)n + 1, sizeof *g->size);
	if (!g->group || !g->size)
		return -1;
	jv_array_foreach(params, i, p) {
		jv id = group_id(p, i);
		int k = 0;

		while (k < g->ngroups &&
		    !jv_equal(jv_array_get(jv_copy(ids), k), jv_copy(id)))
			k++;
		if (k == g->ngroups) {
			ids = jv_array_append(ids, jv_copy(id));
			g->size[g->ngroups++] = group_size(p);
		}
		g->group[i] = k;
		jv_free(id);
		jv_free(p);
	}
	jv_free(ids);
	g->total = 1;
	g->overflow = 0;
	for (int k = 0; k < g->ngroups; k++) {
		if (g->size[k] && g->total > UINT64_MAX / g->size[k])
			g->overflow = 1;
		g->total *= g->size[k];
	}
	return 0;
}

void
grid_free(struct grid *g)
{
	free(g->group);
	free(g->size);
	g->group = NULL;
	g->size = NULL;
}

void
grid_digits(const struct grid *g, uint64_t index, uint64_t *digits)
{
	for (int k = g->ngroups - 1; k >= 0; k--) {
		digits[k] = index % g->size[k];
		index /= g->size[k];
	}
}

int
grid_next(const struct grid *g, uint64_t *digits)
{
	for (int k = g->ngroups - 1; k >= 0; k--) {
		if (++digits[k] < g->size[k])
			return 1;
		digits[k] = 0;
	}
	return 0;
}

void
draw_init(struct draw *d, uint64_t total, uint64_t seed)
{
	memset(d, 0, sizeof *d);
	rng_seed(&d->rng, seed);
	d->total = total;
}

void
draw_free(struct draw *d)
{
	free(d->key);
	free(d->val);
	d->key = d->val = NULL;
}

/* The slot of index K: where it is, or the empty one it would go to. */
static size_t
slot(const struct draw *d, uint64_t k)
{
	uint64_t h = k;
	size_t i = (size_t)splitmix64(&h) & (d->cap - 1);

	while (d->key[i] != EMPTY && d->key[i] != k)
		i = (i + 1) & (d->cap - 1);
	return i;
}

static void
grow(struct draw *d)
{
	struct draw old = *d;

	d->cap = old.cap ? old.cap * 2 : 64;
	d->key = malloc(d->cap * sizeof *d->key);
	d->val = malloc(d->cap * sizeof *d->val);
	if (!d->key || !d->val)
		die("out of memory: draw a smaller sample");
	memset(d->key, 0xff, d->cap * sizeof *d->key);
	for (size_t i = 0; i < old.cap; i++) {
		if (old.key[i] != EMPTY) {
			size_t j = slot(d, old.key[i]);

			d->key[j] = old.key[i];
			d->val[j] = old.val[i];
		}
	}
	draw_free(&old);
}

/* What the shuffle holds at position K. */
static uint64_t
at(const struct draw *d, uint64_t k)
{
	size_t i = slot(d, k);

	return d->key[i] == EMPTY ? k : d->val[i];
}

static void
put(struct draw *d, uint64_t k, uint64_t v)
{
	size_t i;

	if (2 * (d->used + 1) > d->cap)
		grow(d);
	i = slot(d, k);
	if (d->key[i] == EMPTY)
		d->used++;
	d->key[i] = k;
	d->val[i] = v;
}

int
draw_next(struct draw *d, uint64_t *index)
{
	uint64_t i = d->drawn, j;

	if (i == d->total)
		return 0;
	if (!d->cap)
		grow(d);
	j = i + rng_below(&d->rng, d->total - i);
	*index = at(d, j);
	put(d, j, at(d, i));
	d->drawn++;
	return 1;
}
