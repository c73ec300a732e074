/* parse: a fast reader of strict JSON into jv values. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "json.h"
#include "parse.h"

/* libjq 1.6 refuses nesting past 256; give it the deep ones. */
#define MAX_DEPTH 200

struct parser {
	const char *p, *limit;
	int last;
	int build;		/* make jv values, or only check the text */
	int more;		/* ran out of text */
	int jq;			/* not strict JSON */
	struct buf scratch;
};

static int
fail_jq(struct parser *s)
{
	s->jq = 1;
	return 0;
}

/* The text ran out: read more, or, at its very end, let libjq say why. */
static int
fail_more(struct parser *s)
{
	if (s->last)
		return fail_jq(s);
	s->more = 1;
	return 0;
}

static void
skip_ws(struct parser *s)
{
	while (s->p < s->limit && json_ws(*s->p))
		s->p++;
}

/* After a number or a literal, libjq reads on while the characters could
   belong to it; so must we, to agree on where it ends. */
static int
token_end(struct parser *s)
{
	char c;

	if (s->p == s->limit)
		return s->last ? 1 : fail_more(s);
	c = *s->p;
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-')
		return fail_jq(s);
	return 1;
}

static int
literal(struct parser *s, const char *word, size_t n)
{
	size_t have = (size_t)(s->limit - s->p);

	if (have < n)
		return memcmp(s->p, word, have) ? fail_jq(s) : fail_more(s);
	if (memcmp(s->p, word, n))
		return fail_jq(s);
	s->p += n;
	return token_end(s);
}

static int
digits(struct parser *s)
{
	const char *start = s->p;

	while (s->p < s->limit && *s->p >= '0' && *s->p <= '9')
		s->p++;
	if (s->p == s->limit && !s->last)
		return fail_more(s);
	return s->p > start ? 1 : fail_jq(s);
}

static int
number(struct parser *s, jv *out)
{
	const char *start = s->p;
	int plain = 1;

	if (*s->p == '-')
		s->p++;
	if (s->p < s->limit && *s->p == '0' && s->p + 1 < s->limit &&
	    s->p[1] >= '0' && s->p[1] <= '9')
		return fail_jq(s);
	if (!digits(s))
		return 0;
	if (s->p < s->limit && *s->p == '.') {
		s->p++;
		plain = 0;
		if (!digits(s))
			return 0;
	}
	if (s->p < s->limit && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		plain = 0;
		if (s->p < s->limit && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!digits(s))
			return 0;
	}
	if (!token_end(s))
		return 0;
	if (!s->build)
		return 1;
	if (plain && s->p - start <= 15) {
		int64_t v = 0;

		for (const char *q = *start == '-' ? start + 1 : start; q < s->p; q++)
			v = v * 10 + (*q - '0');
		*out = jv_number(*start == '-' ? -(double)v : (double)v);
		return 1;
	}
	*out = json_number(start, (size_t)(s->p - start));
	return 1;
}

static int
hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

