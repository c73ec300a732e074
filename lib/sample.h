/* sample: drawing the runs of a spec with distributions. Every group
   is one dimension: a distribution draws its value, a group of values
   draws an index among them (the zipped values go together). The draws
   come from rng, or from a Sobol sequence (one coordinate a dimension),
   the same on every machine for a seed. */
#ifndef SWEEP_SAMPLE_H
#define SWEEP_SAMPLE_H

#include <stdint.h>
#include <jv.h>

#include "expand.h"
#include "rng.h"
#include "sobol.h"

struct sampler {
	const struct expansion *x;
	const struct dist **dist;	/* each group's, or NULL */
	int sobol;
	struct rng rng;
	struct sobol seq;
};

/* A sampler of X's runs for SEED, quasi-random with SOBOL (scrambled by
   the seed when SCRAMBLE). Invalid with a message when X has more
   dimensions than the Sobol sequence. */
jv sampler_init(struct sampler *s, const struct expansion *x, int sobol,
    int scramble, uint64_t seed);
void sampler_free(struct sampler *s);

/* Fills POINT (a value a group) with the next draw, for expand_point.
   Returns 0 when the sequence has no more points. */
int sampler_next(struct sampler *s, double *point);

/* The fewest significant digits, at most 6, that give the N runs of X
   drawn at POINTS (N rows of a value a group) distinct run names. */
int sample_digits(const struct expansion *x, const double *points,
    uint64_t n);

#endif
