/* value: typing command-line values, type compatibility, value texts. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "parse.h"
#include "stream.h"
#include "value.h"

/* Whether V (borrowed) holds a NaN anywhere, or with INF an infinity. */
static int
has_nan(jv v, int inf)
{
	int nan = 0;

	switch (jv_get_kind(v)) {
	case JV_KIND_NUMBER:
		return isnan(jv_number_value(v)) ||
		    (inf && isinf(jv_number_value(v)));
	case JV_KIND_ARRAY:
		jv_array_foreach(v, i, x) {
			nan = nan || has_nan(x, inf);
			jv_free(x);
			(void)i;
		}
		return nan;
	case JV_KIND_OBJECT:
		jv_object_foreach(v, k, x) {
			nan = nan || has_nan(x, inf);
			jv_free(k);
			jv_free(x);
		}
		return nan;
	default:
		return 0;
	}
}

int
value_finite(jv v)
{
	return !has_nan(v, 1);
}

/* AT, or else, when X (borrowed) holds a number that is not finite, the
   path to it from its parent, KEY (consumed) first. */
static jv
nonfinite_under(jv at, jv key, jv x)
{
	jv sub;

	if (jv_get_kind(at) != JV_KIND_NULL ||
	    jv_get_kind(sub = value_nonfinite_at(x)) == JV_KIND_NULL) {
		jv_free(key);
		return at;
	}
	return jv_array_concat(JV_ARRAY(key), sub);
}

jv
value_nonfinite_at(jv v)
{
	jv at = jv_null();

	switch (jv_get_kind(v)) {
	case JV_KIND_NUMBER:
		return isfinite(jv_number_value(v)) ? jv_null() : jv_array();
	case JV_KIND_ARRAY:
		jv_array_foreach(v, i, x) {
			at = nonfinite_under(at, jv_number(i), x);
			jv_free(x);
		}
		return at;
	case JV_KIND_OBJECT:
		jv_object_foreach(v, k, x) {
			at = nonfinite_under(at, k, x);
			jv_free(x);
		}
		return at;
	default:
		return jv_null();
	}
}

/* Whether P, in ARG, is a 0 that starts a number's integer part and
   has a digit after it (08, -007; not 1e05 or 1.05). */
static int
leading_zero(const char *arg, const char *p)
{
	if (*p != '0' || !isdigit((unsigned char)p[1]))
		return 0;
	if (p > arg && (p[-1] == '-' || p[-1] == '+'))
		p--;
	return p == arg || !(isalnum((unsigned char)p[-1]) || p[-1] == '.');
}

/* Whether ARG holds, outside its strings, only what JSON text can.
   libjq's parser takes more, and changes it: 08 reads as 8 (a
   zero-padded id, a string to Hydra and YAML too), and at the record
   separator 0x1e, in a string too, it drops what it read ("8\x1ey"
   reads as 8). */
static int
plain_outside_strings(const char *arg)
{
	int in_string = 0;

	for (const char *p = arg; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == 0x1e)	/* libjq's parser starts anew there */
			return 0;
		else if (in_string && c == '\\' && p[1])
			p++;
		else if (c == '"')
			in_string = !in_string;
		else if (!in_string && ((c < 0x20 && !strchr(JSON_WS, c)) ||
		    c >= 0x7f || leading_zero(arg, p)))
			return 0;
	}
	return 1;
}

/* jq 1.6 reads nan and NaN, and infinity and Infinity, as numbers, in
   arrays and objects too; they are not JSON. An infinity from a literal
   too big for a double (1e999, which ARG holds) is JSON that exact()
   refuses by name. */
static int
is_json(jv v, const char *arg)
{
	jv big;
	int json;

	if (!jv_is_valid(v) || has_nan(v, 0) || !plain_outside_strings(arg))
		return 0;
	if (!has_nan(v, 1))
		return 1;
	big = parse_inexact(arg, strlen(arg));
	json = jv_array_length(big) > 0;
	return json;
}

