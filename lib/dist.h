/* dist: the distributions a parameter may be drawn from, and a draw's
   value from a coordinate in [0, 1) or from random words.  The numbers
   are the same on every machine: only +, -, *, / and exact scalings by
   powers of 2 are used (log and exp are computed here, not by libm,
   whose last bits differ between libraries).
   In a spec: {"kind": "uniform" | "log-uniform" | "int-uniform",
   "low": A, "high": B}. */
#ifndef SWEEP_DIST_H
#define SWEEP_DIST_H

#include <stdint.h>
#include <jv.h>

#include "rng.h"

enum dist_kind { DIST_UNIFORM, DIST_LOG_UNIFORM, DIST_INT_UNIFORM };

struct dist {
	enum dist_kind kind;
	double low, high;
	double loglow, loghigh;	/* log-uniform: the logs of the ends */
};

/* The spec's object for --KIND=ARG (KIND "uniform", "log-uniform" or
   "int-uniform"; ARG "A:B"), or invalid with a message. */
jv dist_parse(const char *kind, const char *arg);

/* Reads OBJ (borrowed), as dist_parse makes it, into D. Invalid with a
   message when it is malformed. */
jv dist_read(struct dist *d, jv obj);

/* How many integers an int-uniform draws from (0 for the others). */
uint64_t dist_size(const struct dist *d);

/* The value at U in [0, 1): A + U (B - A), exp(log A + U (log B -
   log A)), or the integer of index floor(U (B - A + 1)); kept in
   [A, B]. */
double dist_at(const struct dist *d, double u);

/* The value at a 32-bit coordinate X (a Sobol point's): dist_at of
   X / 2^32, an integer by dist_index, exactly. */
double dist_word(const struct dist *d, uint32_t x);

/* A random draw; an integer without bias (rejection). */
double dist_draw(const struct dist *d, struct rng *r);

/* A coordinate in [0, 1) from 53 random bits. */
double dist_unit(struct rng *r);

/* Index floor(X / 2^32 * N) of a 32-bit coordinate X among N > 0. */
uint64_t dist_index(uint32_t x, uint64_t n);

/* log and exp in plain arithmetic, correct to about 1e-15 relative. */
double dist_log(double x);
double dist_exp(double x);

#endif
