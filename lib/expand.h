/* expand: the runs of a checked spec, one at a time.
   A run: {"run": {"index", "base_file", "base_dir", "options" (when
   the spec has them), "params": [{"key",
   "name", "value", "value_name", "hidename"}...], "name"}, "config"}. */
#ifndef SWEEP_EXPAND_H
#define SWEEP_EXPAND_H

#include <stdint.h>
#include <jv.h>

#include "dist.h"
#include "grid.h"
#include "json.h"

struct xparam {
	jv key, name, paths, values, value_names;
	int hidename;
	int drawn;		/* from DIST, not VALUES */
	struct dist dist;
};

struct expansion {
	jv base;
	jv base_file, base_dir;
	jv options;		/* the spec's options, or null */
	struct grid grid;
	struct xparam *p;
	int drawn;		/* parameters drawn from a distribution */
};

/* Prepares the runs of SPEC (consumed, checked by spec_check). Returns
   an invalid jv with a message when the grid is too large to count. */
jv expand_init(struct expansion *x, jv spec);
void expand_free(struct expansion *x);

/* The run at INDEX, whose group digits are DIGITS (grid_digits). */
jv expand_run(struct expansion *x, uint64_t index, const uint64_t *digits);

/* The run at INDEX of a sample: POINT holds for every group the index
   of its values, or the value its distribution drew. A real number drawn
   goes into the config in full and into the run's value_name with
   DIGITS significant digits. */
jv expand_point(struct expansion *x, uint64_t index, const double *point,
    int digits);

/* The text of a real number V drawn, with DIGITS significant digits,
   in TEXT of SIZE bytes. */
void expand_short(char *text, size_t size, double v, int digits);

/* Appends RUN (borrowed) compact, its config printed through CACHE (the
   base's, or NULL), as json_dump would. */
void run_dump(struct buf *b, jv run, const struct json_cache *cache);

#endif
