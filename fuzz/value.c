/* value: typing a command-line value, and its text in a run name.
   Input: a VALUE as sweep-add's argv gives it (cut at a NUL byte).
   Checked: -S keeps the bytes (refuses them when they are not UTF-8,
   as the default and -J do); the default and -J agree where -J takes
   the value; a string's text is its bytes; a run with the value as a
   named parameter gets a name that is "exp_p_" and its text with every
   "/" made "-", or a message. */
#include <string.h>

#include "fuzz.h"
#include "name.h"
#include "parse.h"
#include "value.h"

/* The run sweep-expand writes for one parameter p with VALUE. */
static jv
run_with(jv value)
{
	jv param = JV_OBJECT(jv_string("key"), jv_string("v"),
	    jv_string("name"), jv_string("p"), jv_string("value"),
	    jv_copy(value), jv_string("value_name"), jv_null(),
	    jv_string("hidename"), jv_false());
	jv run = JV_OBJECT(jv_string("index"), jv_number(0),
	    jv_string("base_file"), jv_null(), jv_string("base_dir"),
	    jv_null(), jv_string("params"), JV_ARRAY(param),
	    jv_string("name"), jv_null());
	jv config = JV_OBJECT(jv_string("experiment"),
	    JV_OBJECT(jv_string("name"), jv_string("exp")),
	    jv_string("v"), value);

	return JV_OBJECT(jv_string("run"), run, jv_string("config"), config);
}

static void
check_name(jv value)
{
	struct namer n = { 0 };
	struct buf text = { 0 }, want = { 0 };
	jv run, named, name;
	int object;

	buf_adds(&want, "exp_p_");
	if ((object = value_text(&text, value) < 0))
		CHECK(jv_get_kind(value) == JV_KIND_OBJECT ||
		    jv_get_kind(value) == JV_KIND_ARRAY);
	buf_add(&want, text.p, text.len);
	if (text.len == 0)
		want.len--;	/* no "_" before an empty text */
	for (size_t i = 0; i < want.len; i++)
		if (want.p[i] == '/')
			want.p[i] = '-';
	namer_init(&n);
	run = run_with(jv_copy(value));
	named = name_run(&n, jv_copy(run));
	if (jv_is_valid(named)) {
		CHECK(!object);
		name = jv_getpath(jv_copy(named), JV_ARRAY(jv_string("run"),
		    jv_string("name")));
		CHECK(jv_equal(jv_copy(name), jv_string_sized(want.p,
		    (int)want.len)));
		jv_free(name);
	} else
		CHECK(object || want.len > NAME_MAX_BYTES ||
		    memchr(want.p, '\0', want.len));
	fuzz_check_named(&n, run, named);
	namer_free(&n);
	buf_free(&text);
	buf_free(&want);
	jv_free(value);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *arg = fuzz_string(data, size);
	int leaks = fuzz_jq_leak_at((const uint8_t *)arg, strlen(arg)) >= 0;
	jv s = value_from_arg(arg, VALUE_STRING), a, j;

	if (leaks)
		fuzz_lsan_disable();	/* libjq 1.6's, in jv_parse */
	a = value_from_arg(arg, VALUE_AUTO);
	j = value_from_arg(arg, VALUE_JSON);
	if (leaks)
		fuzz_lsan_enable();
	if (parse_utf8(arg, strlen(arg)))
		CHECK(jv_equal(jv_copy(s), jv_string(arg)));
	else	/* libjq would write U+FFFD: refused */
		CHECK(fuzz_has_message(s) && !jv_is_valid(a) &&
		    !jv_is_valid(j));
	if (jv_is_valid(j))
		CHECK(jv_equal(jv_copy(j), jv_copy(a)));
	else
		CHECK(fuzz_has_message(j));
	if (jv_is_valid(a)) {
		CHECK(value_fits(a, a) && value_fits(jv_null(), a));
		CHECK(strlen(value_kind(a)) > 0);
		if (jv_get_kind(a) == JV_KIND_STRING && !jv_is_valid(j))
			CHECK(jv_equal(jv_copy(a), jv_copy(s)));
		check_name(jv_copy(a));
	} else
		CHECK(fuzz_has_message(a));
	if (jv_is_valid(s))
		check_name(jv_copy(s));
	jv_free(s);
	jv_free(a);
	jv_free(j);
	free(arg);
	return 0;
}
