/* launch: the command-template expander and its shell quoting.
   Input: a byte choosing the template, then the config path and the run
   name, split at NUL bytes. A POSIX shell's word splitting and quote
   removal, modelled below, must read each quoted value back as one
   word, unchanged, with nothing outside single quotes but the safe
   characters: no expansion, no second command, no redirection. The
   run's two parameters have the name and the config path as values:
   {args} must give them back as they are, and {overrides} as Hydra's
   override parser, modelled below too, reads them. */
#include <inttypes.h>
#include <string.h>

#include "args.h"
#include "fuzz.h"
#include "launch.h"

#define SAFE "_@%+=:,./-"

static int
isalnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static const char *const templates[] = {
	"python train.py --config {config}",
	"run {name} {config} {index}",
	"run --name={name} --config={config} -i {index}",
	"run {name}{index}{config}",
	"run ${HOME} {name} $x {config}",
	"run ${name} {config}",
	"run {args} {index}",
	"run {name} {overrides}",
};
#define NTEMPLATES (sizeof templates / sizeof *templates)

static jv
word(struct buf *w)
{
	jv s = jv_string_sized(w->p ? w->p : "", (int)w->len);

	w->len = 0;
	return s;
}

/* The words of LINE as the shell reads them, or NULL-kind jv if it holds
   anything but words of safe characters, single-quoted strings and
   backslash-escaped characters, separated by spaces. With ALLOW_DOLLAR,
   "$", "{" and "}" too: a template's own (check_quote checks the quoted
   values without). */
static jv
shell_words(const char *line, int allow_dollar)
{
	jv words = jv_array();
	struct buf w = { 0 };
	int in_word = 0;
	const char *p = line;

	for (; *p; p++) {
		if (*p == ' ') {
			if (in_word)
				words = jv_array_append(words, word(&w));
			in_word = 0;
			continue;
		}
		in_word = 1;
		if (*p == '\'') {
			const char *q = strchr(p + 1, '\'');

			if (!q)
				goto bad;
			buf_add(&w, p + 1, (size_t)(q - p - 1));
			p = q;
		} else if (*p == '\\') {
			if (!p[1] || p[1] == '\n')
				goto bad;
			buf_addc(&w, *++p);
		} else if (isalnum_ascii(*p) || strchr(SAFE, *p) ||
		    (allow_dollar && strchr("${}", *p))) {
			buf_addc(&w, *p);
		} else
			goto bad;
	}
	if (in_word)
		words = jv_array_append(words, word(&w));
	buf_free(&w);
	return words;
bad:
	buf_free(&w);
	jv_free(words);
	return jv_null();
}

/* What the shell reads from shell_quote(S). */
static void
check_quote(const char *s, size_t n)
{
	struct buf b = { 0 };
	jv words;

	shell_quote(&b, s, n);
	buf_addc(&b, '\0');
	words = shell_words(b.p, 0);
	CHECK(jv_get_kind(words) == JV_KIND_ARRAY);
	CHECK(jv_equal(words, JV_ARRAY(jv_string_sized(s, (int)n))));
	buf_free(&b);
}

/* The string Hydra's override parser reads from the value V of a
   KEY=VALUE word, or null if it would not read one string: a double-
   quoted string, unescaped as Hydra does (a run of backslashes before a
   quote is halved; an odd one escapes that quote), or a bare word of
   characters that Hydra takes as they are. */
static jv
hydra_read(const char *v)
{
	struct buf b = { 0 };
	size_t n = strlen(v);
	jv s;

	if (*v != '"') {
		for (const char *p = v; *p; p++)
			if (!isalnum_ascii(*p) && !strchr("_-./", *p))
				return jv_null();
		return jv_string(v);
	}
	if (n < 2 || v[n - 1] != '"')
		return jv_null();
	for (size_t i = 1; i < n - 1;) {
		size_t k = i, m;

		while (k < n - 1 && v[k] == '\\')
			k++;
		m = k - i;
		if (v[k] != '"') {		/* kept as they are */
			buf_add(&b, v + i, m + 1);
			i = k + 1;
			continue;
		}
		if (k == n - 1 ? m % 2 : !(m % 2)) {	/* the quote ends it */
			buf_free(&b);
			return jv_null();
		}
		buf_add(&b, v + i, m / 2);
		if (k < n - 1)
			buf_addc(&b, '"');
		i = k + 1;
	}
	s = jv_string_sized(b.p ? b.p : "", (int)b.len);
	buf_free(&b);
	return s;
}

