/* keypath: a key as the user writes it, resolved to paths into a config. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jq.h>

#include "die.h"
#include "json.h"
#include "keypath.h"
#include "program.h"
#include "value.h"

struct keypath {
	char *key;
	jv parts;		/* dotted: the parts, as strings */
	jq_state *jq;		/* jq path: path(EXPR), compiled */
};

static jv
split_dotted(const char *key)
{
	jv parts = jv_array();
	const char *p = key;

	for (;;) {
		size_t n = strcspn(p, "./");

		if (n == 0) {
			jv_free(parts);
			return fail("bad key %s: a part of it is empty: write "
			    "parts between single dots, as in algo.rnn.enabled",
			    *key ? key : "\"\"");
		}
		parts = jv_array_append(parts, json_string(p, n));
		if (!p[n])
			return parts;
		p += n + 1;
	}
}

struct keypath *
keypath_compile(const char *key, jv *err)
{
	struct keypath *kp = xcalloc(1, sizeof *kp);
	jq_state *alone;
	jv prog, why;

	kp->key = xstrdup(key);
	kp->parts = jv_null();
	if (key[0] != '.') {
		kp->parts = split_dotted(key);
		if (jv_is_valid(kp->parts))
			return kp;
		*err = kp->parts;
		kp->parts = jv_null();
		keypath_free(kp);
		return NULL;
	}
	/* The key must compile alone too: else one such as ".a), (1"
	   would close path( and add outputs that are not paths. */
	prog = jv_string_fmt("path(%s\n)", key);
	kp->jq = program_compile(jv_string_value(prog), &why);
	jv_free(prog);
	if (kp->jq && !(alone = program_compile(key, &why))) {
		jq_teardown(&kp->jq);
		kp->jq = NULL;
	}
	if (!kp->jq) {
		*err = fail("bad jq path %s: %s: write a jq path expression "
		    "such as .a.b[0] or .a[\"odd.key\"]", key,
		    jv_string_value(why));
		jv_free(why);
		keypath_free(kp);
		return NULL;
	}
	jq_teardown(&alone);
	return kp;
}

void
keypath_free(struct keypath *kp)
{
	if (!kp)
		return;
	jv_free(kp->parts);
	if (kp->jq)
		jq_teardown(&kp->jq);
	free(kp->key);
	free(kp);
}

const char *
keypath_key(const struct keypath *kp)
{
	return kp->key;
}

jv
keypath_parts(const struct keypath *kp)
{
	return jv_copy(kp->parts);
}

static int
all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static jv
unknown_key(jv config, const char *key)
{
	jv near = keypath_suggest(config, key);
	jv err;

	if (jv_get_kind(near) == JV_KIND_STRING)
		err = fail("no key %s in the config: did you mean %s?", key,
		    jv_string_value(near));
	else
		err = fail("no key %s in the config: list the keys with "
		    "sweep-keys, or add it with --create", key);
	jv_free(near);
	return err;
}

/* The step from NODE (borrowed) along PART (borrowed): a key, an index
   where NODE is an array, or an invalid jv with a message. */
static jv
dotted_step(jv node, jv part, jv path, const char *key)
{
	const char *s = jv_string_value(part);
	jv where, err;

	switch (jv_get_kind(node)) {
	case JV_KIND_ARRAY:
		if (all_digits(s) && strlen(s) < 10)
			return jv_number(atoi(s));
		where = keypath_text(jv_copy(path));
		err = fail("bad key %s: %s is an array: index it with a "
		    "number, as in %s.0", key, jv_string_value(where),
		    jv_string_value(where));
		break;
	case JV_KIND_OBJECT:
	case JV_KIND_NULL:
		return jv_copy(part);
	default:
		where = keypath_text(jv_copy(path));
		err = fail("bad key %s: %s is %s, which has no keys: sweep "
		    "%s itself", key, jv_string_value(where),
		    value_kind(node), jv_string_value(where));
	}
	jv_free(where);
	return err;
}

