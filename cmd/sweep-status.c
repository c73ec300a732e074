/* sweep-status: where each run of a sweep stands. */
#include <argp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "die.h"
#include "json.h"
#include "runs.h"
#include "stream.h"
#include "table.h"

static const char doc[] =
    "Say where each run of the sweep that SCRIPT launches stands: one "
    "JSON line a run, in run order: {\"name\", \"index\", \"state\", "
    "\"exit\", \"seconds\", \"log\"}."
    "\v"
    "The runs are those of the manifest that sweep-script -s wrote beside "
    "SCRIPT (SCRIPT.manifest); their markers are in SCRIPT.logs. state "
    "is pending (not started), running, done (exit status 0) or failed "
    "(an exit status not 0, or exit null: the shell that ran it on this "
    "host is gone without marking its end, killed by SIGKILL or a "
    "restart); exit is the run's exit status, or null; seconds is how long it ran, "
    "or has run so far, or null; log is the path of its output. A run "
    "whose config changed since it ran (another hash in its .exit "
    "marker) is pending again. A marker without its newline yet is being "
    "written: its run is running. The markers are there only when the "
    "script logs (sweep-script --logs, -l parallel or -l slurm); without "
    "SCRIPT.logs every run is pending, and a line on stderr says so.\n\n"
    "Exit status: 0 when every run is done, 1 when a run failed (or on "
    "an error), 2 when none failed but some are pending or running.";

static const struct argp_option options[] = {
	{ "table", 't', 0, 0, "Print aligned columns and a count line "
	  "instead of JSON lines", 0 },
	{ 0 }
};

struct opts {
	const char *script;
	int table;
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case 't': o->table = 1; break;
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

static const char *const states[] = { "done", "failed", "running",
	"pending" };
enum { NSTATES = sizeof states / sizeof states[0] };

/* The line of RUN (consumed) in state STATE (consumed). */
static jv
status_line(jv run, jv state)
{
	jv line = jv_object();

	line = jv_object_set(line, jv_string("name"), json_get(run, "name"));
	line = jv_object_set(line, jv_string("index"), json_get(run, "index"));
	jv_free(run);
	return jv_object_merge(line, state);
}

/* Counts LINE's (borrowed) state in COUNT. */
static void
count_state(jv line, long *count)
{
	jv state = json_get(line, "state");

	for (int i = 0; i < NSTATES; i++)
		if (!strcmp(jv_string_value(state), states[i]))
			count[i]++;
	jv_free(state);
}

/* "8 runs: 5 done, 1 failed, 1 running, 1 pending", zeros left out. */
static void
put_counts(struct buf *b, const long *count)
{
	char text[64];
	long all = 0;
	const char *sep = ":";

	for (int i = 0; i < NSTATES; i++)
		all += count[i];
	snprintf(text, sizeof text, "%ld run%s", all, all == 1 ? "" : "s");
	buf_adds(b, text);
	for (int i = 0; i < NSTATES; i++) {
		if (!count[i])
			continue;
		snprintf(text, sizeof text, "%s %ld %s", sep, count[i],
		    states[i]);
		buf_adds(b, text);
		sep = ",";
	}
	buf_addc(b, '\n');
}

/* LINES (consumed) as a table, then the counts. */
static void
put_table(struct writer *out, jv lines, const long *count)
{
	jv header = JV_ARRAY(jv_string("name"), jv_string("index"),
	    jv_string("state"), jv_string("exit"), jv_string("seconds"),
	    jv_string("log"));
	jv rows = jv_array();

	jv_array_foreach(lines, i, line) {
		jv row = jv_array();

		jv_array_foreach(header, j, col) {
			row = jv_array_append(row, jv_object_get(jv_copy(line),
			    col));
		}
		rows = jv_array_append(rows, row);
		jv_free(line);
	}
	table_print(&out->b, header, rows, TABLE_ALIGNED);
	put_counts(&out->b, count);
	jv_free(header);
	jv_free(rows);
	jv_free(lines);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct runs *r;
	struct writer out;
	long count[NSTATES] = { 0 };
	time_t now = time(NULL);
	jv run, line, lines = jv_array();

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	r = runs_open(o.script);
	runs_check_logs(r);
	writer_init(&out, 1, "stdout");
	out.epipe_quiet = 1;
	while (jv_is_valid(run = runs_next(r))) {
		line = status_line(jv_copy(run), runs_state(r, run, now));
		jv_free(run);
		count_state(line, count);
		if (o.table) {
			lines = jv_array_append(lines, line);
			continue;
		}
		writer_line(&out, line);
		writer_flush(&out, 65536);
		jv_free(line);
	}
	runs_close(r);
	if (o.table)
		put_table(&out, lines, count);
	else
		jv_free(lines);
	writer_close(&out);
	return count[1] ? 1 : count[2] || count[3] ? 2 : 0;
}
