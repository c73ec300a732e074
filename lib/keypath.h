/* keypath: a key as the user writes it, resolved to paths into a config.
   A dotted key ("algo.rnn.enabled", "/" separates too; an all-digit part
   indexes an array where the config has one) or, when it starts with ".",
   a jq path expression compiled once, which may name several places. */
#ifndef SWEEP_KEYPATH_H
#define SWEEP_KEYPATH_H

#include <stddef.h>
#include <jv.h>

struct keypath;

/* Compiles KEY. On error returns NULL and sets *ERR to an invalid jv
   with the message. */
struct keypath *keypath_compile(const char *key, jv *err);
void keypath_free(struct keypath *kp);
const char *keypath_key(const struct keypath *kp);

/* The parts of a dotted key (an array of strings), or null for a jq
   path expression. */
jv keypath_parts(const struct keypath *kp);

/* The places KP names in CONFIG (borrowed): a sorted array of paths
   (arrays of strings and indexes), none inside another. With CREATE,
   places that do not exist yet are allowed. Returns an invalid jv with
   a message ("no key ...: did you mean ...?") on error. */
jv keypath_resolve(struct keypath *kp, jv config, int create);

/* PATH (consumed) as a user writes it: dotted where every key can be,
   else a jq path expression (.a["odd.key"][0]). */
jv keypath_text(jv path);

/* Calls FN with the text of every path in CONFIG (borrowed), parents
   before children, object keys in their order, array elements by index,
   each as keypath_text writes it (LEN bytes, not NUL-terminated, valid
   during the call), without a jv for every path, for big configs. */
void keypath_each(jv config,
    void (*fn)(const char *text, size_t len, void *arg), void *arg);

/* The length of the key TEXT (LEN bytes, as keypath_text writes it) up
   to the first part that starts at or after byte FROM, with the '.' or
   '[' that starts it; LEN when no part starts there. What completion
   offers, one level at a time: "algo.rnn" and "algo.rnn." for "algo.r"
   (FROM 6) and every key below algo.rnn. */
size_t keypath_level(const char *text, size_t len, size_t from);

/* The most parts a path may have: a run holding a deeper config could
   not be read back (libjq 1.6 parses 256 levels at most, where an
   object counts two: 128 objects, less the run and the config). */
#define KEYPATH_MAX_PARTS 120

/* Whether setting PATH (borrowed) in CONFIG (borrowed) stays in bounds:
   at most KEYPATH_MAX_PARTS parts; where it leaves the existing places,
   a key goes into an object (or a new one), an index at most one past
   the end of an array (0 for a new one). jv_true(), or invalid with a
   message about KEY. */
jv keypath_settable(jv config, jv path, const char *key);

/* The value at PATH (borrowed) in CONFIG (borrowed), or an invalid jv
   without message when some part of PATH does not exist. */
jv keypath_get(jv config, jv path);

/* Whether the dotted keys A and B are one, as written: a leading "."
   aside, "/" and "." alike (experiment.name, .experiment/name). */
int keypath_same_key(const char *a, const char *b);

/* Whether path A (borrowed) equals B (borrowed) or is a prefix of it. */
int keypath_within(jv a, jv b);

/* The edit distance from A to the N bytes of B (Levenshtein's: one for
   each byte put in, left out or changed), with ROW room for N + 1
   counts. */
size_t keypath_distance(const char *a, const char *b, size_t n,
    size_t *row);

/* The key text of CONFIG (borrowed) KEY most likely meant, or a
   NULL-kind jv when none is close: first a key whose last parts are KEY
   (optim.momentum for momentum;
   "A or B" when several do), then, for KEY ending in an index past
   an array's end, the array's last index, then the closest spelling. */
jv keypath_suggest(jv config, const char *key);

#endif