/* The child of NODE at PART (both consumed), or an invalid jv. */
static jv
child(jv node, jv part)
{
	jv_kind k = jv_get_kind(node);
	jv out = jv_invalid();

	if (jv_get_kind(part) == JV_KIND_STRING && k == JV_KIND_OBJECT) {
		if (jv_object_has(jv_copy(node), jv_copy(part)))
			return jv_object_get(node, part);
	} else if (jv_get_kind(part) == JV_KIND_NUMBER &&
	    k == JV_KIND_ARRAY && jv_number_value(part) >= 0 &&
	    jv_number_value(part) < jv_array_length(jv_copy(node))) {
		out = jv_array_get(jv_copy(node), (int)jv_number_value(part));
	}
	jv_free(node);
	jv_free(part);
	return out;
}

/* Walks the dotted parts down CONFIG; with CREATE the parts past the
   last existing place become keys. */
static jv
resolve_dotted(struct keypath *kp, jv config, int create)
{
	jv path = jv_array(), node = jv_copy(config), step = jv_null();
	int missing = 0;

	jv_array_foreach(kp->parts, i, part) {
		if (missing) {
			path = jv_array_append(path, part);
			continue;
		}
		jv_free(step);
		step = dotted_step(node, part, path, kp->key);
		jv_free(part);
		if (!jv_is_valid(step))
			break;
		path = jv_array_append(path, jv_copy(step));
		node = child(node, jv_copy(step));
		if (!jv_is_valid(node)) {
			if (!create) {
				jv_free(step);
				step = unknown_key(config, kp->key);
				break;
			}
			missing = 1;
		}
		(void)i;
	}
	jv_free(node);
	if (!jv_is_valid(step)) {
		jv_free(path);
		return step;
	}
	jv_free(step);
	return JV_ARRAY(path);
}

/* Checks one path from jq (consumed): keys and integer indexes only,
   negative indexes counted from the end of the array in CONFIG. */
static jv
normalize_path(jv path, jv config, const char *key)
{
	jv node = jv_copy(config), out = jv_array();
	jv err = jv_null();

	if (jv_array_length(jv_copy(path)) == 0)
		err = fail("bad key %s: it names the whole config: name a "
		    "place inside it", key);
	jv_array_foreach(path, i, part) {
		double d = jv_get_kind(part) == JV_KIND_NUMBER ?
		    jv_number_value(part) : 0.5;

		if (jv_get_kind(part) != JV_KIND_STRING && !(d > INT_MIN &&
		    d < INT_MAX && d == (int)d)) {
			err = fail("bad key %s: it names a slice or a "
			    "non-integer index: name single places", key);
			jv_free(part);
			break;
		}
		if (d < 0 && jv_get_kind(node) == JV_KIND_ARRAY)
			d += jv_array_length(jv_copy(node));
		if (d < 0) {
			err = fail("bad key %s: it names an index before the "
			    "start of an array: count from 0, or from -1 at "
			    "the end", key);
			jv_free(part);
			break;
		}
		if (jv_get_kind(part) == JV_KIND_NUMBER) {
			jv_free(part);
			part = jv_number(d);
		}
		out = jv_array_append(out, jv_copy(part));
		node = child(node, part);
		(void)i;
	}
	jv_free(node);
	jv_free(path);
	if (jv_get_kind(err) == JV_KIND_NULL)
		return out;
	jv_free(out);
	return err;
}

static jv
check_exists(jv paths, jv config, int create)
{
	if (create)
		return paths;
	jv_array_foreach(paths, i, path) {
		jv v = keypath_get(config, path);

		if (!jv_is_valid(v)) {
			jv text = keypath_text(path);
			jv err = unknown_key(config, jv_string_value(text));

			jv_free(text);
			jv_free(paths);
			return err;
		}
		jv_free(v);
		jv_free(path);
		(void)i;
	}
	return paths;
}

