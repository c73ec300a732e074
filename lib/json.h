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

/* Appends the JSON string literal for the string X (borrowed). */
void json_dump_string(struct buf *b, jv x);

/* Appends the number X (borrowed) as libjq prints it. */
void json_dump_number(struct buf *b, jv x);

#endif
