/* rng: the pseudo-random numbers of sweep, the same on every machine:
   xoshiro256** by Blackman and Vigna, seeded through splitmix64. */
#ifndef SWEEP_RNG_H
#define SWEEP_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* The state that SEED fixes. */
void rng_seed(struct rng *r, uint64_t seed);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* Uniform below N (> 0), without modulo bias: rejection. */
uint64_t rng_below(struct rng *r, uint64_t n);

/* splitmix64: steps *X and returns its mix, a good hash of a word. */
uint64_t splitmix64(uint64_t *x);

#endif
