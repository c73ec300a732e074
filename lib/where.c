/* where: a jq filter that keeps or drops runs, compiled once. */
#include <stdlib.h>
#include <string.h>
#include <jq.h>

#include "die.h"
#include "where.h"

struct where {
	jq_state *jq;
	jv why;			/* the first message jq reports */
};

static void
keep_first(void *data, jv msg)
{
	struct where *w = data;

	if (jv_get_kind(w->why) == JV_KIND_NULL &&
	    jv_get_kind(msg) == JV_KIND_STRING)
		w->why = msg;
	else
		jv_free(msg);
}

/* jq's "jq: error: MESSAGE at <top-level>, line 1:\nPROGRAM" as
   MESSAGE. */
static jv
short_message(jv why)
{
	const char *s, *end;
	jv out;

	if (jv_get_kind(why) != JV_KIND_STRING) {
		jv_free(why);
		return jv_string("it does not compile");
	}
	s = jv_string_value(why);
	if (!strncmp(s, "jq: error: ", 11))
		s += 11;
	if (!(end = strstr(s, " at <top-level>")))
		end = s + strcspn(s, "\n");
	out = jv_string_sized(s, (int)(end - s));
	jv_free(why);
	return out;
}

struct where *
where_compile(const char *filter, jv *err)
{
	struct where *w = calloc(1, sizeof *w);
	jv prog, why;

	if (!w || !(w->jq = jq_init()))
		die("out of memory");
	w->why = jv_null();
	jq_set_error_cb(w->jq, keep_first, w);
	prog = jv_string_fmt(".run as $run | .config | %s\n", filter);
	if (jq_compile(w->jq, jv_string_value(prog))) {
		jv_free(prog);
		return w;
	}
	jv_free(prog);
	why = short_message(jv_copy(w->why));
	*err = fail("--where: bad filter %s: %s: write a jq filter such as "
	    "'.train.seed == 1'", filter, jv_string_value(why));
	jv_free(why);
	where_free(w);
	return NULL;
}

void
where_free(struct where *w)
{
	if (!w)
		return;
	jq_teardown(&w->jq);
	jv_free(w->why);
	free(w);
}

/* The text of jq's error value MSG (consumed). */
static jv
error_text(jv msg)
{
	if (jv_get_kind(msg) == JV_KIND_STRING)
		return msg;
	return jv_dump_string(msg, 0);
}

jv
where_test(struct where *w, jv run)
{
	jv out;

	jq_start(w->jq, jv_copy(run), 0);
	while (jv_is_valid(out = jq_next(w->jq))) {
		jv_kind k = jv_get_kind(out);

		jv_free(out);
		if (k != JV_KIND_FALSE && k != JV_KIND_NULL)
			return jv_true();
	}
	if (jv_invalid_has_msg(jv_copy(out)))
		return jv_invalid_with_msg(error_text(jv_invalid_get_msg(out)));
	jv_free(out);
	return jv_false();
}
