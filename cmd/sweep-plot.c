/* sweep-plot: a metric against a parameter, drawn by gnuplot. */
#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "die.h"
#include "json.h"
#include "stream.h"
#include "table.h"

extern char **environ;

enum { OPT_BY = 0x100, OPT_LOG_X, OPT_SCRIPT };

static const char doc[] =
    "Draw a metric of the runs on stdin (what sweep-collect writes) "
    "against a parameter, one line for each value of --by, into a PNG or "
    "SVG file, with gnuplot."
    "\v"
    "PARAM, METRIC and --by name columns as sweep-table shows them. A run "
    "is a point when its -x and -y are numbers; runs without them (a "
    "failed run has no metrics) are left out, and no point at all is an "
    "error. An infinite value (Infinity in a metrics file) is left out "
    "too, with a line on stderr. Runs without a --by value are on the "
    "line titled -; a string value that reads as another (\"1\", \"-\") "
    "is titled in quotes. Each line is drawn in the order of -x. FILE ends "
    "in .png or .svg; it is written whole or not at all. gnuplot comes "
    "with the "
    "Debian package gnuplot-nox.";

static const struct argp_option options[] = {
	{ "x", 'x', "PARAM", 0, "The column along the x axis", 0 },
	{ "y", 'y', "METRIC", 0, "The column along the y axis", 0 },
	{ "by", OPT_BY, "PARAM", 0, "One line for each value of PARAM", 0 },
	{ "log-x", OPT_LOG_X, 0, 0, "A logarithmic x axis", 0 },
	{ "output", 'o', "FILE", 0, "Write the plot to FILE, a .png or .svg",
	  0 },
	{ "script", OPT_SCRIPT, 0, 0, "Print gnuplot's script, data and all, "
	  "instead of plotting: gnuplot reads it to write FILE", 0 },
	{ 0 }
};

struct opts {
	const char *x, *y, *by;
	int log_x;
	int script;
	const char *out;
	const char *terminal;	/* gnuplot's, from the suffix of out */
};

