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

/* A container of the cached tree: its value, where its text is in the
   cache's buffer, and its children in order (with their keys). */
struct node {
	jv value;
	jv key;			/* in the parent object, else null */
	size_t off, len;
	int nkids;
	struct node *kids;
};

struct json_cache {
	struct buf text;
	struct node root;
	int indent;
};

static void
cache_build(struct json_cache *c, struct node *n, jv x, int level)
{
	jv_kind k = jv_get_kind(x);
	int i = 0;

	n->value = jv_copy(x);
	n->off = c->text.len;
	dump(&c->text, x, c->indent, level);
	n->len = c->text.len - n->off;
	n->nkids = 0;
	n->kids = NULL;
	if (k == JV_KIND_ARRAY)
		n->nkids = jv_array_length(jv_copy(x));
	else if (k == JV_KIND_OBJECT)
		n->nkids = jv_object_length(jv_copy(x));
	if (n->nkids && !(n->kids = calloc((size_t)n->nkids, sizeof *n->kids)))
		die("out of memory");
	if (k == JV_KIND_ARRAY) {
		jv_array_foreach(x, j, elem) {
			n->kids[j].key = jv_null();
			cache_build(c, &n->kids[j], elem, level + 1);
			jv_free(elem);
		}
	} else if (k == JV_KIND_OBJECT) {
		jv_object_foreach(x, key, value) {
			n->kids[i].key = key;
			cache_build(c, &n->kids[i++], value, level + 1);
			jv_free(value);
		}
	}
}

struct json_cache *
json_cache_new(jv tree, int indent)
{
	struct json_cache *c = calloc(1, sizeof *c);

	if (!c)
		die("out of memory");
	c->indent = indent;
	cache_build(c, &c->root, tree, 0);
	return c;
}

static void
node_free(struct node *n)
{
	for (int i = 0; i < n->nkids; i++)
		node_free(&n->kids[i]);
	free(n->kids);
	jv_free(n->value);
	jv_free(n->key);
}

void
json_cache_free(struct json_cache *c)
{
	if (!c)
		return;
	node_free(&c->root);
	buf_free(&c->text);
	free(c);
}

/* The cached child of N under KEY (borrowed), looked for first at I. */
static const struct node *
kid_by_key(const struct node *n, jv key, int i)
{
	if (i < n->nkids && jv_equal(jv_copy(n->kids[i].key), jv_copy(key)))
		return &n->kids[i];
	for (int j = 0; j < n->nkids; j++)
		if (j != i && jv_equal(jv_copy(n->kids[j].key), jv_copy(key)))
			return &n->kids[j];
	return NULL;
}

static void
dump_cached(struct buf *b, jv x, const struct json_cache *c,
    const struct node *n, int level)
{
	int indent = c->indent, i = 0;
	jv_kind k = jv_get_kind(x);

	if (n && jv_identical(jv_copy(x), jv_copy(n->value))) {
		buf_add(b, c->text.p + n->off, n->len);
		return;
	}
	if (!n || k != jv_get_kind(n->value) || (k != JV_KIND_OBJECT &&
	    k != JV_KIND_ARRAY) || (k == JV_KIND_OBJECT ?
	    jv_object_length(jv_copy(x)) : jv_array_length(jv_copy(x))) == 0) {
		dump(b, x, indent, level);
		return;
	}
	buf_addc(b, k == JV_KIND_OBJECT ? '{' : '[');
	if (k == JV_KIND_ARRAY) {
		jv_array_foreach(x, j, elem) {
			if (j)
				buf_addc(b, ',');
			if (indent)
				indent_to(b, indent * (level + 1));
			dump_cached(b, elem, c, j < n->nkids ? &n->kids[j] : NULL,
			    level + 1);
			jv_free(elem);
		}
	} else {
		jv_object_foreach(x, key, value) {
			if (i)
				buf_addc(b, ',');
			if (indent)
				indent_to(b, indent * (level + 1));
			json_dump_string(b, key);
			buf_add(b, ": ", indent ? 2 : 1);
			dump_cached(b, value, c, kid_by_key(n, key, i++),
			    level + 1);
			jv_free(key);
			jv_free(value);
		}
	}
	if (indent)
		indent_to(b, indent * level);
	buf_addc(b, k == JV_KIND_OBJECT ? '}' : ']');
}

void
json_dump_cached(struct buf *b, jv x, const struct json_cache *c)
{
	dump_cached(b, x, c, &c->root, 0);
}