/* Runs JQ to its end: libjq 1.6 fails an assertion in jq_teardown when
   a program was left inside path(...) with outputs still to come. */
static void
drain(jq_state *jq)
{
	jv v;

	while (jv_is_valid(v = jq_next(jq)))
		jv_free(v);
	jv_free(v);
}

static jv
resolve_jq(struct keypath *kp, jv config, int create)
{
	jv paths = jv_array(), p, msg;

	jq_start(kp->jq, jv_copy(config), 0);
	while (jv_is_valid(p = jq_next(kp->jq))) {
		p = normalize_path(p, config, kp->key);
		if (!jv_is_valid(p)) {
			jv_free(paths);
			drain(kp->jq);
			return p;
		}
		paths = jv_array_append(paths, p);
	}
	if (jv_get_kind(msg = program_failure(kp->jq, p)) == JV_KIND_STRING) {
		jv_free(paths);
		p = fail("bad key %s: %s: it must name places in the config",
		    kp->key, jv_string_value(msg));
		jv_free(msg);
		return p;
	}
	if (jv_array_length(jv_copy(paths)) == 0) {
		jv_free(paths);
		return fail("bad key %s: it names no place in the config: "
		    "check it with jq 'path(%s)'", kp->key, kp->key);
	}
	return check_exists(paths, config, create);
}

/* Sorts PATHS and refuses one inside another; in sorted order a path
   that holds another comes right before one it holds. */
static jv
no_overlap(jv paths, const char *key)
{
	jv sorted = jv_sort(paths, jv_copy(paths)), out = jv_array();
	jv prev = jv_null();

	jv_array_foreach(sorted, i, path) {
		if (jv_get_kind(prev) == JV_KIND_ARRAY &&
		    jv_equal(jv_copy(prev), jv_copy(path))) {
			jv_free(path);
			continue;
		}
		if (jv_get_kind(prev) == JV_KIND_ARRAY &&
		    keypath_within(prev, path)) {
			jv a = keypath_text(prev), b = keypath_text(path);
			jv err = fail("bad key %s: it names %s and %s inside "
			    "it: name places that do not hold each other", key,
			    jv_string_value(a), jv_string_value(b));
			jv_free(a);
			jv_free(b);
			jv_free(sorted);
			jv_free(out);
			return err;
		}
		jv_free(prev);
		prev = jv_copy(path);
		out = jv_array_append(out, path);
		(void)i;
	}
	jv_free(prev);
	jv_free(sorted);
	return out;
}

jv
keypath_resolve(struct keypath *kp, jv config, int create)
{
	jv paths;

	if (kp->jq)
		paths = resolve_jq(kp, config, create);
	else
		paths = resolve_dotted(kp, config, create);
	if (!jv_is_valid(paths))
		return paths;
	return no_overlap(paths, kp->key);
}

jv
keypath_get(jv config, jv path)
{
	jv node = jv_copy(config);

	jv_array_foreach(path, i, part) {
		node = child(node, part);
		if (!jv_is_valid(node))
			return node;
		(void)i;
	}
	return node;
}

/* The step PART (borrowed) from NODE (borrowed, invalid where missing)
   at WHERE (consumed): jv_true(), or invalid with a message. */
static jv
settable_step(jv node, jv part, jv where, const char *whole)
{
	jv key = brief(whole), err = jv_true();
	const char *ks = jv_string_value(key), *w = jv_string_value(where);
	jv_kind k = jv_get_kind(node);
	int len = k == JV_KIND_ARRAY ? jv_array_length(jv_copy(node)) : 0;
	int missing = k == JV_KIND_NULL || k == JV_KIND_INVALID;

	if (jv_get_kind(part) == JV_KIND_STRING) {
		if (k == JV_KIND_ARRAY)
			err = fail("bad key %s: %s is an array: index it with "
			    "a number, as in %s.0", ks, w, w);
		else if (k != JV_KIND_OBJECT && !missing)
			err = fail("bad key %s: %s is %s, which has no keys: "
			    "sweep %s itself", ks, w, value_kind(node), w);
	} else if (k != JV_KIND_ARRAY && !missing) {
		err = fail("bad key %s: %s is %s, which has no elements: name "
		    "a key in it", ks, w, value_kind(node));
	} else if (jv_number_value(part) > len) {
		err = fail("bad key %s: index %.0f is past the end of %s, which "
		    "has %d element%s: add one at index %d at most", ks,
		    jv_number_value(part), w, len, len == 1 ? "" : "s", len);
	}
	jv_free(where);
	jv_free(key);
	return err;
}