static const char *
terminal_of(const char *file)
{
	const char *dot = strrchr(file, '.');

	if (dot && !strcmp(dot, ".png"))
		return "pngcairo noenhanced size 800,500";
	if (dot && !strcmp(dot, ".svg"))
		return "svg noenhanced size 800,500 background rgb 'white'";
	return NULL;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case 'x': o->x = arg; break;
	case 'y': o->y = arg; break;
	case OPT_BY: o->by = arg; break;
	case OPT_LOG_X: o->log_x = 1; break;
	case OPT_SCRIPT: o->script = 1; break;
	case 'o':
		if (!(o->terminal = terminal_of(arg)))
			usage_error(state, "-o %s: give a FILE that ends in "
			    ".png or .svg", arg);
		o->out = arg;
		break;
	case ARGP_KEY_ARG:
		usage_error(state, "%s: sweep-plot reads stdin: pipe "
		    "sweep-collect into it", arg);
		break;
	case ARGP_KEY_END:
		if (!o->x || !o->y || !o->out)
			usage_error(state, "no %s: give -x PARAM, -y METRIC "
			    "and -o FILE", !o->x ? "-x" : !o->y ? "-y" : "-o");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static const struct argp argp = { options, parse_opt, 0, doc, children,
	0, 0 };

/* The text of VALUE (consumed) in a title: a string as it is, - for
   none (as sweep-table shows it), else its JSON. A string that reads
   as another value ("1", "true", "-") is in quotes, so that its line
   is told apart from that value's. */
static jv
text_of(jv value)
{
	jv other;

	if (!jv_is_valid(value)) {
		jv_free(value);
		return jv_string("-");
	}
	if (jv_get_kind(value) != JV_KIND_STRING)
		return jv_dump_string(value, 0);
	other = jv_parse(jv_string_value(value));
	if (jv_is_valid(other) || !strcmp(jv_string_value(value), "-")) {
		jv_free(other);
		return jv_dump_string(value, 0);
	}
	jv_free(other);
	return value;
}

/* The name of RUN (borrowed), the Ith on stdin, for a message: its
   name, or #I+1 when it has none. */
static jv
run_name(jv run, int i)
{
	jv name = jv_object_get(jv_copy(run), jv_string("name"));

	if (jv_get_kind(name) == JV_KIND_STRING)
		return name;
	jv_free(name);
	return jv_string_fmt("#%d", i + 1);
}

/* The cell COL of RUN (borrowed) as a number of the plot: a number, or
   null when the run has none there or an infinite one (jq's Infinity
   and 1e400 are +-DBL_MAX, which gnuplot cannot scale), said on
   stderr. */
static jv
coordinate(jv run, int i, const char *col, const char *opt)
{
	jv v = jv_object_get(jv_copy(run), jv_string(col)), name, text;

	if (jv_get_kind(v) == JV_KIND_NUMBER &&
	    fabs(jv_number_value(v)) >= DBL_MAX) {
		name = run_name(run, i);
		warnx("run %s: %s is infinite: left out of the plot",
		    jv_string_value(name), col);
		jv_free(name);
		jv_free(v);
		return jv_null();
	}
	if (jv_get_kind(v) == JV_KIND_NUMBER)
		return v;
	if (!jv_is_valid(v) || jv_get_kind(v) == JV_KIND_NULL) {
		jv_free(v);
		return jv_null();
	}
	name = run_name(run, i);
	text = text_of(v);
	die("%s: %s is %s in run %s, not a number: plot a column of numbers",
	    opt, col, jv_string_value(brief(jv_string_value(text))),
	    jv_string_value(name));
}

/* The points of the runs (consumed), [x, y] in the order of x, by the
   title of their line. */
static jv
lines_of(struct opts *o, jv runs)
{
	jv lines = jv_object();

	jv_array_foreach(runs, i, run) {
		jv x = coordinate(run, i, o->x, "-x"), title, line;
		jv y = coordinate(run, i, o->y, "-y");

		if (jv_get_kind(x) == JV_KIND_NULL ||
		    jv_get_kind(y) == JV_KIND_NULL) {
			jv_free(x);
			jv_free(y);
			jv_free(run);
			continue;
		}
		if (o->log_x && jv_number_value(x) <= 0)
			die("--log-x: %s is %g in run %s: a log scale needs "
			    "values above 0", o->x, jv_number_value(x),
			    jv_string_value(run_name(run, i)));
		title = o->by ? text_of(jv_object_get(jv_copy(run),
		    jv_string(o->by))) : jv_string(o->y);
		line = jv_object_get(jv_copy(lines), jv_copy(title));
		if (!jv_is_valid(line)) {
			jv_free(line);
			line = jv_array();
		}
		lines = jv_object_set(lines, title,
		    jv_array_append(line, JV_ARRAY(x, y)));
		jv_free(run);
	}
	jv_free(runs);
	return lines;
}

/* Appends S in single quotes, as gnuplot reads it. */
static void
add_quoted(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_addc(b, '\'');
		buf_addc(b, (unsigned char)*s < ' ' ? ' ' : *s);
	}
	buf_addc(b, '\'');
}

/* gnuplot's script: the settings, each line's points as a data block,
   and the plot; into the file OUT, or to gnuplot's stdout when NULL. */
static void
script(struct buf *b, struct opts *o, jv lines, const char *out)
{
	int i = 0;

	buf_adds(b, "set terminal ");
	buf_adds(b, o->terminal);
	buf_adds(b, "\nset output");	/* none: stdout, whatever ~/.gnuplot set */
	if (out) {
		buf_addc(b, ' ');
		add_quoted(b, out);
	}
	buf_adds(b, "\nset xlabel ");
	add_quoted(b, o->x);
	buf_adds(b, "\nset ylabel ");
	add_quoted(b, o->y);
	if (o->by) {
		buf_adds(b, "\nset key title ");
		add_quoted(b, o->by);
	}
	buf_adds(b, "\nset grid\nset key outside right\n");
	if (o->log_x)
		buf_adds(b, "set logscale x\n");
	jv_object_foreach(lines, title, points) {
		char head[32];

		snprintf(head, sizeof head, "$d%d << EOD\n", i++);
		buf_adds(b, head);
		points = jv_sort(points, jv_copy(points));
		jv_array_foreach(points, j, p) {
			jv x = jv_array_get(jv_copy(p), 0);
			jv y = jv_array_get(p, 1);

			json_dump_number(b, x);
			buf_addc(b, ' ');
			json_dump_number(b, y);
			buf_addc(b, '\n');
			jv_free(x);
			jv_free(y);
		}
		buf_adds(b, "EOD\n");
		jv_free(points);
		jv_free(title);
	}
	buf_adds(b, "plot");
	i = 0;
	jv_object_foreach(lines, title, points) {
		char ref[96];

		snprintf(ref, sizeof ref, "%s $d%d using 1:2 with linespoints "
		    "pointtype 7 title ", i ? "," : "", i);
		i++;
		buf_adds(b, ref);
		add_quoted(b, jv_string_value(title));
		jv_free(title);
		jv_free(points);
	}
	buf_addc(b, '\n');
}

