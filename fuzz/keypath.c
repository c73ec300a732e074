/* keypath: key parsing and resolving, dotted keys and jq paths.
   Input: a flags byte (1: a jq path, 2: --create), the key up to a NUL
   byte, then a config (JSON; the small fixture when it is not an
   object). A dotted key is the raw bytes; a jq path is built from
   tokens, one a byte, so that it always ends: no def, no recursion but
   one "..", bounded length. Checked: every path found is a place in the
   config, its text resolves back to it alone, and a "did you mean"
   suggestion resolves. */
#include <string.h>

#include "fuzz.h"
#include "keypath.h"

#define MAX_KEY 256
#define MAX_TOKENS 24

static const char small[] = "{\"experiment\": {\"name\": \"exp\"}, "
    "\"a\": 1, \"b\": {\"c\": true, \"d\": \"x\"}, \"l\": [1, 2], "
    "\"layers\": [{\"dim\": 1}, {\"dim\": 2}], \"n\": null, "
    "\"o\": {\"p\": 1, \"odd.key\": 2}}";

static const char *const tokens[] = {
	".a", ".b", ".c", ".d", ".l", ".o", ".p", ".n", ".layers", ".dim",
	".experiment", ".name", "[0]", "[1]", "[2]", "[-1]", "[]", "[]?",
	"[\"odd.key\"]", "[\"a\"]", "[\"\"]", ".[\"x y\"]", ".\"b\"", "|",
	",", " ", "(", ")", "?", ".", "[0:1]", "[1.5]", "first", "last",
	"select(. == 1)", "select(type == \"object\")", "getpath([\"b\"])",
	"empty", "error", "null", "1", "\"s\"", "{}", "not", "and", "or",
	"if . then .a else .b end", "try .a", "//", "+", "-", "$__loc__",
	".[]", "[1e10]", "[-5]", "[-1e10]", "..",
};
#define NTOKENS (sizeof tokens / sizeof *tokens)

/* The jq path spelt by DATA's bytes as tokens. */
static char *
jq_key(const uint8_t *data, size_t size)
{
	char *key = calloc(1, MAX_TOKENS * 32 + 1);
	int deep = 0;

	CHECK(key != NULL);
	for (size_t i = 0; i < size && i < MAX_TOKENS; i++) {
		const char *t = tokens[data[i] % NTOKENS];

		if (!strcmp(t, "..") && deep++)
			continue;
		strcat(key, t);
	}
	if (key[0] != '.')
		memmove(key + 1, key, strlen(key) + 1), key[0] = '.';
	return key;
}

/* KEY names exactly PATH (borrowed) in CONFIG (borrowed). */
static void
check_roundtrip(jv config, jv path)
{
	jv text = keypath_text(jv_copy(path)), err = jv_null(), paths;
	struct keypath *kp = keypath_compile(jv_string_value(text), &err);

	CHECK(kp != NULL);
	paths = keypath_resolve(kp, config, 0);
	CHECK(jv_is_valid(paths));
	CHECK(jv_equal(paths, JV_ARRAY(jv_copy(path))));
	keypath_free(kp);
	jv_free(text);
	jv_free(err);
}

/* Whether KEY (LEN bytes) names a place in CONFIG (borrowed). */
static int
names_place(jv config, const char *key, size_t len)
{
	jv text = jv_string_sized(key, (int)len), err = jv_null(), paths;
	struct keypath *kp = keypath_compile(jv_string_value(text), &err);
	int ok = 0;

	if (kp) {
		paths = keypath_resolve(kp, config, 0);
		ok = jv_is_valid(paths);
		jv_free(paths);
		keypath_free(kp);
	}
	jv_free(err);
	jv_free(text);
	return ok;
}

/* Whether LIST (LEN bytes), "A", "A or B", "A, B or C" or "A, B, C or
   others", names places in CONFIG: each of its keys, split at the
   first separator that leaves places (a key may hold ", " or " or "). */
