/* runs: the manifest beside a script and its runs' markers. */
#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "die.h"
#include "json.h"
#include "runs.h"
#include "stream.h"

struct runs {
	struct reader *in;
	char *manifest;		/* SCRIPT.manifest */
	struct buf path;	/* SCRIPT.logs/, then a marker's name */
	size_t dir_len;
	size_t base_len;	/* SCRIPT's directory's, with its '/' */
	jv names;		/* the names met, as keys */
	char host[HOST_NAME_MAX + 1];	/* this host's name, or "" */
};

int
runs_script_opt(int key, char *arg, struct argp_state *state,
    const char **script)
{
	switch (key) {
	case ARGP_KEY_ARG:
		if (*script)
			usage_error(state, "more than one SCRIPT: give one");
		*script = arg;
		return 0;
	case ARGP_KEY_NO_ARGS:
		usage_error(state, "no SCRIPT: name the script that "
		    "sweep-script -s wrote");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

struct runs *
runs_open(const char *script)
{
	struct runs *r = xcalloc(1, sizeof *r);
	size_t n = strlen(script);
	struct stat st;

	r->manifest = xmalloc(n + sizeof ".manifest");
	memcpy(r->manifest, script, n);
	memcpy(r->manifest + n, ".manifest", sizeof ".manifest");
	if (stat(r->manifest, &st) < 0) {
		if (errno == ENOENT)
			die("no manifest beside %s: make it with sweep-script "
			    "-s %s", script, script);
	} else if (!S_ISREG(st.st_mode))
		die("%s is not a file: the manifest is what sweep-script -s "
		    "wrote: make it again", r->manifest);
	r->names = jv_object();
	if (gethostname(r->host, sizeof r->host) < 0)
		r->host[0] = '\0';
	r->host[sizeof r->host - 1] = '\0';
	r->in = reader_open(r->manifest, "the manifest is what "
	    "sweep-script -s wrote: make it again");
	buf_add(&r->path, script, n);
	r->base_len = strrchr(script, '/') ? (size_t)(strrchr(script, '/') -
	    script) + 1 : 0;
	buf_adds(&r->path, ".logs/");
	r->dir_len = r->path.len;
	return r;
}

void
runs_check_logs(struct runs *r)
{
	struct stat st;
	char *dir = xmalloc(r->dir_len);

	memcpy(dir, r->path.p, r->dir_len - 1);
	dir[r->dir_len - 1] = '\0';
	if (stat(dir, &st) < 0 && errno == ENOENT)
		warnx("no %s: no run has started; a script logs its runs there "
		    "when sweep-script made it with --logs, -l parallel or "
		    "-l slurm", dir);
	free(dir);
}

void
runs_close(struct runs *r)
{
	if (!r)
		return;
	reader_close(r->in);
	jv_free(r->names);
	buf_free(&r->path);
	free(r->manifest);
	free(r);
}

/* Why RUN (borrowed) is not a run of the manifest, or NULL. */
static const char *
bad_run(jv run)
{
	jv name = json_get(run, "name"), index = json_get(run, "index");
	jv params = json_get(run, "params");
	const char *why = NULL, *s;

	if (jv_get_kind(run) != JV_KIND_OBJECT)
		why = "not an object";
	else if (jv_get_kind(name) != JV_KIND_STRING)
		why = "no name";
	else if (!*(s = jv_string_value(name)) || strchr(s, '/') ||
	    strlen(s) != (size_t)jv_string_length_bytes(jv_copy(name)) ||
	    !strcmp(s, ".") || !strcmp(s, ".."))
		why = "a name that is no file name";
	else if (jv_get_kind(index) != JV_KIND_NUMBER)
		why = "no index";
	else if (jv_get_kind(params) != JV_KIND_OBJECT)
		why = "no params object";
	jv_free(name);
	jv_free(index);
	jv_free(params);
	return why;
}

/* RUN (consumed) with its config, when relative (sweep-script
   --relative), made relative to the working directory instead of the
   manifest's. */
static jv
config_here(struct runs *r, jv run)
{
	jv config = json_get(run, "config");

	if (r->base_len && jv_get_kind(config) == JV_KIND_STRING &&
	    *jv_string_value(config) != '/')
		run = jv_object_set(run, jv_string("config"),
		    jv_string_fmt("%.*s%s", (int)r->base_len, r->path.p,
		    jv_string_value(config)));
	jv_free(config);
	return run;
}

/* Whether a run named as RUN (borrowed) came before it; notes it. */
static int
met(struct runs *r, jv run)
{
	jv name = json_get(run, "name");
	int seen = jv_object_has(jv_copy(r->names), jv_copy(name));

	r->names = jv_object_set(r->names, name, jv_true());
	return seen;
}

jv
runs_next(struct runs *r)
{
	jv run = reader_next(r->in);
	const char *why = NULL;

	if (jv_is_valid(run) && !(why = bad_run(run)) && met(r, run))
		why = "a second run of that name";
	if (jv_is_valid(run) && why) {
		jv_free(run);
		die("%s: %s: make the manifest again with sweep-script -s",
		    reader_where(r->in), why);
	}
	return jv_is_valid(run) ? config_here(r, run) : run;
}

/* The path of NAME's marker with SUFFIX, until the next call. */
static const char *
marker(struct runs *r, const char *name, const char *suffix)
{
	r->path.len = r->dir_len;
	buf_adds(&r->path, name);
	buf_adds(&r->path, suffix);
	buf_addc(&r->path, '\0');
	return r->path.p;
}

static _Noreturn void
bad_marker(const char *path, const char *form)
{
	die("%s: not %s: the run writes it; remove it to run it again",
	    path, form);
}

/* Dies, saying why the marker PATH of R cannot be read (ERR an errno). */
static _Noreturn void
unreadable(struct runs *r, const char *path, int err)
{
	if (err == ENOTDIR)
		die("%.*s is not a directory: the script keeps its runs' logs "
		    "there; move it away", (int)r->dir_len - 1, r->path.p);
	die("%s: %s: the run writes it; remove it to run it again", path,
	    strerror(err));
}

/* Reads the marker PATH into LINE (SIZE bytes, NUL-ended): its length,
   or -1 when there is none. Only a regular file is read: a FIFO would
   block. */
static ssize_t
read_marker(struct runs *r, const char *path, char *line, size_t size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	ssize_t n, len = 0;

	if (fd < 0 && errno == ENOENT)
		return -1;
	if (fd < 0)
		unreadable(r, path, errno);
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		bad_marker(path, "a file");
	}
	while ((n = read(fd, line + len, size - 1 - len)) > 0)
		if ((size_t)(len += n) == size - 1)
			break;
	close(fd);
	if (n < 0)
		unreadable(r, path, errno);
	line[len] = '\0';
	return len;
}

/* Reads the marker PATH into LINE (SIZE bytes, NUL-ended): 1 when it
   is whole, 0 while the run writes it (no newline at its end yet), -1
   when there is none. Dies when it is longer than a marker can be. */
static int
written(struct runs *r, const char *path, char *line, size_t size)
{
	ssize_t n = read_marker(r, path, line, size);

	if (n < 0)
		return -1;
	if ((size_t)n == size - 1)
		bad_marker(path, "one short line");
	return n > 0 && line[n - 1] == '\n';
}

/* A number of a marker at *P, moving *P past it; NAN if none. */
static double
number_at(char **p)
{
	char *end;
	double x;

	errno = 0;
	x = strtod(*p, &end);
	if (end == *p || errno || !isfinite(x) || !strchr(" \t\r\n", *end))
		return NAN;
	*p = end + strspn(end, " \t\r\n");
	return x;
}

/* A run's start, from its .run marker: "START_EPOCH PID HOST", the
   process that runs it and marks its end, and where; "START_EPOCH" from
   an older script. */
struct start {
	double time;		/* NAN: no marker */
	long pid;		/* 0: not known */
	char host[HOST_NAME_MAX + 1];
};

/* The run's start from its .run marker: time NAN if none, or NOW while
   the run writes it (a marker without its newline). */
static struct start
start_of(struct runs *r, const char *name, time_t now)
{
	const char *path = marker(r, name, ".run");
	struct start st = { NAN, 0, "" };
	char line[256], *p = line, *end;
	size_t n;
	int w;

	if ((w = written(r, path, line, sizeof line)) <= 0) {
		st.time = w < 0 ? NAN : (double)now;
		return st;
	}
	p += strspn(p, " \t\r\n");
	if (isnan(st.time = number_at(&p)))
		bad_marker(path, "one line: START_EPOCH PID HOST");
	if (!*p)
		return st;
	errno = 0;
	st.pid = strtol(p, &end, 10);
	n = strspn(end, " \t\r\n");
	if (end == p || errno || st.pid < 1 || (!n && *end) ||
	    (n = strcspn(end += n, " \t\r\n")) >= sizeof st.host ||
	    end[n + strspn(end + n, " \t\r\n")])
		bad_marker(path, "one line: START_EPOCH PID HOST");
	memcpy(st.host, end, n);
	st.host[n] = '\0';
	return st;
}

/* Whether the process that runs the run of start S is gone, so that the
   run can never be marked as ended: it ran on this host, R's, and no
   process has its pid. */
static int
gone(const struct runs *r, const struct start *s)
{
	return s->pid > 0 && *s->host && !strcmp(r->host, s->host) &&
	    kill((pid_t)s->pid, 0) < 0 && errno == ESRCH;
}

struct end {
	int written;		/* an .exit with something in it */
	int exit;
	double time;
	char hash[128];
};

/* The run's end from its .exit marker: "EXIT END_EPOCH HASH". */
static struct end
end_of(struct runs *r, const char *name)
{
	const char *path = marker(r, name, ".exit");
	struct end e = { 0 };
	char line[256], *p = line;
	double x;
	size_t n;

	if (written(r, path, line, sizeof line) <= 0)
		return e;	/* none, or not written yet */
	p += strspn(p, " \t\r\n");
	x = number_at(&p);
	if (!(x >= INT_MIN && x <= INT_MAX) || x != floor(x) ||
	    isnan(e.time = number_at(&p)) ||
	    (n = strcspn(p, " \t\r\n")) >= sizeof e.hash ||
	    p[n + strspn(p + n, " \t\r\n")])
		bad_marker(path, "one line: EXIT END_EPOCH HASH");
	e.written = 1;
	e.exit = (int)x;
	memcpy(e.hash, p, n);
	e.hash[n] = '\0';
	return e;
}

/* Whether the end E belongs to RUN's config: it does when either has no
   hash. */
static int
same_config(const struct end *e, jv run)
{
	jv hash = json_get(run, "hash");
	int same = jv_get_kind(hash) != JV_KIND_STRING || !*e->hash ||
	    !strcmp(e->hash, jv_string_value(hash));

	jv_free(hash);
	return same;
}

/* Seconds from A to B, to the millisecond. */
static jv
seconds(double a, double b)
{
	return jv_number(round((b - a) * 1000) / 1000);
}

/* The state object: STATE, EXIT and SECONDS (consumed). */
static jv
state_is(const char *state, jv exit, jv secs)
{
	jv o = jv_object_set(jv_object(), jv_string("state"),
	    jv_string(state));

	o = jv_object_set(o, jv_string("exit"), exit);
	return jv_object_set(o, jv_string("seconds"), secs);
}

jv
runs_state(struct runs *r, jv run, time_t now)
{
	jv name = json_get(run, "name"), state;
	const char *s = jv_string_value(name);
	struct start st = start_of(r, s, now);
	struct end e = end_of(r, s);
	int rerun = e.written && st.time > e.time;

	if (e.written && same_config(&e, run) && !rerun)
		state = state_is(e.exit ? "failed" : "done", jv_number(e.exit),
		    isnan(st.time) ? jv_null() : seconds(st.time, e.time));
	else if (!isnan(st.time) && (!e.written || rerun) && gone(r, &st))
		state = state_is("failed", jv_null(), jv_null());
	else if (!isnan(st.time) && (!e.written || rerun))
		state = state_is("running", jv_null(),
		    seconds(st.time, (double)now));
	else
		state = state_is("pending", jv_null(), jv_null());
	state = jv_object_set(state, jv_string("log"),
	    jv_string(marker(r, s, ".log")));
	jv_free(name);
	return state;
}
