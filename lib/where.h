/* where: a jq filter that keeps or drops runs, compiled once.  The
   filter's input is the run's config, and $run is the run's "run"
   object; the run is kept when some output is neither false nor null,
   as jq's select() would keep it. */
#ifndef SWEEP_WHERE_H
#define SWEEP_WHERE_H

#include <jv.h>

struct where;

/* Compiles FILTER. On error returns NULL and sets *ERR to an invalid jv
   with the message. */
struct where *where_compile(const char *filter, jv *err);
void where_free(struct where *w);

/* Whether RUN (borrowed) passes: jv_true(), jv_false(), or an invalid
   jv with jq's message when the filter fails on it. */
jv where_test(struct where *w, jv run);

#endif