jv
keypath_settable(jv config, jv path, const char *key)
{
	int n = jv_array_length(jv_copy(path));
	jv node = jv_copy(config), err = jv_true();

	if (n > KEYPATH_MAX_PARTS) {
		jv_free(node);
		node = brief(key);
		err = fail("bad key %s: it is %d levels deep, more than the %d "
		    "a run can hold: nest it less deeply",
		    jv_string_value(node), n, KEYPATH_MAX_PARTS);
		jv_free(node);
		return err;
	}
	for (int i = 0; i < n && jv_is_valid(err); i++) {
		jv part = jv_array_get(jv_copy(path), i);

		jv_free(err);
		err = settable_step(node, part, i ? keypath_text(
		    jv_array_slice(jv_copy(path), 0, i)) : jv_string("the "
		    "config"), key);
		node = child(node, part);
	}
	jv_free(node);
	return err;
}

int
keypath_within(jv a, jv b)
{
	int n = jv_array_length(jv_copy(a));

	if (n > jv_array_length(jv_copy(b)))
		return 0;
	for (int i = 0; i < n; i++)
		if (!jv_equal(jv_array_get(jv_copy(a), i),
		    jv_array_get(jv_copy(b), i)))
			return 0;
	return 1;
}

/* Whether PART (borrowed) can be written as a part of a dotted key:
   not empty, no separator, no NUL, and no control character, which
   would split or hide a key of sweep-keys' one a line. */
static int
dotted_part_ok(jv part)
{
	const char *s = jv_string_value(part);

	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return *s && !strpbrk(s, "./") &&
	    (int)strlen(s) == jv_string_length_bytes(jv_copy(part));
}

/* Whether PART (borrowed), a string, can follow a dot in a jq path:
   a name that is no keyword, and no NUL inside to cut it short. */
static int
identifier(jv part)
{
	static const char *const keywords[] = { "and", "as", "catch", "def",
	    "elif", "else", "end", "foreach", "if", "import", "include",
	    "label", "not", "or", "reduce", "then", "try", "__loc__" };
	const char *s = jv_string_value(part);

	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	if ((int)strlen(s) != jv_string_length_bytes(jv_copy(part)))
		return 0;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return 0;
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (!strcmp(s, keywords[i]))
			return 0;
	return 1;
}

jv
keypath_text(jv path)
{
	struct buf b = { 0 };
	int dotted = 1;
	jv out;

	jv_array_foreach(path, i, part) {
		if (jv_get_kind(part) == JV_KIND_STRING && !dotted_part_ok(part))
			dotted = 0;
		jv_free(part);
		(void)i;
	}
	jv_array_foreach(path, i, part) {
		if (jv_get_kind(part) == JV_KIND_NUMBER) {
			buf_adds(&b, dotted ? (i ? "." : "") : "[");
			json_dump_number(&b, part);
			if (!dotted)
				buf_addc(&b, ']');
		} else if (dotted) {
			if (i)
				buf_addc(&b, '.');
			buf_adds(&b, jv_string_value(part));
		} else if (identifier(part)) {
			buf_addc(&b, '.');
			buf_adds(&b, jv_string_value(part));
		} else {
			buf_adds(&b, i ? "[" : ".[");
			json_dump_string(&b, part);
			buf_addc(&b, ']');
		}
		jv_free(part);
	}
	out = json_string(b.p ? b.p : "", b.len);
	buf_free(&b);
	jv_free(path);
	return out;
}

