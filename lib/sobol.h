/* sobol: the Sobol sequence in up to SOBOL_DIMS dimensions, 32 bits a
   coordinate, from the direction numbers of Joe and Kuo
   (new-joe-kuo-6.21201: S. Joe and F. Y. Kuo, Constructing Sobol
   sequences with better two-dimensional projections, SIAM J. Sci.
   Comput. 30, 2635-2654, 2008). Point 0 is the origin; the first 2^m
   points are a (t, m, s)-net. A seed scrambles the points by a random
   digital shift (each dimension XORed with a word of its own), which
   keeps the net property. */
#ifndef SWEEP_SOBOL_H
#define SWEEP_SOBOL_H

#include <stdint.h>

#define SOBOL_DIMS 32

struct sobol {
	int dims;
	uint32_t v[SOBOL_DIMS][32];	/* direction numbers */
	uint32_t shift[SOBOL_DIMS];
	uint32_t x[SOBOL_DIMS];		/* the current point */
	uint64_t next;			/* the index of the next point */
};

/* A sequence of DIMS (1..SOBOL_DIMS) dimensions; SCRAMBLE says whether
   SEED shifts it. */
void sobol_init(struct sobol *s, int dims, int scramble, uint64_t seed);

/* The next point's coordinates, in units of 2^-32; NULL after 2^32
   points. */
const uint32_t *sobol_next(struct sobol *s);

#endif
