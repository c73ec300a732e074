/* expand: the runs of a checked spec, one at a time.
   A run: {"run": {"index", "base_file", "base_dir", "params": [{"key",
   "name", "value", "value_name", "hidename"}...], "name"}, "config"}. */
#ifndef SWEEP_EXPAND_H
#define SWEEP_EXPAND_H

#include <stdint.h>
#include <jv.h>

#include "grid.h"
#include "json.h"

struct xparam {
	jv key, name, paths, values, value_names;
	int hidename;
};

struct expansion {
	jv base;
	jv base_file, base_dir;
	struct grid grid;
	struct xparam *p;
};

/* Prepares the runs of SPEC (consumed, checked by spec_check). Returns
   an invalid jv with a message when the grid is too large to count. */
jv expand_init(struct expansion *x, jv spec);
void expand_free(struct expansion *x);

/* The run at INDEX, whose group digits are DIGITS (grid_digits). */
jv expand_run(struct expansion *x, uint64_t index, const uint64_t *digits);

/* Appends RUN (borrowed) compact, its config printed through CACHE (the
   base's, or NULL), as json_dump would. */
void run_dump(struct buf *b, jv run, const struct json_cache *cache);

#endif
