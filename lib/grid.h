/* grid: the mixed-radix walk over parameter groups.  Groups are ordered
   by their first parameter; the first group varies slowest, and inside a
   group the i-th values go together. */
#ifndef SWEEP_GRID_H
#define SWEEP_GRID_H

#include <stdint.h>
#include <jv.h>

#include "rng.h"

struct grid {
	int nparams;
	int ngroups;
	int *group;		/* the group of each parameter */
	uint64_t *size;		/* the number of values of each group, 0
				   for a distribution */
	uint64_t total;		/* runs in the grid */
	int overflow;		/* more than 2^64 - 1 runs */
};

/* Lays out the groups of PARAMS (borrowed, as in a checked spec).
   Returns 0, or -1 when memory runs out. */
int grid_init(struct grid *g, jv params);
void grid_free(struct grid *g);

/* The value index of every group for run INDEX (< total). */
void grid_digits(const struct grid *g, uint64_t index, uint64_t *digits);

/* Steps DIGITS to the next run; returns 0 after the last. */
int grid_next(const struct grid *g, uint64_t *digits);

/* Draws distinct indexes below TOTAL in a random order that SEED fixes,
   the same on every machine: each draw is uniform over the indexes not
   drawn yet (a sparse Fisher-Yates shuffle driven by rng), so the
   first N draws are a uniform sample of N, and a larger sample with the same seed holds a smaller one.
   Time and memory grow with the draws, not with TOTAL. */
struct draw {
	struct rng rng;
	uint64_t total, drawn;
	uint64_t *key, *val;	/* moved indexes: open addressing */
	size_t cap, used;
};

void draw_init(struct draw *d, uint64_t total, uint64_t seed);
void draw_free(struct draw *d);

/* Sets *INDEX to the next index; returns 0 once all TOTAL are drawn. */
int draw_next(struct draw *d, uint64_t *index);

#endif