/* The last line with something in it of what FD holds, trimmed. */
static jv
last_line(int fd)
{
	struct buf b = { 0 };
	char chunk[4096];
	ssize_t n;
	size_t end, start;
	jv line;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, n);
	end = b.len;
	while (end > 0 && strchr(" \t\r\n", b.p[end - 1]))
		end--;
	for (start = end; start > 0 && b.p[start - 1] != '\n'; start--)
		;
	while (start < end && strchr(" \t", b.p[start]))
		start++;
	line = end ? jv_string_sized(b.p + start, (int)(end - start)) :
	    jv_string("it said nothing");
	buf_free(&b);
	return line;
}

/* Runs gnuplot on SCRIPT (LEN bytes), its output into the file OUT;
   dies, saying why, when it fails. */
static void
gnuplot(const char *script, size_t len, int out)
{
	char *argv[] = { "gnuplot", NULL };
	posix_spawn_file_actions_t fa;
	FILE *err = tmpfile();
	int fd[2], status, rc;
	pid_t pid;

	if (!err || pipe(fd) < 0)
		die("gnuplot: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_adddup2(&fa, fileno(err), 2);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[0]);
	if (rc == ENOENT)
		die("gnuplot not found: install the Debian package gnuplot-nox");
	if (rc)
		die("gnuplot: %s", strerror(rc));
	write_all(fd[1], script, len);	/* an early exit says why below */
	close(fd[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("gnuplot: %s", strerror(errno));
	die_check_signal();
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("gnuplot failed: %s: run the same with --script to see "
		    "what it read", jv_string_value(last_line(fileno(err))));
	fclose(err);
}

/* The cleanup hook: removes the file gnuplot writes (ARG), which is
   renamed to the plot once it is whole. */
static void
remove_tmp(void *arg)
{
	unlink(arg);
}

/* A new empty file beside OUT, readable as a new file would be, into
   *TMP; returns it open. */
static int
make_tmp(const char *out, char **tmp)
{
	const char *base = strrchr(out, '/');
	jv path = base ? jv_string_fmt("%.*s/.%s.XXXXXX", (int)(base - out),
	    out, base + 1) : jv_string_fmt(".%s.XXXXXX", out);
	mode_t mask = umask(0);
	struct stat st;
	int fd;

	umask(mask);
	*tmp = xstrdup(jv_string_value(path));
	jv_free(path);
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		die("-o %s: a directory: give the FILE to write in it, such "
		    "as %s/plot.png", out, out);
	if ((fd = mkstemp(*tmp)) < 0)
		die("-o %s: %s: give a FILE in a directory that exists and "
		    "you may write", out, strerror(errno));
	fchmod(fd, 0666 & ~mask);
	return fd;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct buf b = { 0 };
	char *tmp;
	int fd;
	jv names = jv_array(), runs, lines;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	runs = table_read_runs(&names);
	table_check_column(names, o.x, "-x");
	table_check_column(names, o.y, "-y");
	if (o.by)
		table_check_column(names, o.by, "--by");
	jv_free(names);
	lines = lines_of(&o, runs);
	if (jv_object_length(jv_copy(lines)) == 0)
		die("nothing to plot: no run has numbers at both %s and %s "
		    "(have any finished?)", o.x, o.y);
	if (o.script) {
		struct writer out;

		writer_init(&out, 1, "stdout");
		script(&out.b, &o, lines, o.out);
		writer_close(&out);
		jv_free(lines);
		return 0;
	}
	die_catch_signals();
	fd = make_tmp(o.out, &tmp);
	die_on_exit(remove_tmp, tmp);
	script(&b, &o, lines, NULL);
	jv_free(lines);
	gnuplot(b.p, b.len, fd);
	if (fsync(fd) < 0 || close(fd) < 0)
		die("-o %s: %s: check the disk", o.out, strerror(errno));
	if (rename(tmp, o.out) < 0)
		die("-o %s: %s: give another FILE", o.out, strerror(errno));
	die_on_exit(NULL, NULL);
	free(tmp);
	buf_free(&b);
	return 0;
}
