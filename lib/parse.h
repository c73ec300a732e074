/* parse: a fast reader of strict JSON into jv values.  It takes only
   what RFC 8259 allows and libjq reads to the same value; anything else
   (jq's extensions such as nan, control characters in strings, lone
   surrogates, nesting near libjq's depth limit, errors) it leaves to
   libjq's parser, which then decides. */
#ifndef SWEEP_PARSE_H
#define SWEEP_PARSE_H

#include <stddef.h>
#include <jv.h>

enum parse_result {
	PARSE_OK,	/* *out holds the value, *end is just past it */
	PARSE_MORE,	/* the text ends inside the value: read more */
	PARSE_JQ	/* not for this parser: use libjq's */
};

/* Parses one value at P (up to LIMIT), which starts with the value's
   first byte. At LAST, the text ends at LIMIT for good. */
enum parse_result parse_value(const char *p, const char *limit, int last,
    jv *out, const char **end);

/* Checks the value at P as parse_value reads it, making nothing: the
   same results, *end just past it when PARSE_OK. */
enum parse_result parse_skip(const char *p, const char *limit, int last,
    const char **end);

struct span {
	const char *p;
	size_t len;
};

/* The values of the N members named KEYS of the object TEXT (LEN bytes
   of JSON as parse_skip accepts it, with no white space between its own
   members): returns 0 with OUT[i] the text of KEYS[i]'s value, or -1 when
   TEXT is not such an object, lacks a key, has one twice, or has a key
   spelled with an escape (which may be one of KEYS: libjq reads that
   object, and the last of equal keys wins). */
int parse_members(const char *text, size_t len, const char *const *keys,
    int n, struct span *out);

/* Whether the number TEXT (N bytes) is the number a double holds, as
   libjq 1.6 holds every number: not when it is too large, so small that
   it becomes 0 or loses digits below the normal range, or has more
   digits than its double (9007199254740993 is 9007199254740992). A
   text that is not a JSON number (jq's nan) is left to libjq: 1. */
int parse_number_exact(const char *text, size_t n);

/* The numbers in the JSON text TEXT (LEN bytes, which libjq read) that
   parse_number_exact refuses: an array of [path, text] pairs, in text
   order. */
jv parse_inexact(const char *text, size_t len);

/* Whether the N bytes at TEXT are UTF-8 as libjq keeps it: no overlong
   form, no surrogate, nothing past U+10FFFF (it writes U+FFFD for
   those). */
int parse_utf8(const char *text, size_t n);

/* What libjq would not keep as written in the JSON text TEXT (LEN bytes,
   which libjq read): a string or key that is not UTF-8 or holds a lone
   \uD800 to \uDFFF (it writes U+FFFD instead). Returns [path, what,
   fix] for the first one, or null. Sets *TWICE to the path of the first
   key given twice in one object, which libjq (as Python's json) keeps
   the last of, or null. */
jv parse_changed(const char *text, size_t len, jv *twice);

#endif
