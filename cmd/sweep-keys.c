/* sweep-keys: every key path of a config, one a line. */
#include <argp.h>

#include "die.h"
#include "keypath.h"
#include "spec.h"
#include "stream.h"

static const char doc[] =
    "List every key path of the config in FILE (default: stdin), one a "
    "line, parents first: dotted where it can be, else as a jq path. "
    "For a sweep spec, the keys of its base."
    "\v"
    "These are the keys sweep-add -k takes, and what shell completion "
    "offers after -k.";

struct opts {
	const char *file;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (o->file)
			argp_error(state, "more than one FILE: give one");
		o->file = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { 0, parse_opt, "[FILE]", doc, 0, 0, 0 };

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct writer out;
	jv config, paths;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	config = read_one_value(o.file ? o.file : "-", "give a JSON config");
	if (spec_is(config))
		config = jv_object_get(config, jv_string("base"));
	paths = keypath_all(config);
	writer_init(&out, 1, "stdout");
	jv_array_foreach(paths, i, path) {
		jv text = keypath_text(path);

		buf_add(&out.b, jv_string_value(text),
		    (size_t)jv_string_length_bytes(jv_copy(text)));
		buf_addc(&out.b, '\n');
		writer_flush(&out, 65536);
		jv_free(text);
		(void)i;
	}
	writer_close(&out);
	jv_free(paths);
	jv_free(config);
	return 0;
}
