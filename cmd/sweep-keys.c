/* sweep-keys: every key path of a config, one a line. */
#include <argp.h>
#include <string.h>

#include "die.h"
#include "keypath.h"
#include "spec.h"
#include "stream.h"
#include "value.h"

static const char doc[] =
    "List every key path of a config, one a line, parents first: dotted "
    "where it can be, else as a jq path. FILE is the config (default: "
    "stdin); for a sweep spec, the keys of its base."
    "\v"
    "These are the keys sweep-add -k takes. --complete is what shell "
    "completion offers after -k: with --complete=algo.r it lists "
    "algo.rnn and algo.rnn. (whose keys come next) rather than every key "
    "below algo.rnn.";

static const struct argp_option options[] = {
	{ "complete", 'c', "WORD", 0, "Only the keys that start with WORD, "
	    "one level at a time: a deeper key is cut after its next part",
	    0 },
	{ 0 }
};

struct opts {
	const char *file;
	const char *word;	/* --complete */
	size_t word_len;
	struct writer out;
	struct buf last;	/* the last line written with --complete */
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case 'c':
		o->word = arg;
		o->word_len = strlen(arg);
		break;
	case ARGP_KEY_ARG:
		if (o->file)
			usage_error(state, "more than one FILE: give one");
		o->file = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, "[FILE]", doc,
	help_children, 0, 0 };

static void
put_line(struct opts *o, const char *text, size_t len)
{
	buf_add(&o->out.b, text, len);
	buf_addc(&o->out.b, '\n');
	writer_flush(&o->out, 65536);
}

/* With --complete, a key's next level once: the keys below one come
   right after it, so a repeat is always the line before. */
static void
put_key(const char *text, size_t len, void *arg)
{
	struct opts *o = arg;

	if (o->word) {
		if (len < o->word_len || memcmp(text, o->word, o->word_len))
			return;
		len = keypath_level(text, len, o->word_len);
		if (len == o->last.len && !memcmp(text, o->last.p, len))
			return;
		o->last.len = 0;
		buf_add(&o->last, text, len);
	}
	put_line(o, text, len);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	const char *file;
	jv config;
	int spec;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	file = o.file ? o.file : "-";
	config = read_config(file, "give a JSON config", NULL);
	if ((spec = spec_is(config)))
		config = jv_object_get(config, jv_string("base"));
	if (jv_get_kind(config) != JV_KIND_OBJECT) {
		jv err = fail("%s: the %s is %s, not an object: sweep-add "
		    "takes no keys of it: %s", strcmp(file, "-") ? file :
		    "<stdin>", spec ? "sweep spec's base" : "config",
		    value_kind(config), spec ? "make specs with sweep-add" :
		    "give a config such as {\"train\": {...}}");

		jv_free(config);
		die_jv(NULL, err);
	}
	writer_init(&o.out, 1, "stdout");
	o.out.epipe_quiet = 1;
	keypath_each(config, put_key, &o);
	writer_close(&o.out);
	buf_free(&o.last);
	jv_free(config);
	return 0;
}
