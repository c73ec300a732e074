/* where: a jq filter that keeps or drops runs, compiled once. */
#include <stdlib.h>
#include <string.h>
#include <jq.h>

#include "die.h"
#include "program.h"
#include "where.h"

struct where {
	jq_state *jq;
};

struct where *
where_compile(const char *filter, jv *err)
{
	struct where *w = xcalloc(1, sizeof *w);
	jv prog = jv_string_fmt(".run as $run | .config | %s\n", filter), why;

	w->jq = program_compile(jv_string_value(prog), &why);
	jv_free(prog);
	if (w->jq)
		return w;
	*err = fail("--where: bad filter %s: %s: write a jq filter such as "
	    "'.train.seed == 1'", filter, jv_string_value(why));
	jv_free(why);
	free(w);
	return NULL;
}

void
where_free(struct where *w)
{
	if (!w)
		return;
	jq_teardown(&w->jq);
	free(w);
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
	out = program_failure(w->jq, out);
	return jv_get_kind(out) == JV_KIND_STRING ? jv_invalid_with_msg(out) :
	    out;
}
