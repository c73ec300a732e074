/* program: a jq program compiled once, with jq's complaint as one line. */
#include <string.h>

#include "die.h"
#include "json.h"
#include "program.h"

/* Keeps the first message jq reports in *DATA (a jv, null until then). */
static void
keep_first(void *data, jv msg)
{
	jv *first = data;

	if (jv_get_kind(*first) == JV_KIND_NULL &&
	    jv_get_kind(msg) == JV_KIND_STRING)
		*first = msg;
	else
		jv_free(msg);
}

static void
drop(void *data, jv msg)
{
	(void)data;
	jv_free(msg);
}

/* "jq: error: MESSAGE at <top-level>, line 1:\nPROGRAM" gives MESSAGE. */
static jv
gist(jv msg)
{
	const char *s, *end;
	jv out;

	if (jv_get_kind(msg) != JV_KIND_STRING) {
		jv_free(msg);
		return jv_string("it does not compile");
	}
	s = jv_string_value(msg);
	if (!strncmp(s, "jq: error: ", 11))
		s += 11;
	if (!(end = strstr(s, " at <top-level>")))
		end = s + strcspn(s, "\n");
	out = json_string(s, (size_t)(end - s));
	jv_free(msg);
	return out;
}

jq_state *
program_compile(const char *program, jv *why)
{
	jq_state *jq = jq_init();
	jv first = jv_null();

	if (!jq)
		die("out of memory");
	jq_set_error_cb(jq, keep_first, &first);
	if (!jq_compile(jq, program)) {
		*why = gist(first);
		jq_teardown(&jq);
		return NULL;
	}
	jq_set_error_cb(jq, drop, NULL);
	jv_free(first);
	return jq;
}

jv
program_error_text(jv msg)
{
	if (jv_get_kind(msg) == JV_KIND_STRING)
		return msg;
	return jv_dump_string(msg, 0);
}

jv
program_halted(jq_state *jq)
{
	jv msg;

	if (!jq_halted(jq))
		return jv_false();
	msg = jq_get_error_message(jq);
	if (jv_get_kind(msg) == JV_KIND_NULL || !jv_is_valid(msg)) {
		jv_free(msg);
		return jv_string("");
	}
	return program_error_text(msg);
}

jv
program_failure(jq_state *jq, jv last)
{
	jv msg, out;

	if (jv_invalid_has_msg(jv_copy(last)))
		return program_error_text(jv_invalid_get_msg(last));
	jv_free(last);
	msg = program_halted(jq);
	if (jv_get_kind(msg) != JV_KIND_STRING)
		return msg;
	out = jv_string_length_bytes(jv_copy(msg)) ? jv_string_fmt("it "
	    "halts: %s", jv_string_value(msg)) : jv_string("it halts");
	jv_free(msg);
	return out;
}
