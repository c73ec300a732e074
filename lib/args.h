/* args: a run's parameters as command-line words, for the placeholders
   {args} (--KEY=VALUE, as argparse and Fire read them) and {overrides}
   (KEY=VALUE in Hydra's override grammar). */
#ifndef SWEEP_ARGS_H
#define SWEEP_ARGS_H

#include <jv.h>

#include "json.h"

enum args_style { ARGS_FLAGS, ARGS_OVERRIDES };

/* One parameter of a run, all borrowed: its key as declared, its -n
   name and its value. */
struct arg {
	jv key, name, value;
};

/* Appends the word of each of the N parameters A in STYLE to B, in
   order, each ended by a NUL byte (which no word holds): --KEY=VALUE
   (FLAGS) or KEY=VALUE (OVERRIDES). KEY is the dotted key, / read as .;
   a jq path key (.a[0]) gives the parameter's -n name instead. VALUE is
   a string as is (FLAGS) or as Hydra reads it back as that string
   (quoted where it must be); else the value's compact JSON (FLAGS) or
   Hydra's form of it. Returns jv_true(), or invalid with a message (a
   jq path key without a name, a NUL byte, an object key Hydra cannot
   write). */
jv args_words(struct buf *b, enum args_style style, const struct arg *a,
    int n);

#endif
