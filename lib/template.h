/* template: the configs of one spec as one text with holes.  Every run
   of a spec has the config of the same shape: only the parameters'
   values, the name and meta.hp_values differ. The first run, printed
   once, gives the text around them, and every run is that text with its
   values, printed once per value, in the holes. */
#ifndef SWEEP_TEMPLATE_H
#define SWEEP_TEMPLATE_H

#include <stdint.h>
#include <jv.h>

#include "expand.h"
#include "json.h"
#include "name.h"

struct template;

/* The template of the configs of X (borrowed, kept) as N (borrowed,
   kept) names them, printed with INDENT; NULL when the runs need not
   share one shape (a parameter sets the name key, meta or the wandb
   key), or the first run cannot be made (the caller then makes each run
   as a value, which says what is wrong). */
struct template *template_new(struct expansion *x, struct namer *n,
    int indent);
void template_free(struct template *t);

/* Appends the config text of the run whose group digits are DIGITS to B
   and returns the run's name; or returns an invalid jv (B as it was)
   when the run must be made as a value, to say what is wrong with it. */
jv template_run(struct template *t, const uint64_t *digits, struct buf *b);

#endif
