/* json: a growable byte buffer and the JSON printer over jv values.
   libjq's jv_dump goes through a FILE or a jv string one character at a
   time; this one writes straight into a buffer, which is most of the cost
   of writing a config.  tests/json.bats holds it to jv_dump byte for byte. */
#include <limits.h>
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
	const char *literal = jv_number_get_literal(x);

	if (literal) {
		buf_adds(b, literal);
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

jv
json_number(const char *text, size_t n)
{
	char tmp[64], *copy = tmp;
	jv v;

	if (n >= sizeof tmp)
		copy = xmalloc(n + 1);
	memcpy(copy, text, n);
	copy[n] = '\0';
#ifdef HAVE_JV_NUMBER_LITERAL
	v = jv_number_with_literal(copy);
#else
	v = jv_number(strtod(copy, NULL));
#endif
	if (copy != tmp)
		free(copy);
	return v;
}

jv
json_string(const char *s, size_t n)
{
	if (n > INT_MAX)
		die("a string of %zu bytes, over the %d that libjq holds: "
		    "shorten it", n, INT_MAX);
	return jv_string_sized(s, (int)n);
}

jv
json_get(jv obj, const char *key)
{
	return jv_get_kind(obj) == JV_KIND_OBJECT ?
	    jv_object_get(jv_copy(obj), jv_string(key)) : jv_invalid();
}

int
json_has_members(jv x)
{
	switch (jv_get_kind(x)) {
	case JV_KIND_ARRAY: return jv_array_length(jv_copy(x)) > 0;
	case JV_KIND_OBJECT: return jv_object_length(jv_copy(x)) > 0;
	default: return 0;
	}
}

void
json_dump_members(struct buf *b, jv x, int indent, int level,
    json_member_fn *member, void *arg)
{
	int object = jv_get_kind(x) == JV_KIND_OBJECT, i = 0;

	buf_addc(b, object ? '{' : '[');
	if (!object) {
		jv_array_foreach(x, j, elem) {
			if (j)
				buf_addc(b, ',');
			if (indent)
				indent_to(b, indent * (level + 1));
			member(b, elem, jv_null(), j, level + 1, arg);
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
			member(b, value, key, i++, level + 1, arg);
			jv_free(key);
			jv_free(value);
		}
	}
	if (indent)
		indent_to(b, indent * level);
	buf_addc(b, object ? '}' : ']');
}

static void dump(struct buf *b, jv x, int indent, int level);

static void
dump_member(struct buf *b, jv value, jv key, int place, int level,
    void *indent)
{
	(void)key;
	(void)place;
	dump(b, value, *(int *)indent, level);
}

static void
dump(struct buf *b, jv x, int indent, int level)
{
	switch (jv_get_kind(x)) {
	case JV_KIND_NULL: buf_add(b, "null", 4); break;
	case JV_KIND_TRUE: buf_add(b, "true", 4); break;
	case JV_KIND_FALSE: buf_add(b, "false", 5); break;
	case JV_KIND_NUMBER: json_dump_number(b, x); break;
	case JV_KIND_STRING: json_dump_string(b, x); break;
	case JV_KIND_ARRAY:
	case JV_KIND_OBJECT:
		if (json_has_members(x))
			json_dump_members(b, x, indent, level, dump_member,
			    &indent);
		else
			buf_add(b, jv_get_kind(x) == JV_KIND_ARRAY ? "[]" :
			    "{}", 2);
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

void
json_dump_at(struct buf *b, jv x, int indent, int level)
{
	dump(b, x, indent, level);
}

/* Containers of the cached tree whose text is at least CACHE_MIN bytes
   (indented: CACHE_MIN_INDENTED): their value, where their text is in the
   cache's one print of the tree, and such containers among their
   children, with their places. Smaller parts print about as fast as they
   copy, and the nodes stay few beside the text. */
#define CACHE_MIN 64
#define CACHE_MIN_INDENTED 256

struct node {
	jv value;
	jv key;			/* in the parent object, else null */
	int place;		/* in the parent */
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
node_free(struct node *n)
{
	for (int i = 0; i < n->nkids; i++)
		node_free(&n->kids[i]);
	free(n->kids);
	jv_free(n->value);
	jv_free(n->key);
}

/* Keeps KID (consumed) among the kids of N when its text is long enough. */
static void
keep_kid(const struct json_cache *c, struct node *n, struct node *kid,
    int *cap)
{
	if (kid->len < (c->indent ? CACHE_MIN_INDENTED : CACHE_MIN)) {
		node_free(kid);
		return;
	}
	if (n->nkids == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		n->kids = xreallocarray(n->kids, (size_t)*cap, sizeof *n->kids);
	}
	n->kids[n->nkids++] = *kid;
}

static void cache_print(struct json_cache *c, struct node *n, jv x,
    int level);

/* Where cache_print is: the cache, and the node whose members it prints
   with the room for their kids. */
struct cache_walk {
	struct json_cache *c;
	struct node *n;
	int cap;
};

static void
cache_member(struct buf *b, jv value, jv key, int place, int level,
    void *arg)
{
	struct cache_walk *w = arg;
	struct node kid;

	(void)b;
	kid.key = jv_copy(key);
	kid.place = place;
	cache_print(w->c, &kid, value, level);
	keep_kid(w->c, w->n, &kid, &w->cap);
}

/* Prints X at LEVEL into the cache's text, once, noting in N where each
   long enough container's text is. */
static void
cache_print(struct json_cache *c, struct node *n, jv x, int level)
{
	struct cache_walk w = { c, n, 0 };

	n->value = jv_copy(x);
	n->off = c->text.len;
	n->nkids = 0;
	n->kids = NULL;
	if (json_has_members(x))
		json_dump_members(&c->text, x, c->indent, level, cache_member,
		    &w);
	else
		dump(&c->text, x, c->indent, level);
	n->len = c->text.len - n->off;
}

struct json_cache *
json_cache_new(jv tree, int indent)
{
	struct json_cache *c = xcalloc(1, sizeof *c);

	c->indent = indent;
	c->root.key = jv_null();
	cache_print(c, &c->root, tree, 0);
	return c;
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

/* The cached kid of N at PLACE, under KEY (borrowed) in an object, or
   NULL; *AT is where to look first (kids go in the order of places). */
static const struct node *
kid_at(const struct node *n, int place, jv key, int *at)
{
	int object = jv_get_kind(key) == JV_KIND_STRING;

	while (*at < n->nkids && n->kids[*at].place < place)
		(*at)++;
	if (*at < n->nkids && n->kids[*at].place == place && (!object ||
	    jv_equal(jv_copy(n->kids[*at].key), jv_copy(key))))
		return &n->kids[*at];
	if (!object)
		return NULL;
	for (int j = 0; j < n->nkids; j++)	/* a key moved */
		if (jv_equal(jv_copy(n->kids[j].key), jv_copy(key)))
			return &n->kids[j];
	return NULL;
}

static void dump_cached(struct buf *b, jv x, const struct json_cache *c,
    const struct node *n, int level);

/* Where dump_cached is: the cache, the cached node of the container
   whose members it prints, and where to look for the next kid. */
struct cached_walk {
	const struct json_cache *c;
	const struct node *n;
	int at;
};

static void
cached_member(struct buf *b, jv value, jv key, int place, int level,
    void *arg)
{
	struct cached_walk *w = arg;

	dump_cached(b, value, w->c, kid_at(w->n, place, key, &w->at), level);
}

static void
dump_cached(struct buf *b, jv x, const struct json_cache *c,
    const struct node *n, int level)
{
	struct cached_walk w = { c, n, 0 };

	if (n && jv_identical(jv_copy(x), jv_copy(n->value)))
		buf_add(b, c->text.p + n->off, n->len);
	else if (n && n->nkids && json_has_members(x) &&
	    jv_get_kind(x) == jv_get_kind(n->value))
		json_dump_members(b, x, c->indent, level, cached_member, &w);
	else
		dump(b, x, c->indent, level);
}

void
json_dump_cached(struct buf *b, jv x, const struct json_cache *c)
{
	dump_cached(b, x, c, &c->root, 0);
}

/* Canonical text: compact JSON exactly as json_dump prints it.  A
   container nests at most CANON_DEPTH deep and an object holds at most
   CANON_KEYS keys (to find duplicates, which libjq would merge); beyond
   that the text is not judged canonical and goes through jv values. */
#define CANON_DEPTH 200
#define CANON_KEYS 64
#define CANON_LITS 4096

struct lit {
	char *text;		/* NULL: free slot */
	size_t len;
	int ok;
};

struct level {
	int object;
	int nkeys;
	const char *key[CANON_KEYS];
	size_t klen[CANON_KEYS];
};

struct canon {
	struct lit lits[CANON_LITS];
	int nlits;
	struct level level[CANON_DEPTH];
};

struct canon *
canon_new(void)
{
	struct canon *c = xcalloc(1, sizeof *c);

	return c;
}

static void
forget_lits(struct canon *c)
{
	for (int i = 0; i < CANON_LITS; i++) {
		free(c->lits[i].text);
		c->lits[i].text = NULL;
	}
	c->nlits = 0;
}

void
canon_free(struct canon *c)
{
	if (!c)
		return;
	forget_lits(c);
	free(c);
}

/* Whether the number literal P (N bytes) is as json_dump prints it:
   short integers are; others are printed once and remembered. */
static int
canon_number(struct canon *c, const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	struct buf b = { 0 };
	size_t i, digits = n - (*p == '-');
	struct lit *l;
	jv v;

	if (digits <= 15 && !memchr(p, '.', n) && !memchr(p, 'e', n) &&
	    !memchr(p, 'E', n))
		return 1;
	if (n >= 64)
		return 0;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	for (i = h % CANON_LITS; (l = &c->lits[i])->text;
	    i = (i + 1) % CANON_LITS)
		if (l->len == n && !memcmp(l->text, p, n))
			return l->ok;
	if (c->nlits >= CANON_LITS / 2) {
		forget_lits(c);
		return canon_number(c, p, n);
	}
	v = json_number(p, n);
	json_dump_number(&b, v);
	jv_free(v);
	l->text = xmalloc(n);
	memcpy(l->text, p, n);
	l->len = n;
	l->ok = b.len == n && !memcmp(b.p, p, n);
	c->nlits++;
	buf_free(&b);
	return l->ok;
}

size_t
utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], cp;
	size_t n;

	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

/* Whether the string at P (its opening quote) up to its closing quote,
   returned in *END, is escaped as json_dump_string escapes. */
static int
canon_string(const char *p, const char *limit, const char **end)
{
	const unsigned char *s = (const unsigned char *)p + 1;
	const unsigned char *e = (const unsigned char *)limit;

	for (;;) {
		while (s < e && *s >= 0x20 && *s < 0x7f && *s != '"' &&
		    *s != '\\')
			s++;
		if (s == e)
			return 0;
		if (*s == '"')
			break;
		if (*s == '\\') {
			unsigned c;

			if (e - s < 2)
				return 0;
			if (strchr("\"\\bfnrt", s[1]) && s[1]) {
				s += 2;
				continue;
			}
			if (s[1] != 'u' || e - s < 6 || s[2] != '0' ||
			    s[3] != '0' || !strchr("0123456789abcdef", s[4]) ||
			    !strchr("0123456789abcdef", s[5]) || !s[4] || !s[5])
				return 0;
			c = (unsigned)((s[4] >= 'a' ? s[4] - 'a' + 10 :
			    s[4] - '0') << 4 | (s[5] >= 'a' ? s[5] - 'a' + 10 :
			    s[5] - '0'));
			if (!(c < 0x20 || c == 0x7f) ||
			    (c && strchr("\b\t\n\f\r", (int)c)))
				return 0;
			s += 6;
			continue;
		}
		if (*s < 0x80) {
			return 0;	/* a control character, or DEL */
		} else {
			size_t n = utf8_len(s, e);

			if (!n)
				return 0;
			s += n;
		}
	}
	*end = (const char *)s + 1;
	return 1;
}

/* Whether key K (its text with quotes, N bytes) is new in level L. */
static int
new_key(struct level *l, const char *k, size_t n)
{
	for (int i = 0; i < l->nkeys; i++)
		if (l->klen[i] == n && !memcmp(l->key[i], k, n))
			return 0;
	if (l->nkeys == CANON_KEYS)
		return 0;
	l->key[l->nkeys] = k;
	l->klen[l->nkeys++] = n;
	return 1;
}

int
json_reindent(struct canon *c, struct buf *b, const char *text, size_t len,
    int indent)
{
	const char *p = text, *end = text + len, *q;
	size_t mark = b->len;
	int depth = 0, want_key = 0;

	while (p < end) {
		switch (*p) {
		case '{':
		case '[':
			if (p + 1 < end && (p[1] == '}' || p[1] == ']')) {
				buf_add(b, p, 2);
				p += 2;
				break;
			}
			if (depth == CANON_DEPTH)
				goto no;
			c->level[depth].object = *p == '{';
			c->level[depth].nkeys = 0;
			want_key = *p == '{';
			buf_addc(b, *p++);
			if (indent)
				indent_to(b, indent * ++depth);
			else
				depth++;
			break;
		case '}':
		case ']':
			depth--;
			if (indent)
				indent_to(b, indent * depth);
			buf_addc(b, *p++);
			break;
		case ',':
			want_key = c->level[depth - 1].object;
			buf_addc(b, *p++);
			if (indent)
				indent_to(b, indent * depth);
			break;
		case ':':
			buf_add(b, ": ", indent ? 2 : 1);
			p++;
			break;
		case '"':
			if (!canon_string(p, end, &q) || (want_key &&
			    !new_key(&c->level[depth - 1], p, (size_t)(q - p))))
				goto no;
			want_key = 0;
			buf_add(b, p, (size_t)(q - p));
			p = q;
			break;
		case 't':
			buf_add(b, p, 4), p += 4;
			break;
		case 'n':
			buf_add(b, p, 4), p += 4;
			break;
		case 'f':
			buf_add(b, p, 5), p += 5;
			break;
		default:
			if (*p != '-' && (*p < '0' || *p > '9'))
				goto no;	/* white space */
			for (q = p + 1; q < end && strchr("0123456789.eE+-", *q) &&
			    *q; q++)
				;
			if (!canon_number(c, p, (size_t)(q - p)))
				goto no;
			buf_add(b, p, (size_t)(q - p));
			p = q;
		}
	}
	return 0;
no:
	b->len = mark;
	return -1;
}

/* The end of the string whose opening quote is at P. */
static const char *
skip_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		const char *b = q;

		if (!q)
			return end;
		while (b > p && b[-1] == '\\')
			b--;
		if ((q - b) % 2 == 0)
			return q + 1;
		p = q;
	}
	return end;
}

const char *
json_canon_skip(const char *p, const char *end)
{
	int depth = 0;

	do {
		switch (*p) {
		case '"':
			p = skip_string(p, end);
			break;
		case '{':
		case '[':
			depth++;
			p++;
			break;
		case '}':
		case ']':
			depth--;
			p++;
			break;
		case ',':
		case ':':
			p++;
			break;
		default:
			while (p < end && *p != ',' && *p != '}' && *p != ']')
				p++;
		}
	} while (depth > 0 && p < end);
	return p;
}

const char *
json_canon_member(const char *obj, size_t len, const char *key, size_t klen,
    size_t *vlen)
{
	const char *p = obj + 1, *end = obj + len, *k, *v, *e;

	if (len < 2 || *obj != '{' || obj[1] == '}')
		return NULL;
	for (;;) {
		k = skip_string(p, end);	/* past the key's closing quote */
		v = k + 1;			/* past the colon */
		e = json_canon_skip(v, end);
		if ((size_t)(k - p) == klen + 2 && !memcmp(p + 1, key, klen)) {
			*vlen = (size_t)(e - v);
			return v;
		}
		if (e >= end || *e != ',')
			return NULL;
		p = e + 1;
	}
}
