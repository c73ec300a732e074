/* args: a run's parameters as command-line words. */
#include <string.h>
#include <strings.h>

#include "args.h"
#include "die.h"

static const char *const placeholder[] = { "{args}", "{overrides}" };

static int
ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Whether Hydra reads the N bytes at S, unquoted, back as this string:
   a word of letters, digits and _-./ that starts as an identifier and
   is none of its constants (true, false, null, inf, nan, in any case). */
static int
hydra_bare(const char *s, size_t n)
{
	static const char *const constants[] = { "true", "false", "null",
	    "inf", "nan" };

	if (n == 0 || !ascii_alpha(*s))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!ascii_alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9') &&
		    !strchr("-./", s[i]))
			return 0;
	for (size_t k = 0; k < sizeof constants / sizeof *constants; k++)
		if (!strcasecmp(s, constants[k]))
			return 0;
	return 1;
}

/* The string S (N bytes) in Hydra's double quotes: \" for ", and the
   backslashes before a quote (that one, or the closing one) doubled,
   as Hydra's override grammar says. */
static void
hydra_quote(struct buf *b, const char *s, size_t n)
{
	buf_addc(b, '"');
	for (size_t i = 0; i <= n; i++) {
		size_t k = i;

		while (k < n && s[k] == '\\')
			k++;
		buf_add(b, s + i, k - i);
		if (k == n || s[k] == '"')
			buf_add(b, s + i, k - i);	/* doubled */
		if (k < n && s[k] == '"')
			buf_adds(b, "\\\"");
		else if (k < n)
			buf_addc(b, s[k]);
		i = k;
	}
	buf_addc(b, '"');
}

/* Appends the value V (borrowed) in Hydra's override grammar: a string
   bare where Hydra reads it back as that string, else quoted; a list as
   [A,B], a dict as {K:V}; numbers, booleans and null as JSON. */
static jv
hydra_value(struct buf *b, jv v, const char *key)
{
	jv err = jv_true();
	int i = 0;

	switch (jv_get_kind(v)) {
	case JV_KIND_STRING: {
		const char *s = jv_string_value(v);
		size_t n = (size_t)jv_string_length_bytes(jv_copy(v));

		if (hydra_bare(s, n))
			buf_add(b, s, n);
		else
			hydra_quote(b, s, n);
		return err;
	}
	case JV_KIND_ARRAY:
		buf_addc(b, '[');
		jv_array_foreach(v, j, elem) {
			if (j)
				buf_addc(b, ',');
			if (jv_is_valid(err)) {
				jv_free(err);
				err = hydra_value(b, elem, key);
			}
			jv_free(elem);
		}
		buf_addc(b, ']');
		return err;
	case JV_KIND_OBJECT:
		buf_addc(b, '{');
		jv_object_foreach(v, k, elem) {
			const char *ks = jv_string_value(k);
			size_t kn = (size_t)jv_string_length_bytes(jv_copy(k));

			if (i++)
				buf_addc(b, ',');
			if (jv_is_valid(err) && !hydra_bare(ks, kn)) {
				jv shown = brief(ks);

				jv_free(err);
				err = fail("{overrides}: the value of %s has the "
				    "key %s, which Hydra's overrides cannot write (only "
				    "letters, digits and _-./): put {config} or {args} "
				    "in the command instead", key,
				    jv_string_value(shown));
				jv_free(shown);
			}
			buf_add(b, ks, kn);
			buf_addc(b, ':');
			if (jv_is_valid(err)) {
				jv_free(err);
				err = hydra_value(b, elem, key);
			}
			jv_free(k);
			jv_free(elem);
		}
		buf_addc(b, '}');
		return err;
	default:
		json_dump(b, v, 0);
		return err;
	}
}

/* The key of A as its word names it: the dotted key with / read as .,
   or the -n name of a jq path key. */
static jv
put_key(struct buf *b, const struct arg *a, enum args_style style)
{
	const char *k;
	jv shown, err;
	int n;

	if (jv_get_kind(a->key) != JV_KIND_STRING)
		return fail("a parameter of a run has no key: make runs with "
		    "sweep-expand");
	k = jv_string_value(a->key);
	n = jv_string_length_bytes(jv_copy(a->key));
	if (*k != '.') {
		for (int i = 0; i < n; i++)
			buf_addc(b, k[i] == '/' ? '.' : k[i]);
		return jv_true();
	}
	if (jv_get_kind(a->name) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(a->name)) > 0) {
		buf_add(b, jv_string_value(a->name),
		    (size_t)jv_string_length_bytes(jv_copy(a->name)));
		return jv_true();
	}
	shown = brief(k);
	err = fail("%s cannot write the key %s, a jq path: name the "
	    "parameter with -n NAME for %sNAME=VALUE, or declare it with a "
	    "dotted key", placeholder[style], jv_string_value(shown),
	    style == ARGS_FLAGS ? "--" : "");
	jv_free(shown);
	return err;
}

/* Appends the word of A, without its end. */
static jv
put_word(struct buf *b, const struct arg *a, enum args_style style)
{
	jv err, key;

	if (style == ARGS_FLAGS)
		buf_adds(b, "--");
	if (!jv_is_valid(err = put_key(b, a, style)))
		return err;
	buf_addc(b, '=');
	if (style == ARGS_OVERRIDES) {
		key = jv_string_value(a->key)[0] == '.' ? jv_copy(a->name) :
		    jv_copy(a->key);
		jv_free(err);
		err = hydra_value(b, a->value, jv_string_value(key));
		jv_free(key);
	} else if (jv_get_kind(a->value) == JV_KIND_STRING)
		buf_add(b, jv_string_value(a->value),
		    (size_t)jv_string_length_bytes(jv_copy(a->value)));
	else
		json_dump(b, a->value, 0);
	return err;
}

/* Whether the string X (borrowed) holds a NUL byte. */
static int
holds_nul(jv x)
{
	return jv_get_kind(x) == JV_KIND_STRING &&
	    memchr(jv_string_value(x), '\0',
	    (size_t)jv_string_length_bytes(jv_copy(x))) != NULL;
}

jv
args_words(struct buf *b, enum args_style style, const struct arg *a,
    int n)
{
	jv err = jv_true();

	for (int i = 0; i < n && jv_is_valid(err); i++) {
		size_t from = b->len;

		jv_free(err);
		err = put_word(b, &a[i], style);
		if (jv_is_valid(err) && memchr(b->p + from, '\0',
		    b->len - from)) {
			jv shown = brief(jv_string_value(a[i].key));

			jv_free(err);
			err = fail("%s: the %s of %s holds a NUL byte, which no "
			    "command line can pass: put {config} in the command "
			    "instead", placeholder[style], holds_nul(a[i].key) ?
			    "key" : "value", jv_string_value(shown));
			jv_free(shown);
		}
		buf_addc(b, '\0');
	}
	return err;
}