static int
names_places(jv config, const char *list, size_t len)
{
	static const char *const tails[] = { " or others", " or another" };
	static const char *const seps[] = { ", ", " or " };

	if (names_place(config, list, len))
		return 1;
	for (int i = 0; i < 2; i++) {
		size_t t = strlen(tails[i]);

		if (len > t && !memcmp(list + len - t, tails[i], t) &&
		    names_places(config, list, len - t))
			return 1;
	}
	for (size_t at = 0; at < len; at++)
		for (int i = 0; i < 2; i++) {
			size_t m = strlen(seps[i]);

			if (at + m <= len && !memcmp(list + at, seps[i], m) &&
			    names_place(config, list, at) &&
			    names_places(config, list + at + m, len - at - m))
				return 1;
		}
	return 0;
}

/* "... did you mean KEY?" names a place in CONFIG (borrowed), or
   several ("A or B", ...). */
static void
check_suggestion(jv config, jv invalid)
{
	jv msg = jv_invalid_get_msg(invalid);
	const char *s = jv_string_value(msg), *p, *at = NULL;
	const char *mark = "in the config: did you mean ";

	for (p = s; (p = strstr(p, mark)); p++)
		at = p + strlen(mark);
	if (at && s[strlen(s) - 1] == '?')
		CHECK(names_places(config, at, strlen(at) - 1));
	jv_free(msg);
}

static void
check_key(struct keypath *kp, jv config, int create)
{
	jv paths = keypath_resolve(kp, config, create);

	if (!jv_is_valid(paths)) {
		CHECK(fuzz_has_message(paths));
		check_suggestion(config, paths);
		return;
	}
	CHECK(jv_array_length(jv_copy(paths)) > 0);
	jv_array_foreach(paths, i, path) {
		jv there = keypath_get(config, path);

		CHECK(jv_get_kind(path) == JV_KIND_ARRAY);
		CHECK(create || jv_is_valid(there));
		if (!create)
			check_roundtrip(config, path);
		jv_free(there);
		jv_free(path);
		(void)i;
	}
	jv_free(paths);
}

/* Whether the jq path KP fails on CONFIG (borrowed): when jq raised an
   error on the way (also while keypath drains a refused path), libjq 1.6
   may keep a reference into the config that it never drops (jq '.b[] |
   .x' on {"b": {"c": true}} leaks the key "c"), which is not ours. */
static int
jq_fails(struct keypath *kp, jv config)
{
	jv paths;
	int fails;

	if (keypath_key(kp)[0] != '.')
		return 0;
	fuzz_lsan_disable();
	paths = keypath_resolve(kp, config, 0);
	fails = !jv_is_valid(paths);
	jv_free(paths);
	fuzz_lsan_enable();
	return fails;
}

/* The config after the key (S, N bytes), else the small fixture. */
static jv
parse_config(const char *s, size_t n)
{
	jv config = s ? fuzz_parse(s, n) : jv_invalid();

	if (jv_get_kind(config) != JV_KIND_OBJECT) {
		jv_free(config);
		config = jv_parse(small);
	}
	return config;
}

/* The config for KP, untracked by LeakSanitizer when KP meets libjq's
   leak (found on an untracked copy). */
static jv
config_for(struct keypath *kp, const char *s, size_t n)
{
	jv config;
	int fails;

	fuzz_lsan_disable();
	config = parse_config(s, n);
	fails = jq_fails(kp, config);
	fuzz_lsan_enable();
	if (fails)
		return config;
	jv_free(config);
	return parse_config(s, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *end;
	struct keypath *kp;
	size_t klen;
	char *key;
	jv config, err;

	if (size < 1)
		return 0;
	end = memchr(data + 1, '\0', size - 1);
	klen = end ? (size_t)(end - data - 1) : size - 1;
	if (klen > MAX_KEY)
		return 0;
	if (data[0] & 1)
		key = jq_key(data + 1, klen);
	else if (klen > 0 && data[1] == '.')
		return 0;	/* a jq path, only from tokens */
	else
		key = fuzz_string(data + 1, klen);
	if (!(kp = keypath_compile(key, &err))) {
		CHECK(fuzz_has_message(err));
		jv_free(err);
		free(key);
		return 0;
	}
	CHECK(!strcmp(keypath_key(kp), key));
	config = config_for(kp, end ? (const char *)end + 1 : NULL,
	    end ? size - klen - 2 : 0);
	check_key(kp, config, data[0] & 2);
	keypath_free(kp);
	jv_free(config);
	free(key);
	return 0;
}