/* The walk behind keypath_each: the key so far, dotted (while it can
   be) and as a jq path. */
struct walk {
	struct buf dotted, jq;
	void (*fn)(const char *text, size_t len, void *arg);
	void *arg;
};

static void walk(struct walk *w, jv node, int dotted);

/* Appends the child at PART (borrowed: a string, or a number for an
   array index) to the key so far, as keypath_text writes it. */
static int
walk_down(struct walk *w, jv part, int dotted)
{
	int first = w->jq.len == 0;
	char num[32];

	if (jv_get_kind(part) == JV_KIND_NUMBER) {
		snprintf(num, sizeof num, "%d", (int)jv_number_value(part));
		if (dotted && !first)
			buf_addc(&w->dotted, '.');
		if (dotted)
			buf_adds(&w->dotted, num);
		buf_addc(&w->jq, '[');
		buf_adds(&w->jq, num);
		buf_addc(&w->jq, ']');
		return dotted;
	}
	dotted = dotted && dotted_part_ok(part);
	if (dotted && !first)
		buf_addc(&w->dotted, '.');
	if (dotted)
		buf_adds(&w->dotted, jv_string_value(part));
	if (identifier(part)) {
		buf_addc(&w->jq, '.');
		buf_adds(&w->jq, jv_string_value(part));
	} else {
		buf_adds(&w->jq, first ? ".[" : "[");
		json_dump_string(&w->jq, part);
		buf_addc(&w->jq, ']');
	}
	return dotted;
}

/* Visits VALUE (consumed) at PART (consumed) below the key so far. */
static void
walk_child(struct walk *w, jv part, jv value, int dotted)
{
	size_t dotted_len = w->dotted.len, jq_len = w->jq.len;
	struct buf *text;

	dotted = walk_down(w, part, dotted);
	text = dotted ? &w->dotted : &w->jq;
	w->fn(text->p, text->len, w->arg);
	walk(w, value, dotted);
	w->dotted.len = dotted_len;
	w->jq.len = jq_len;
	jv_free(part);
}

static void
walk(struct walk *w, jv node, int dotted)
{
	if (jv_get_kind(node) == JV_KIND_OBJECT) {
		jv_object_foreach(node, k, v)
			walk_child(w, k, v, dotted);
	} else if (jv_get_kind(node) == JV_KIND_ARRAY) {
		jv_array_foreach(node, i, v)
			walk_child(w, jv_number(i), v, dotted);
	}
	jv_free(node);
}

void
keypath_each(jv config, void (*fn)(const char *text, size_t len, void *arg),
    void *arg)
{
	struct walk w = { { 0 }, { 0 }, fn, arg };

	walk(&w, jv_copy(config), 1);
	buf_free(&w.dotted);
	buf_free(&w.jq);
}

size_t
keypath_level(const char *text, size_t len, size_t from)
{
	const char *dot;
	int quoted = 0;

	if (len == 0 || (text[0] != '.' && text[0] != '[')) {
		dot = from < len ? memchr(text + from, '.', len - from) : NULL;
		return dot ? (size_t)(dot - text) + 1 : len;
	}
	for (size_t i = 1; i < len; i++) {
		if (quoted && text[i] == '\\')
			i++;
		else if (text[i] == '"')
			quoted = !quoted;
		else if (!quoted && i >= 2 && i >= from &&
		    (text[i] == '.' || text[i] == '['))
			return i + 1;
	}
	return len;
}

