/* grid: the mixed-radix walk over parameter groups. */
#include <stdlib.h>

#include "grid.h"

/* The group number of P (borrowed), or a fresh one for a null group. */
static jv
group_id(jv p, int i)
{
	jv g = jv_object_get(jv_copy(p), jv_string("group"));

	if (jv_get_kind(g) == JV_KIND_NULL)
		return jv_string_fmt("own %d", i);
	return g;
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
			g->size[g->ngroups++] = (uint64_t)jv_array_length(
			    jv_object_get(jv_copy(p), jv_string("values")));
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
