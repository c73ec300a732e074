/* sweep-name: give each run its identity. */
#include <argp.h>

#include "die.h"
#include "json.h"
#include "name.h"
#include "parse.h"
#include "spec.h"
#include "stream.h"

static const char doc[] =
    "Name the runs on stdin: write the name to .run.name and, where the "
    "config has the name key, there, and the parameters to meta."
    "\v"
    NAME_RULE " Options given to sweep-add come with the runs; given here "
    "too, they win.\n\n"
    "Name = base, then for every named parameter that is not hidden: "
    "_NAME, then _VALUE unless VALUE is empty. VALUE is the value's name "
    "when given, else the value: a string as is, a number as jq prints "
    "it, an array as its elements joined by _. A / in a name becomes -. "
    "A run that has a name keeps it: naming twice names once.";

static const struct argp_child children[] = {
	{ &name_argp, 0, "Naming runs:", 1 },
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static const struct argp argp = { 0, 0, 0, doc, children, 0, 0 };

int
main(int argc, char **argv)
{
	struct namer n = { 0 };
	struct canon *c = canon_new();
	struct reader *r;
	struct writer out;
	const char *text, *end;
	size_t len;
	int rc;
	jv v, ok;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &n);
	namer_init(&n);
	r = reader_open("-", "pipe runs from sweep-expand here");
	writer_init(&out, 1, "stdout");
	while ((rc = reader_next_text(r, &text, &len)) != 0) {
		if (rc > 0 && name_run_text(&n, c, text, len, &out.b) == 0) {
			buf_addc(&out.b, '\n');
			writer_flush(&out, 65536);
			continue;
		}
		if (rc > 0)
			parse_value(text, text + len, 1, &v, &end);
		else if (!jv_is_valid(v = reader_next(r)))
			break;
		if (!run_is(v) && !jv_is_valid(ok = run_flaw(v)))
			die_jv(reader_where(r), ok);
		if (!run_is(v))
			die("%s: not a run%s: pipe runs from sweep-expand here",
			    reader_where(r),
			    spec_is(v) ? " but a sweep spec" : "");
		v = name_run(&n, v);
		if (!jv_is_valid(v))
			die_jv(reader_where(r), v);
		writer_line(&out, v);
		jv_free(v);
	}
	writer_close(&out);
	reader_close(r);
	namer_free(&n);
	canon_free(c);
	return 0;
}