size_t
keypath_distance(const char *a, const char *b, size_t n, size_t *row)
{
	for (size_t j = 0; j <= n; j++)
		row[j] = j;
	for (size_t i = 1; *a; a++, i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t up = row[j];
			size_t best = diag + (*a != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[n];
}

/* keypath_suggest's search: the key as dotted text, the closest path
   so far, how it was found (a rank: the higher wins) and its distance,
   a row for keypath_distance(). */
struct suggest {
	const char *want;
	size_t len, best_d, *row, cap;
	size_t stem;		/* want's length before its last part, when
				   that part is an index; else 0 */
	long last;		/* the largest index seen after that stem */
	int rank;
	jv best;
};

enum { NEAR_SPELLING, NEAR_LAST_INDEX, NEAR_LAST_PART };

/* Whether TEXT (TL bytes) from FROM on is all digits, and not empty. */
static int
digits_from(const char *text, size_t tl, size_t from)
{
	if (from >= tl || tl - from > 9)
		return 0;
	for (size_t i = from; i < tl; i++)
		if (text[i] < '0' || text[i] > '9')
			return 0;
	return 1;
}

/* The strings of LIST (consumed) as "A", "A or B", "A, B or C", or
   "A, B, C or others" when there are more. */
static jv
either(jv list)
{
	int n = jv_array_length(jv_copy(list));
	jv out = jv_string("");

	for (int i = 0; i < n && i < 3; i++) {
		if (i > 0)
			out = jv_string_append_str(out,
			    i == n - 1 ? " or " : ", ");
		out = jv_string_concat(out, jv_array_get(jv_copy(list), i));
	}
	if (n > 3)
		out = jv_string_append_str(out, n == 4 ? " or another" :
		    " or others");
	jv_free(list);
	return out;
}

static void
suggest_take(struct suggest *s, int rank, const char *text, size_t tl)
{
	s->rank = rank;
	jv_free(s->best);
	s->best = json_string(text, tl);
}

static void
suggest_one(const char *text, size_t tl, void *arg)
{
	struct suggest *s = arg;
	size_t d;

	if (tl > s->len && text[tl - s->len - 1] == '.' &&
	    !memcmp(text + tl - s->len, s->want, s->len)) {
		if (s->rank < NEAR_LAST_PART) {
			s->rank = NEAR_LAST_PART;
			jv_free(s->best);
			s->best = jv_array();
		}
		s->best = jv_array_append(s->best, json_string(text, tl));
		return;
	}
	if (s->stem && tl > s->stem && !memcmp(text, s->want, s->stem) &&
	    digits_from(text, tl, s->stem)) {
		long i = atol(text + s->stem);

		if (s->rank <= NEAR_LAST_INDEX && i > s->last) {
			s->last = i;
			suggest_take(s, NEAR_LAST_INDEX, text, tl);
		}
		return;
	}
	if (s->rank > NEAR_SPELLING ||
	    (tl > s->len ? tl - s->len : s->len - tl) >= s->best_d)
		return;
	if (tl + 1 > s->cap) {
		s->cap = 2 * (tl + 1);
		s->row = xreallocarray(s->row, s->cap, sizeof *s->row);
	}
	d = keypath_distance(s->want, text, tl, s->row);
	if (d < s->best_d) {
		s->best_d = d;
		suggest_take(s, NEAR_SPELLING, text, tl);
	}
}

jv
keypath_suggest(jv config, const char *key)
{
	struct suggest s = { 0 };
	char *want = xstrdup(key), *p;

	for (p = want; *p; p++)
		if (*p == '/')
			*p = '.';
	s.want = want;
	s.len = strlen(key);
	s.best_d = s.len / 3 + 2;
	s.best = jv_null();
	s.last = -1;
	if ((p = strrchr(want, '.')) && p > want &&
	    digits_from(want, s.len, (size_t)(p - want) + 1))
		s.stem = (size_t)(p - want) + 1;
	keypath_each(config, suggest_one, &s);
	free(s.row);
	free(want);
	return s.rank == NEAR_LAST_PART ? either(s.best) : s.best;
}

int
keypath_same_key(const char *a, const char *b)
{
	a += *a == '.';
	b += *b == '.';
	for (; *a && *b; a++, b++)
		if (*a != *b && !((*a == '/' || *a == '.') &&
		    (*b == '/' || *b == '.')))
			return 0;
	return *a == *b;
}
