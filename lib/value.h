/* value: typing command-line values, type compatibility, value texts. */
#ifndef SWEEP_VALUE_H
#define SWEEP_VALUE_H

#include <argp.h>
#include <jv.h>

#include "json.h"

enum value_mode {
	VALUE_AUTO,	/* one whole JSON text is JSON, else a string */
	VALUE_STRING,	/* always a string */
	VALUE_JSON	/* must be JSON */
};

/* ARG as a value under MODE, or an invalid jv with a message. */
jv value_from_arg(const char *arg, enum value_mode mode);

/* ARG, the argument of option OPT (as "-N"), when it is UTF-8 text,
   which libjq keeps as written; else a usage error through argp. */
const char *value_text_arg(struct argp_state *state, const char *opt,
    const char *arg);

/* Whether V (borrowed) holds neither NaN nor an infinity anywhere: what
   libjq 1.6 reads from nan or Infinity, which JSON has not, and writes
   as null or 1.7976931348623157e+308. */
int value_finite(jv v);

/* The path (an array) to the first NaN or infinity in V (borrowed), or
   null when there is none. */
jv value_nonfinite_at(jv v);

/* The error for the number TEXT (N bytes), which libjq cannot hold
   exactly (parse_number_exact): what it would be, and (QUOTE) that
   quoted it is a string. */
jv value_inexact(const char *text, size_t n, int quote);

/* "a boolean", "a number", ... for the kind of X (borrowed). */
const char *value_kind(jv x);

/* Whether VALUE (borrowed) may replace BASE (borrowed): the same type,
   numbers being one type; null fits anywhere and takes anything. */
int value_fits(jv base, jv value);

/* Appends the text of VALUE (borrowed) in a run name: a string as is, a
   number as libjq prints it, true, false, null, an array as its elements'
   texts joined by "_". Returns 0, or -1 for an object (which needs a
   value name). */
int value_text(struct buf *b, jv value);

/* True when no two of VALUES (borrowed) are equal, else invalid with a
   message naming KEY and both as SPELLINGS (borrowed, an array of the
   values as written; null where there is none) has them. */
jv value_repeats(jv values, jv spellings, const char *key);

#endif