/* Whether V (borrowed) is libjq's parse error for its depth limit. */
static int
too_deep(jv v)
{
	jv msg;
	int deep;

	if (jv_is_valid(v))
		return 0;	/* nan */
	msg = jv_invalid_get_msg(jv_copy(v));
	deep = jv_get_kind(msg) == JV_KIND_STRING &&
	    !strncmp(jv_string_value(msg), "Exceeds depth limit", 19);
	jv_free(msg);
	return deep;
}

jv
value_inexact(const char *text, size_t n, int quote)
{
	char *copy = xmalloc(n + 1);
	struct buf b = { 0 };
	jv shown, out;

	memcpy(copy, text, n);
	copy[n] = '\0';
	shown = brief(copy);
	json_dump_number(&b, jv_number(strtod(copy, NULL)));
	buf_addc(&b, '\0');
	out = fail("number %s is not one libjq holds exactly (it would be "
	    "%s): write %s%s%sa number it holds", jv_string_value(shown),
	    b.p, quote ? "it as a string, \"" : "", quote ?
	    jv_string_value(shown) : "", quote ? "\", or as " : "");
	jv_free(shown);
	buf_free(&b);
	free(copy);
	return out;
}

/* The first number in the JSON text ARG that libjq would change, as
   value_inexact says it; or V (consumed) when there is none. */
static jv
exact(jv v, const char *arg)
{
	jv bad = parse_inexact(arg, strlen(arg)), lit;

	if (jv_array_length(jv_copy(bad)) == 0) {
		jv_free(bad);
		return v;
	}
	jv_free(v);
	lit = jv_array_get(jv_array_get(bad, 0), 1);
	v = value_inexact(jv_string_value(lit),
	    (size_t)jv_string_length_bytes(jv_copy(lit)), 1);
	jv_free(lit);
	return v;
}

/* What parse_changed says of text that is not UTF-8. */
static jv
not_utf8(void)
{
	return JV_ARRAY(jv_array(), jv_string("text that is not UTF-8"),
	    jv_string("write it as UTF-8"));
}

/* The error for the text ARG (N bytes) that libjq would not keep as
   written, as a string (JSON 0) or as JSON text (1); or V (consumed)
   when it keeps it. */
static jv
changed(jv v, const char *arg, size_t n, int json)
{
	jv twice = jv_null(), what = json ? parse_changed(arg, n, &twice) :
	    parse_utf8(arg, n) ? jv_null() : not_utf8();
	jv shown, name, out = v;

	if (jv_get_kind(what) != JV_KIND_ARRAY &&
	    (jv_get_kind(twice) != JV_KIND_ARRAY || !jv_is_valid(v))) {
		jv_free(what);	/* the usual case: nothing to say */
		jv_free(twice);
		return v;
	}
	shown = brief(arg);
	name = jv_string_fmt("value %s", jv_string_value(shown));
	if (jv_get_kind(what) == JV_KIND_ARRAY) {
		jv_free(v);
		jv_free(twice);
		out = changed_error(jv_string_value(name), what);
	} else {
		jv_free(what);
		warn_twice(jv_string_value(name), twice);
	}
	jv_free(shown);
	jv_free(name);
	return out;
}

const char *
value_text_arg(struct argp_state *state, const char *opt, const char *arg)
{
	jv shown, what;

	if (parse_utf8(arg, strlen(arg)))
		return arg;
	shown = brief(arg);
	what = jv_string_fmt("%s %s", opt, jv_string_value(shown));
	jv_free(shown);
	argp_check(state, changed_error(jv_string_value(what), not_utf8()),
	    NULL);
	jv_free(what);	/* not reached */
	return arg;
}

/* A long ARG is shown cut short in messages. */
jv
value_from_arg(const char *arg, enum value_mode mode)
{
	size_t n = strlen(arg);
	jv v, shown, out;

	if (n > INT_MAX)
		return fail("a value of %zu bytes, over the %d that libjq "
		    "holds: shorten it", n, INT_MAX);
	if (mode == VALUE_STRING)
		return changed(json_string(arg, n), arg, n, 0);
	v = jv_parse_sized(arg, (int)n);
	if (is_json(v, arg))
		return changed(exact(v, arg), arg, n, 1);
	shown = brief(arg);
	if (too_deep(v))
		out = fail("value %s is nested deeper than libjq's parser "
		    "reads: nest it less deeply", jv_string_value(shown));
	else if (mode == VALUE_JSON)
		out = fail("value %s is not JSON: quote a string as '\"%s\"', "
		    "or drop -J", jv_string_value(shown),
		    jv_string_value(shown));
	else
		out = changed(json_string(arg, n), arg, n, 0);
	jv_free(shown);
	jv_free(v);
	return out;
}

