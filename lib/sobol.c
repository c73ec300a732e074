/* sobol: the Sobol sequence in Gray-code order (Antonov and Saleev),
   whose first 2^m points are the Sobol sequence's first 2^m. */
#include <string.h>

#include "rng.h"
#include "sobol.h"

/* Dimensions 2 to 32 of new-joe-kuo-6.21201: the degree s of the
   primitive polynomial, its coefficients a, and m_1 .. m_s. */
static const struct {
	int s, a, m[7];
} joe_kuo[SOBOL_DIMS - 1] = {
	{ 1, 0, { 1 } },
	{ 2, 1, { 1, 3 } },
	{ 3, 1, { 1, 3, 1 } },
	{ 3, 2, { 1, 1, 1 } },
	{ 4, 1, { 1, 1, 3, 3 } },
	{ 4, 4, { 1, 3, 5, 13 } },
	{ 5, 2, { 1, 1, 5, 5, 17 } },
	{ 5, 4, { 1, 1, 5, 5, 5 } },
	{ 5, 7, { 1, 1, 7, 11, 19 } },
	{ 5, 11, { 1, 1, 5, 1, 1 } },
	{ 5, 13, { 1, 1, 1, 3, 11 } },
	{ 5, 14, { 1, 3, 5, 5, 31 } },
	{ 6, 1, { 1, 3, 3, 9, 7, 49 } },
	{ 6, 13, { 1, 1, 1, 15, 21, 21 } },
	{ 6, 16, { 1, 3, 1, 13, 27, 49 } },
	{ 6, 19, { 1, 1, 1, 15, 7, 5 } },
	{ 6, 22, { 1, 3, 1, 15, 13, 25 } },
	{ 6, 25, { 1, 1, 5, 5, 19, 61 } },
	{ 7, 1, { 1, 3, 7, 11, 23, 15, 103 } },
	{ 7, 4, { 1, 3, 7, 13, 13, 15, 69 } },
	{ 7, 7, { 1, 1, 3, 13, 7, 35, 63 } },
	{ 7, 8, { 1, 3, 5, 9, 1, 25, 53 } },
	{ 7, 14, { 1, 3, 1, 13, 9, 35, 107 } },
	{ 7, 19, { 1, 3, 1, 5, 27, 61, 31 } },
	{ 7, 21, { 1, 1, 5, 11, 19, 41, 61 } },
	{ 7, 28, { 1, 3, 5, 3, 3, 13, 69 } },
	{ 7, 31, { 1, 1, 7, 13, 1, 19, 1 } },
	{ 7, 32, { 1, 3, 7, 5, 13, 19, 59 } },
	{ 7, 37, { 1, 1, 3, 9, 25, 29, 41 } },
	{ 7, 41, { 1, 3, 5, 13, 23, 1, 55 } },
	{ 7, 42, { 1, 3, 7, 3, 13, 59, 17 } },
};

/* The direction numbers V[0..31] of dimension J (from 0), as in Joe and
   Kuo's sobol.cc; dimension 0 is the van der Corput sequence. */
static void
directions(uint32_t *v, int j)
{
	int s, a;

	if (j == 0) {
		for (int i = 0; i < 32; i++)
			v[i] = (uint32_t)1 << (31 - i);
		return;
	}
	s = joe_kuo[j - 1].s;
	a = joe_kuo[j - 1].a;
	for (int i = 0; i < s; i++)
		v[i] = (uint32_t)joe_kuo[j - 1].m[i] << (31 - i);
	for (int i = s; i < 32; i++) {
		v[i] = v[i - s] ^ (v[i - s] >> s);
		for (int k = 1; k < s; k++)
			v[i] ^= ((a >> (s - 1 - k)) & 1) * v[i - k];
	}
}

void
sobol_init(struct sobol *s, int dims, int scramble, uint64_t seed)
{
	struct rng r;

	memset(s, 0, sizeof *s);
	s->dims = dims;
	rng_seed(&r, seed);
	for (int j = 0; j < dims; j++) {
		directions(s->v[j], j);
		s->shift[j] = scramble ? (uint32_t)(rng_next(&r) >> 32) : 0;
		s->x[j] = s->shift[j];
	}
}

const uint32_t *
sobol_next(struct sobol *s)
{
	uint64_t i = s->next, c = 0;

	if (i >> 32)
		return NULL;
	s->next++;
	if (i == 0)
		return s->x;
	while (((i - 1) >> c) & 1)	/* the lowest zero bit of i - 1 */
		c++;
	for (int j = 0; j < s->dims; j++)
		s->x[j] ^= s->v[j][c];
	return s->x;
}