/* The words template T should give, each placeholder one whole value:
   the parameters are k.x with the value X (the name as a libjq string
   holds it: invalid UTF-8 replaced) and c/y with Y (the config path). */
static jv
expected(const char *t, const char *config, const char *name,
    const char *index, const char *x, const char *y)
{
	struct buf b = { 0 };
	jv words = jv_array();

	for (const char *p = t;; p++) {
		if (*p == ' ' || !*p) {
			words = jv_array_append(words, jv_string_sized(b.p ?
			    b.p : "", (int)b.len));
			b.len = 0;
			if (!*p)
				break;
		} else if (!strncmp(p, "{config}", 8) && (p == t || p[-1] != '$'))
			buf_adds(&b, config), p += 7;
		else if (!strncmp(p, "{name}", 6) && (p == t || p[-1] != '$'))
			buf_adds(&b, name), p += 5;
		else if (!strncmp(p, "{index}", 7) && (p == t || p[-1] != '$'))
			buf_adds(&b, index), p += 6;
		else if (!strncmp(p, "{args}", 6)) {
			words = jv_array_append(words, jv_string_fmt("--k.x=%s",
			    x));
			buf_adds(&b, "--c.y="), buf_adds(&b, y), p += 5;
		} else if (!strncmp(p, "{overrides}", 11)) {
			words = jv_array_append(words, jv_string_fmt("k.x=%s",
			    x));
			buf_adds(&b, "c.y="), buf_adds(&b, y), p += 10;
		} else
			buf_addc(&b, *p);
	}
	buf_free(&b);
	return words;
}

/* WORDS (consumed) with each KEY=VALUE of {overrides}, which ends the
   template T, as Hydra reads its value back. */
static jv
hydra_words(jv words, const char *t)
{
	int from = 0;
	jv out;

	if (!strstr(t, "{overrides}"))
		return words;
	out = jv_array();
	for (const char *p = t; *p; p++)
		from += *p == ' ';
	jv_array_foreach(words, i, w) {
		const char *eq = strchr(jv_string_value(w), '=');
		jv v;

		if (i < from || !eq) {
			out = jv_array_append(out, w);
			continue;
		}
		v = hydra_read(eq + 1);
		CHECK(jv_get_kind(v) == JV_KIND_STRING);
		out = jv_array_append(out, jv_string_fmt("%.*s%s",
		    (int)(eq - jv_string_value(w) + 1), jv_string_value(w),
		    jv_string_value(v)));
		jv_free(v);
		jv_free(w);
	}
	jv_free(words);
	return out;
}

static void
check_command(const char *t, const char *config, const char *name,
    uint64_t index)
{
	struct buf b = { 0 };
	char num[24];
	struct arg args[2] = {
		{ jv_string("k.x"), jv_string("x"), jv_string(name) },
		{ jv_string("c/y"), jv_string(""), jv_string(config) },
	};
	jv words;

	snprintf(num, sizeof num, "%" PRIu64, index);
	CHECK(jv_is_valid(launch_command(&b, t, config, 0, name, index, args,
	    2)));
	buf_addc(&b, '\0');
	words = shell_words(b.p, 1);
	CHECK(jv_get_kind(words) == JV_KIND_ARRAY);
	CHECK(jv_equal(hydra_words(words, t), expected(t, config, name,
	    num, jv_string_value(args[0].value),
	    jv_string_value(args[1].value))));
	for (int i = 0; i < 2; i++) {
		jv_free(args[i].key);
		jv_free(args[i].name);
		jv_free(args[i].value);
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *cut;
	char *config, *name;
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	cut = memchr(data + 1, '\0', n);
	config = fuzz_string(data + 1, cut ? (size_t)(cut - data - 1) : n);
	name = cut ? fuzz_string(cut + 1, size - (size_t)(cut - data) - 1) :
	    fuzz_string(data, 0);
	check_quote(config, strlen(config));
	check_quote(name, strlen(name));
	check_command(templates[data[0] % NTEMPLATES], config, name,
	    (uint64_t)size * 7919);
	free(config);
	free(name);
	return 0;
}