const char *
value_kind(jv x)
{
	switch (jv_get_kind(x)) {
	case JV_KIND_NULL: return "null";
	case JV_KIND_TRUE:
	case JV_KIND_FALSE: return "a boolean";
	case JV_KIND_NUMBER: return "a number";
	case JV_KIND_STRING: return "a string";
	case JV_KIND_ARRAY: return "an array";
	case JV_KIND_OBJECT: return "an object";
	default: return "nothing";
	}
}

int
value_fits(jv base, jv value)
{
	jv_kind b = jv_get_kind(base), v = jv_get_kind(value);

	if (b == JV_KIND_NULL || v == JV_KIND_NULL)
		return 1;
	if (b == JV_KIND_TRUE)
		b = JV_KIND_FALSE;
	if (v == JV_KIND_TRUE)
		v = JV_KIND_FALSE;
	return b == v;
}

int
value_text(struct buf *b, jv value)
{
	switch (jv_get_kind(value)) {
	case JV_KIND_STRING:
		buf_add(b, jv_string_value(value),
		    (size_t)jv_string_length_bytes(jv_copy(value)));
		return 0;
	case JV_KIND_NUMBER:
		json_dump_number(b, value);
		return 0;
	case JV_KIND_ARRAY: {
		int rc = 0;

		jv_array_foreach(value, i, elem) {
			if (i)
				buf_addc(b, '_');
			if (rc == 0)
				rc = value_text(b, elem);
			jv_free(elem);
		}
		return rc;
	}
	case JV_KIND_OBJECT:
		return -1;
	default:
		json_dump(b, value, 0);
		return 0;
	}
}

/* The I-th of VALUES as SPELLINGS (both borrowed) has it written. */
static jv
spelling(jv values, jv spellings, int i)
{
	jv s = jv_array_get(jv_copy(spellings), i), text;

	if (jv_get_kind(s) == JV_KIND_STRING)
		return s;
	jv_free(s);
	text = jv_dump_string(jv_array_get(jv_copy(values), i), 0);
	s = brief(jv_string_value(text));
	jv_free(text);
	return s;
}

/* Equal values sort next to each other; a stable sort of their indices
   keeps the first written first. */
jv
value_repeats(jv values, jv spellings, const char *key)
{
	int n = jv_array_length(jv_copy(values));
	jv order = jv_array(), err = jv_true();

	for (int i = 0; i < n; i++)
		order = jv_array_append(order, jv_number(i));
	order = jv_sort(order, jv_copy(values));
	for (int k = 1; k < n && jv_is_valid(err); k++) {
		int i = (int)jv_number_value(jv_array_get(jv_copy(order), k - 1));
		int j = (int)jv_number_value(jv_array_get(jv_copy(order), k));
		jv a, b, v = jv_array_get(jv_copy(values), i);

		if (!jv_equal(jv_copy(v), jv_array_get(jv_copy(values), j))) {
			jv_free(v);
			continue;
		}
		a = spelling(values, spellings, i);
		b = spelling(values, spellings, j);
		jv_free(err);
		if (jv_equal(jv_copy(a), jv_copy(b)))
			err = fail("value %s of %s is given twice: drop one",
			    jv_string_value(a), key);
		else
			err = fail("values %s and %s of %s are the same %s: "
			    "drop one", jv_string_value(a), jv_string_value(b),
			    key, jv_get_kind(v) == JV_KIND_NUMBER ? "number" :
			    "value");
		jv_free(a);
		jv_free(b);
		jv_free(v);
	}
	jv_free(order);
	return err;
}
