/* gen: values that sweep-add makes rather than reads from argv: number
   ranges, evenly and log-evenly spaced numbers, values from a file.
   Numbers come out as a person would write them: each is rounded to the
   shortest decimal within a few ulps of the computed one (the error of
   its own computation), so --geomspace=1e-4:1e-2:3 gives 0.0001, 0.001,
   0.01; the ends the user wrote come out as written; the numbers are
   distinct and inside the ends, or the generator refuses them. A
   generator's argument that a double cannot hold as written is
   refused. */
#ifndef SWEEP_GEN_H
#define SWEEP_GEN_H

#include <jv.h>

#include "value.h"

/* No generator makes more values than this. */
#define GEN_MAX_VALUES 1000000

/* START:STOP[:STEP], STOP excluded, STEP 1 by default, as Python's
   range(). An array of numbers, or invalid with a message. */
jv gen_range(const char *arg);

/* A:B:N, N numbers from A to B inclusive, evenly spaced. */
jv gen_linspace(const char *arg);

/* A:B:N, N numbers from A to B inclusive, log-evenly spaced; A and B
   non-zero and of one sign. */
jv gen_geomspace(const char *arg);

/* The values in the file PATH, judged by what it holds: the one JSON
   array that is the whole file, else one VALUE a line, typed under MODE
   as a command-line VALUE is, empty lines skipped. PATH may be a pipe.
   Invalid with a message on error, and when it holds no values: a
   sweep never quietly loses the values of a file made wrong. */
jv gen_values_from(const char *path, enum value_mode mode);

/* NUMBERS (consumed, an array) as strings, each as libjq prints it: the
   generated values under -S. */
jv gen_texts(jv numbers);

/* ARG's MIN to MAX numbers, separated by ':', into F; *N says how many.
   True, or invalid with a message that says to write FORM. */
jv gen_fields(const char *arg, const char *form, double *f, int min,
    int max, int *n);

/* X rounded to the shortest decimal within TOL of it (0 when X is). */
double gen_round(double x, double tol);

#endif
