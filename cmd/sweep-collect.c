/* sweep-collect: each run's parameters beside its metrics. */
#include <argp.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "die.h"
#include "json.h"
#include "metrics.h"
#include "runs.h"
#include "stream.h"

static const char doc[] =
    "Join each run of the sweep that SCRIPT launches with its metrics: "
    "one JSON line a run, in run order: {\"name\", \"index\", \"state\", "
    "\"params\": {NAME: VALUE}, \"metrics\": {...}}."
    "\v"
    "The runs and their parameters are those of the manifest that "
    "sweep-script -s wrote beside SCRIPT; state is as sweep-status says. "
    "PATTERN is the path of a run's metrics file, relative to the working "
    "directory, with {name} (the run's name), {index} (its index) and "
    "{config_dir} (the directory of its config) filled in; two runs may "
    "not read one file.\n\n"
    "A metrics file is a JSON object, JSON lines (the last line counts) "
    "or CSV (the last row counts, under the header's names; a field that "
    "is a number is a number, an empty one null). A last line without "
    "its newline that does not parse yet (or a CSV row with too few "
    "fields, or one that ends inside quotes; while the run is running, "
    "any CSV row) is being written: the one before counts. A UTF-8 byte order mark is skipped. A run without a "
    "metrics file, or with nothing in it yet, has the metrics {}; one "
    "that is not a regular file, holds a NUL byte or is over 1 GiB is an "
    "error. When runs ended but none left a metrics file there, a line "
    "on stderr says so.\n\n"
    "-f FILTER makes the metrics of any other format: its input is the "
    "file's last JSON value or CSV row (null when the file is neither), "
    "$values every value or row, $text the whole text; its first output "
    "is the metrics (an object; none or null: {}). It is compiled once.";

static const struct argp_option options[] = {
	{ "metrics", 'm', "PATTERN", 0, "Read each run's metrics from "
	  "PATTERN, a path with {name}, {index} and {config_dir}", 0 },
	{ "filter", 'f', "FILTER", 0, "Make the metrics with the jq FILTER "
	  "($values: all values or rows, $text: the file's text)", 0 },
	{ 0 }
};

struct opts {
	const char *script;
	const char *pattern;
	const char *filter;
	struct metrics *metrics;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;
	jv err;

	switch (key) {
	case 'm': o->pattern = arg; break;
	case 'f': o->filter = arg; break;
	case ARGP_KEY_END:
		if (!o->pattern)
			usage_error(state, "no -m PATTERN: say where a run's "
			    "metrics are, such as -m '{config_dir}/{name}.json'");
		o->metrics = metrics_new(o->pattern, o->filter, &err);
		if (!o->metrics) {
			jv msg = jv_invalid_get_msg(err);

			usage_error(state, "%s", jv_string_value(msg));
			jv_free(msg);
		}
		break;
	default:
		return runs_script_opt(key, arg, state, &o->script);
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static const struct argp argp = { options, parse_opt, "SCRIPT", doc,
	children, 0, 0 };

/* PATH (borrowed), an invalid jv, or the metrics path of the run NAME
   (borrowed) when no run before it had it: *SEEN maps each path to its
   run. */
static jv
own_path(jv path, jv name, jv *seen)
{
	jv other;

	if (!jv_is_valid(path))
		return jv_copy(path);
	other = jv_object_get(jv_copy(*seen), jv_copy(path));
	if (jv_is_valid(other)) {
		jv out = fail("runs %s and %s both read %s: put {name} or "
		    "{index} in -m", jv_string_value(other),
		    jv_string_value(name), jv_string_value(path));

		jv_free(other);
		return out;
	}
	jv_free(other);
	*seen = jv_object_set(*seen, jv_copy(path), jv_copy(name));
	return jv_copy(path);
}

/* What the runs left, for a word when no metrics file is found. */
struct tally {
	jv seen;	/* each metrics path: the name of its run */
	long ended;	/* runs done or failed */
	long found;	/* metrics files there */
	jv first;	/* the path of the first run that ended, or null */
};

/* Counts the run in state STATE (borrowed) whose metrics are at PATH
   (borrowed) in T. */
static void
count(struct tally *t, jv state, jv path)
{
	jv s = json_get(state, "state");

	if (jv_is_valid(path) && access(jv_string_value(path), F_OK) == 0)
		t->found++;
	if (!strcmp(jv_string_value(s), "done") ||
	    !strcmp(jv_string_value(s), "failed")) {
		if (!t->ended++ && jv_is_valid(path)) {
			jv_free(t->first);
			t->first = jv_copy(path);
		}
	}
	jv_free(s);
}

/* Whether STATE (borrowed) is a running run's. */
static int
is_running(jv state)
{
	jv s = json_get(state, "state");
	int running = !strcmp(jv_string_value(s), "running");

	jv_free(s);
	return running;
}

/* The line of RUN (consumed): its state from R, its metrics from M;
   or an invalid jv with a message. */
static jv
collect(struct runs *r, struct metrics *m, jv run, time_t now,
    struct tally *t)
{
	jv name = json_get(run, "name"), path = metrics_path(m, run);
	jv state = runs_state(r, run, now), line = jv_object(), metrics;
	jv own = own_path(path, name, &t->seen);

	metrics = jv_is_valid(own) ? metrics_read(m, jv_string_value(own),
	    is_running(state)) : jv_copy(own);
	jv_free(own);
	if (!jv_is_valid(metrics)) {
		jv_free(name);
		jv_free(path);
		jv_free(state);
		jv_free(line);
		jv_free(run);
		return metrics;
	}
	count(t, state, path);
	line = jv_object_set(line, jv_string("name"), name);
	line = jv_object_set(line, jv_string("index"), json_get(run, "index"));
	line = jv_object_set(line, jv_string("state"),
	    jv_object_get(state, jv_string("state")));
	line = jv_object_set(line, jv_string("params"),
	    json_get(run, "params"));
	line = jv_object_set(line, jv_string("metrics"), metrics);
	jv_free(path);
	jv_free(run);
	return line;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct runs *r;
	struct writer out;
	time_t now = time(NULL);
	struct tally t = { jv_object(), 0, 0, jv_null() };
	jv run, line;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	r = runs_open(o.script);
	runs_check_logs(r);
	writer_init(&out, 1, "stdout");
	out.epipe_quiet = 1;
	while (jv_is_valid(run = runs_next(r))) {
		line = collect(r, o.metrics, run, now, &t);
		if (!jv_is_valid(line)) {
			jv_free(t.seen);
			jv_free(t.first);
			runs_close(r);
			metrics_free(o.metrics);
			die_jv(NULL, line);
		}
		writer_line(&out, line);
		writer_flush(&out, 65536);
		jv_free(line);
	}
	writer_close(&out);
	if (t.ended && !t.found && jv_get_kind(t.first) == JV_KIND_STRING)
		warnx("%ld run%s ended but no metrics file is where -m says, "
		    "such as %s: check PATTERN", t.ended, t.ended == 1 ? "" :
		    "s", jv_string_value(t.first));
	jv_free(t.seen);
	jv_free(t.first);
	runs_close(r);
	metrics_free(o.metrics);
	return 0;
}
