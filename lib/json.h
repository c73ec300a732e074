/* json: a growable byte buffer and the JSON printer over jv values. */
#ifndef SWEEP_JSON_H
#define SWEEP_JSON_H

#include <stddef.h>
#include <string.h>
#include <jv.h>

struct buf {
	char *p;
	size_t len, cap;
};

/* JSON's white space (RFC 8259): space, tab, line feed, carriage
   return; JSON_WS as strspn takes it. */
#define JSON_WS " \t\n\r"

static inline int
json_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Makes room for NEED more bytes; dies when memory runs out. */
void buf_grow(struct buf *b, size_t need);
void buf_free(struct buf *b);

static inline void
buf_add(struct buf *b, const void *s, size_t n)
{
	if (n == 0)
		return;		/* b->p may still be NULL */
	if (b->cap - b->len < n)
		buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static inline void
buf_addc(struct buf *b, char c)
{
	if (b->len == b->cap)
		buf_grow(b, 1);
	b->p[b->len++] = c;
}

static inline void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends X (borrowed) as JSON: compact when INDENT is 0, else pretty
   with INDENT spaces a level, byte for byte as jv_dump_string prints it
   (key order kept, numbers as libjq prints them). */
void json_dump(struct buf *b, jv x, int indent);

/* json_dump of X (borrowed) as it prints at nesting LEVEL of a bigger
   value: its inner lines indented INDENT * (LEVEL + 1) spaces. */
void json_dump_at(struct buf *b, jv x, int indent, int level);

/* The string of the N bytes at S (libjq's jv_string_sized, which takes
   an int); dies when N is over the INT_MAX bytes a libjq string holds,
   where libjq would abort or cut the string short. */
jv json_string(const char *s, size_t n);

/* The member KEY of OBJ (borrowed): invalid when OBJ is not an object
   or has no KEY. */
jv json_get(jv obj, const char *key);

/* Whether X (borrowed) is an array or object with members. */
int json_has_members(jv x);

/* Prints the members of X (borrowed), an array or object with members,
   at nesting LEVEL as json_dump_at would: brackets, commas, newlines and
   keys, each member's value through MEMBER(B, VALUE, KEY, PLACE, LEVEL +
   1, ARG), its key null in an array, both borrowed. */
typedef void json_member_fn(struct buf *b, jv value, jv key, int place,
    int level, void *arg);
void json_dump_members(struct buf *b, jv x, int indent, int level,
    json_member_fn *member, void *arg);

/* Appends the JSON string literal for the string X (borrowed). */
void json_dump_string(struct buf *b, jv x);

/* The number whose JSON text is TEXT (N bytes), as libjq reads it: with
   its literal where libjq keeps literals (1.7), else its double. */
jv json_number(const char *text, size_t n);

/* Appends the number X (borrowed) as libjq prints it. */
void json_dump_number(struct buf *b, jv x);

/* The printed text of every container of a tree, kept so that a tree
   sharing parts with it (jv_setpath copies only along the path it sets)
   prints those parts by copying their text. */
struct json_cache;

/* Prints TREE (borrowed; the cache keeps a reference) with INDENT. */
struct json_cache *json_cache_new(jv tree, int indent);
void json_cache_free(struct json_cache *c);

/* Appends X (borrowed) as json_dump(b, x, indent) would, taking the text
   of every part identical to the cached tree's at the same place from the
   cache. */
void json_dump_cached(struct buf *b, jv x, const struct json_cache *c);

/* The length of the valid UTF-8 sequence of two to four bytes at P
   (before END), or 0. */
size_t utf8_len(const unsigned char *p, const unsigned char *end);

/* What json_reindent remembers between calls: the number literals it
   has judged. */
struct canon;

struct canon *canon_new(void);
void canon_free(struct canon *c);

/* If TEXT (LEN bytes of JSON, as parse_skip accepts it) is exactly what
   json_dump prints compact of its value, appends what json_dump prints
   with INDENT and returns 0; else returns -1, leaving B as it was. */
int json_reindent(struct canon *c, struct buf *b, const char *text,
    size_t len, int indent);

/* In canonical text (as json_reindent takes it): the end of the value
   that starts at P, before END. */
const char *json_canon_skip(const char *p, const char *end);

/* In canonical text: the value of member KEY (KLEN bytes, written as in
   the text, without quotes) of the object OBJ (LEN bytes), or NULL; its
   length in *VLEN. */
const char *json_canon_member(const char *obj, size_t len, const char *key,
    size_t klen, size_t *vlen);

#endif