static void
put_utf8(struct buf *b, unsigned c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* One escape at s->p (just past the backslash) into the scratch buffer. */
static int
escape(struct parser *s)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	unsigned c, lo;

	if (s->p == s->limit)
		return fail_more(s);
	if (*s->p != 'u') {
		if (!(hit = memchr(from, *s->p, sizeof from - 1)))
			return fail_jq(s);
		buf_addc(&s->scratch, to[hit - from]);
		s->p++;
		return 1;
	}
	if (s->limit - s->p < 11 && !s->last)
		return fail_more(s);
	if (s->limit - s->p < 5 || !hex4(s->p + 1, &c))
		return fail_jq(s);
	s->p += 5;
	if (c >= 0xDC00 && c <= 0xDFFF)
		return fail_jq(s);
	if (c >= 0xD800 && c <= 0xDBFF) {
		if (s->limit - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
		    !hex4(s->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return fail_jq(s);
		s->p += 6;
		c = 0x10000 + ((c - 0xD800) << 10 | (lo - 0xDC00));
	}
	put_utf8(&s->scratch, c);
	return 1;
}

/* Bytes that a string holds as they are: printable ASCII and UTF-8,
   which libjq checks (jv_string_sized replaces bad sequences as its own
   parser does). */
static int
string(struct parser *s, jv *out)
{
	const char *start = ++s->p;
	int escaped = 0;

	s->scratch.len = 0;
	for (;;) {
		const char *q = s->p;

		while (q < s->limit && *q != '"' && *q != '\\' &&
		    (unsigned char)*q >= 0x20)
			q++;
		if (escaped)
			buf_add(&s->scratch, s->p, (size_t)(q - s->p));
		s->p = q;
		if (q == s->limit)
			return fail_more(s);
		if (*q == '"')
			break;
		if (*q != '\\')
			return fail_jq(s);
		if (!escaped) {
			buf_add(&s->scratch, start, (size_t)(q - start));
			escaped = 1;
		}
		s->p++;
		if (!escape(s))
			return 0;
	}
	if (!s->build)
		;
	else if (escaped)
		*out = json_string(s->scratch.p, s->scratch.len);
	else
		*out = json_string(start, (size_t)(s->p - start));
	s->p++;
	return 1;
}

static int value(struct parser *s, jv *out, int depth);

/* After a member of an array or object: 1 past a comma (another member
   follows), 0 past CLOSE (the container ends), -1 when the text runs out
   or is not JSON. */
static int
after_member(struct parser *s, char close)
{
	skip_ws(s);
	if (s->p == s->limit)
		return fail_more(s), -1;
	if (*s->p == close) {
		s->p++;
		return 0;
	}
	if (*s->p++ != ',')
		return fail_jq(s), -1;
	skip_ws(s);
	return 1;
}

static int
array(struct parser *s, jv *out, int depth)
{
	jv a = s->build ? jv_array() : jv_null(), v = jv_null();
	int more;

	s->p++;
	skip_ws(s);
	if (s->p < s->limit && *s->p == ']') {
		s->p++;
		*out = a;
		return 1;
	}
	for (;;) {
		if (!value(s, &v, depth + 1))
			break;
		if (s->build)
			a = jv_array_append(a, v);
		if ((more = after_member(s, ']')) == 0) {
			*out = a;
			return 1;
		}
		if (more < 0)
			break;
	}
	jv_free(a);
	return 0;
}

static int
object(struct parser *s, jv *out, int depth)
{
	jv o = s->build ? jv_object() : jv_null(), k = jv_null(), v = jv_null();
	int more;

	s->p++;
	skip_ws(s);
	if (s->p < s->limit && *s->p == '}') {
		s->p++;
		*out = o;
		return 1;
	}
	for (;;) {
		if (s->p == s->limit) {
			fail_more(s);
			break;
		}
		if (*s->p != '"') {
			fail_jq(s);
			break;
		}
		if (!string(s, &k))
			break;
		skip_ws(s);
		if (s->p == s->limit || *s->p != ':') {
			s->p == s->limit ? fail_more(s) : fail_jq(s);
			jv_free(k);
			break;
		}
		s->p++;
		skip_ws(s);
		if (!value(s, &v, depth + 1)) {
			jv_free(k);
			break;
		}
		if (s->build)
			o = jv_object_set(o, k, v);
		if ((more = after_member(s, '}')) == 0) {
			*out = o;
			return 1;
		}
		if (more < 0)
			break;
	}
	jv_free(o);
	return 0;
}

static int
value(struct parser *s, jv *out, int depth)
{
	if (s->p == s->limit)
		return fail_more(s);
	if (depth > MAX_DEPTH)
		return fail_jq(s);
	switch (*s->p) {
	case '{': return object(s, out, depth);
	case '[': return array(s, out, depth);
	case '"': return string(s, out);
	case 't': *out = jv_true(); return literal(s, "true", 4);
	case 'f': *out = jv_false(); return literal(s, "false", 5);
	case 'n': *out = jv_null(); return literal(s, "null", 4);
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return number(s, out);
		return fail_jq(s);
	}
}

/* parse_value with BUILD, else parse_skip (OUT unused). */
static enum parse_result
parse(const char *p, const char *limit, int last, int build, jv *out,
    const char **end)
{
	struct parser s = { p, limit, last, build, 0, 0, { 0 } };
	int ok = value(&s, out, 0);

	buf_free(&s.scratch);
	if (ok) {
		*end = s.p;
		return PARSE_OK;
	}
	return s.jq ? PARSE_JQ : PARSE_MORE;
}

enum parse_result
parse_value(const char *p, const char *limit, int last, jv *out,
    const char **end)
{
	return parse(p, limit, last, 1, out, end);
}

enum parse_result
parse_skip(const char *p, const char *limit, int last, const char **end)
{
	jv unused = jv_null();

	return parse(p, limit, last, 0, &unused, end);
}

int
parse_members(const char *text, size_t len, const char *const *keys, int n,
    struct span *out)
{
	const char *p = text + 1, *end = text + len, *k, *v;
	int found = 0;

	for (int i = 0; i < n; i++)
		out[i].p = NULL;
	if (len < 2 || *text != '{')
		return -1;
	if (*p == '}')
		return -1;
	for (;;) {
		/* a key spelled with an escape may be one of KEYS: libjq
		   decides which of the two counts */
		if (p == end || *p != '"' ||
		    parse_skip(p, end, 1, &k) != PARSE_OK || k == end ||
		    *k != ':' || memchr(p, '\\', (size_t)(k - p)))
			return -1;
		v = k + 1;
		if (parse_skip(v, end, 1, &k) != PARSE_OK)
			return -1;
		for (int i = 0; i < n; i++) {
			size_t kl = strlen(keys[i]);

			if ((size_t)(v - 1 - p) == kl + 2 &&
			    !memcmp(p + 1, keys[i], kl)) {
				if (out[i].p)
					return -1;
				out[i].p = v;
				out[i].len = (size_t)(k - v);
				found++;
			}
		}
		if (k == end)
			return -1;
		if (*k == '}')
			return k + 1 == end && found == n ? 0 : -1;
		if (*k != ',')
			return -1;
		p = k + 1;
	}
}

/* The digits of the decimal at P (up to END) without leading and
   trailing zeros, into D (room for CAP), and the exponent of its first
   digit: 1.5e3 and 01500 are "15" at 3. Returns how many digits, 0 for
   a zero, -1 when P is not in JSON's form, -2 when it has more than
   CAP. */
static int
decimal(const char *p, const char *end, char *d, int cap, long *exp)
{
	long point = 0, e = 0;
	int n = 0, seen = 0, neg = 0;

	if (p < end && *p == '-')
		p++;
	for (int frac = 0; p < end && (isdigit((unsigned char)*p) ||
	    (*p == '.' && !frac)); p++) {
		if (*p == '.') {
			frac = 1;
			continue;
		}
		seen = 1;
		if (n == 0 && *p == '0') {
			point -= frac;	/* 0.001: the point moves */
			continue;
		}
		if (n == cap)
			return -2;
		d[n++] = *p;
		point += !frac;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			neg = *p++ == '-';
		if (p == end)
			return -1;
		for (; p < end && isdigit((unsigned char)*p); p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
	}
	if (p != end || !seen)
		return -1;
	while (n > 0 && d[n - 1] == '0')
		n--;
	*exp = point - 1 + (neg ? -e : e);
	return n;
}

int
parse_number_exact(const char *text, size_t n)
{
	char d[800], e[820], tmp[64], *copy = n < sizeof tmp ? tmp :
	    xmalloc(n + 1), *x;
	double v;
	long exp;
	int nd = decimal(text, text + n, d, (int)sizeof d, &exp), ne = 0;

	memcpy(copy, text, n);
	copy[n] = '\0';
	v = strtod(copy, NULL);
	if (copy != tmp)
		free(copy);
	if (nd == -1)
		return 1;
	if (nd == -2 || !isfinite(v))
		return 0;	/* more digits than any double has */
	if (nd == 0 || (nd <= DBL_DIG && isnormal(v)))
		return 1;
	if (v == 0)
		return 0;
	/* the double's own digits, as many as written, exactly */
	snprintf(e, sizeof e, "%.*e", nd - 1, fabs(v));
	for (x = e; *x && *x != 'e'; x++)
		if (*x != '.')
			e[ne++] = *x;
	return ne == nd && !memcmp(e, d, (size_t)nd) &&
	    strtol(x + 1, NULL, 10) == exp;
}

/* Where parse_inexact is: a container, and the key or index in it. */
struct level {
	const char *key;	/* the key's text, quotes included */
	size_t keylen;
	long index;		/* -1 in an object */
};

/* The path of the N levels of L, up to the first whose key it does not
   know (malformed text that libjq took). */
static jv
levels_path(const struct level *l, int n)
{
	jv path = jv_array(), key;
	const char *end;

	for (int i = 0; i < n; i++) {
		if (l[i].index >= 0) {
			path = jv_array_append(path, jv_number(l[i].index));
			continue;
		}
		if (!l[i].key || l[i].keylen < 2)
			break;
		if (parse_value(l[i].key, l[i].key + l[i].keylen, 1, &key,
		    &end) != PARSE_OK)
			key = jv_string_sized(l[i].key + 1,
			    (int)l[i].keylen - 2);
		path = jv_array_append(path, key);
	}
	return path;
}

/* At a comma in the N levels of L: the next index of an array, or 1
   when a key comes next. */
static int
comma(struct level *l, int n)
{
	if (n > 0 && l[n - 1].index >= 0) {
		l[n - 1].index++;
		return 0;
	}
	return 1;
}

/* Past the string at P (its opening quote), before END. */
static const char *
string_end(const char *p, const char *end)
{
	for (p++; p < end && *p != '"'; p++)
		if (*p == '\\' && p + 1 < end)
			p++;
	return p < end ? p + 1 : end;
}

int
parse_utf8(const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + n;

	while (p < end) {
		unsigned c = *p++, more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 :
		    c >= 0xC0 ? 1 : 0, min = more == 3 ? 0x10000 :
		    more == 2 ? 0x800 : 0x80;

		if (c < 0x80)
			continue;
		if (c < 0xC2 || c > 0xF4 || (size_t)(end - p) < more)
			return 0;
		c &= 0x3F >> more;
		for (; more > 0; more--, p++) {
			if ((*p & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (*p & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
	}
	return 1;
}

/* What libjq changes in the string at P (its quotes included, N bytes),
   as parse_changed says it, or NULL when it keeps it as written. */
static const char *
string_changed(const char *p, size_t n)
{
	unsigned c, lo;

	if (!parse_utf8(p, n))
		return "text that is not UTF-8|write it as UTF-8";
	for (size_t i = 1; i + 1 < n; i++) {
		if (p[i] != '\\')
			continue;
		if (p[++i] != 'u' || n - i < 5 || !hex4(p + i + 1, &c))
			continue;
		i += 4;
		if (c < 0xD800 || c > 0xDFFF)
			continue;
		if (c > 0xDBFF || n - i < 7 || p[i + 1] != '\\' ||
		    p[i + 2] != 'u' || !hex4(p + i + 3, &lo) ||
		    lo < 0xDC00 || lo > 0xDFFF)
			return "a lone UTF-16 surrogate escape|write the "
			    "character it stands for";
		i += 6;
	}
	return NULL;
}

/* Whether KEY (the text of a key, quotes included) is in SEEN (an
   object, consumed), which then gets it: *SEEN is the new object. */
static int
key_twice(jv *seen, const char *key, size_t len)
{
	const char *end;
	jv k;
	int twice;

	if (parse_value(key, key + len, 1, &k, &end) != PARSE_OK)
		k = jv_string_sized(key, (int)len);	/* libjq's to read */
	twice = jv_object_has(jv_copy(*seen), jv_copy(k));

	*seen = jv_object_set(*seen, k, jv_true());
	return twice;
}

jv
parse_changed(const char *text, size_t len, jv *twice)
{
	const char *p = text, *end = text + len, *q, *what = NULL;
	struct level *l = NULL;
	jv *seen = NULL, out = jv_null();
	int n = 0, cap = 0, key = 0;

	*twice = jv_null();

	while (p < end && !what) {
		switch (*p) {
		case '"':
			q = string_end(p, end);
			what = string_changed(p, (size_t)(q - p));
			if (key && n > 0) {
				l[n - 1].key = p;
				l[n - 1].keylen = (size_t)(q - p);
				if (!what && key_twice(&seen[n - 1], p,
				    (size_t)(q - p)) &&
				    jv_get_kind(*twice) == JV_KIND_NULL) {
					jv_free(*twice);
					*twice = levels_path(l, n);
				}
			}
			key = 0;
			p = q;
			continue;
		case '{':
		case '[':
			if (n == cap) {
				cap = 2 * cap + 8;
				l = xreallocarray(l, (size_t)cap, sizeof *l);
				seen = xreallocarray(seen, (size_t)cap,
				    sizeof *seen);
			}
			seen[n] = jv_object();
			l[n++] = (struct level){ NULL, 0, *p == '[' ? 0 : -1 };
			key = *p == '{';
			break;
		case '}':
		case ']':
			if (n > 0)
				jv_free(seen[--n]);
			break;
		case ',':
			key = comma(l, n);
			break;
		}
		p++;
	}
	if (what)
		out = jv_array_concat(JV_ARRAY(levels_path(l, n)),
		    jv_string_split(jv_string(what), jv_string("|")));
	while (n > 0)
		jv_free(seen[--n]);
	free(seen);
	free(l);
	return out;
}

jv
parse_inexact(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *q;
	struct level *l = NULL;
	int n = 0, cap = 0, key = 0;
	jv out = jv_array();

	while (p < end) {
		switch (*p) {
		case '"':
			q = string_end(p, end);
			if (key && n > 0) {
				l[n - 1].key = p;
				l[n - 1].keylen = (size_t)(q - p);
			}
			key = 0;
			p = q;
			continue;
		case '{':
		case '[':
			if (n == cap)
				l = xreallocarray(l, (size_t)(cap = 2 * cap + 8),
				    sizeof *l);
			l[n++] = (struct level){ NULL, 0, *p == '[' ? 0 : -1 };
			key = *p == '{';
			break;
		case '}':
		case ']':
			n -= n > 0;
			break;
		case ',':
			key = comma(l, n);
			break;
		default:
			for (q = p; q < end && (isalnum((unsigned char)*q) ||
			    *q == '.' || *q == '+' || *q == '-'); q++)
				;
			if (q == p) {
				p++;
				continue;
			}
			if (!parse_number_exact(p, (size_t)(q - p)))
				out = jv_array_append(out, JV_ARRAY(
				    levels_path(l, n),
				    jv_string_sized(p, (int)(q - p))));
			p = q;
			continue;
		}
		p++;
	}
	free(l);
	return out;
}
