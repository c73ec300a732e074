/* json: a growable byte buffer and the JSON printer over jv values.
   libjq's jv_dump goes through a FILE or a jv string one character at a
   time; this one writes straight into a buffer, which is most of the cost
   of writing a config.  tests/json.bats holds it to jv_dump byte for byte. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "die.h"
#include "json.h"

void
buf_grow(struct buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	while (cap - b->len < need)
		cap *= 2;
	if (!(p = realloc(b->p, cap)))
		die("out of memory: the value is too large");
	b->p = p;
	b->cap = cap;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

static void
indent_to(struct buf *b, int n)
{
	if (b->cap - b->len < (size_t)n + 1)
		buf_grow(b, (size_t)n + 1);
	b->p[b->len++] = '\n';
	memset(b->p + b->len, ' ', (size_t)n);
	b->len += (size_t)n;
}

void
json_dump_string(struct buf *b, jv x)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)jv_string_value(x);
	size_t n = (size_t)jv_string_length_bytes(jv_copy(x));
	size_t run = 0;

	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		const char *esc;
		char u[6];

		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			buf_add(b, u, 6);
			continue;
		}
		buf_adds(b, esc);
	}
	buf_add(b, s + run, n - run);
	buf_addc(b, '"');
}

/* Integers below 1e16 print as their digits in libjq; the rest go
   through libjq's own formatting (jvp_dtoa_fmt, or the literal in 1.7). */
void
json_dump_number(struct buf *b, jv x)
{
	double d = jv_number_value(x);
	char digits[24], *p = digits + sizeof digits;
	uint64_t u;
	jv s;

#ifdef HAVE_JV_NUMBER_LITERAL
	if (jv_number_has_literal(x)) {
		buf_adds(b, jv_number_get_literal(x));
		return;
	}
#endif
	if (d > -1e16 && d < 1e16 && d == (double)(int64_t)d &&
	    !(d == 0 && signbit(d))) {
		u = d < 0 ? (uint64_t)-(int64_t)d : (uint64_t)d;
		do
			*--p = (char)('0' + u % 10);
		while (u /= 10);
		if (d < 0)
			*--p = '-';
		buf_add(b, p, (size_t)(digits + sizeof digits - p));
		return;
	}
	s = jv_dump_string(jv_copy(x), 0);
	buf_adds(b, jv_string_value(s));
	jv_free(s);
}

static void
dump(struct buf *b, jv x, int indent, int level)
{
	int first = 1;

	switch (jv_get_kind(x)) {
	case JV_KIND_NULL: buf_add(b, "null", 4); break;
	case JV_KIND_TRUE: buf_add(b, "true", 4); break;
	case JV_KIND_FALSE: buf_add(b, "false", 5); break;
	case JV_KIND_NUMBER: json_dump_number(b, x); break;
	case JV_KIND_STRING: json_dump_string(b, x); break;
	case JV_KIND_ARRAY:
		if (jv_array_length(jv_copy(x)) == 0) {
			buf_add(b, "[]", 2);
			break;
		}
		buf_addc(b, '[');
		jv_array_foreach(x, i, elem) {
			if (!first)
				buf_addc(b, ',');
			first = 0;
			if (indent)
				indent_to(b, indent * (level + 1));
			dump(b, elem, indent, level + 1);
			jv_free(elem);
		}
		if (indent)
			indent_to(b, indent * level);
		buf_addc(b, ']');
		break;
	case JV_KIND_OBJECT:
		if (jv_object_length(jv_copy(x)) == 0) {
			buf_add(b, "{}", 2);
			break;
		}
		buf_addc(b, '{');
		jv_object_foreach(x, key, value) {
			if (!first)
				buf_addc(b, ',');
			first = 0;
			if (indent)
				indent_to(b, indent * (level + 1));
			json_dump_string(b, key);
			if (indent)
				buf_add(b, ": ", 2);
			else
				buf_addc(b, ':');
			dump(b, value, indent, level + 1);
			jv_free(key);
			jv_free(value);
		}
		if (indent)
			indent_to(b, indent * level);
		buf_addc(b, '}');
		break;
	default:
		buf_add(b, "null", 4);
	}
}

void
json_dump(struct buf *b, jv x, int indent)
{
	dump(b, x, indent, 0);
}
