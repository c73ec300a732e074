/* stream: reading a stream of JSON values, writing compact lines. */
#include <errno.h>
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/socket.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "die.h"
#include "keypath.h"
#include "parse.h"
#include "stream.h"

#define CHUNK (256 * 1024)

/* The room for a hint config_hint makes: it names the file twice. */
#define HINT_MAX (3 * PATH_MAX)

/* Values are read by parse.c's strict parser straight from the buffer;
   at the first value it leaves to libjq, the rest of the stream goes
   through libjq's jv_parser, whose positions are then offset by where it
   started. */
struct reader {
	int fd;
	int eof;
	const char *name;
	const char *hint;
	int config;		/* hint is a config's plain one (config_hint) */
	char *made;		/* config_hint's, once an error needed it */
	char *buf;
	size_t cap;
	size_t start;		/* the unread text is buf[start, len) */
	size_t len;
	size_t line_at;		/* offset in buf where the current line starts */
	long line;		/* line at buf[start] */
	long start_line;	/* line where the last value starts */
	jv_parser *parser;	/* libjq's, once it took over */
	long jq_line;		/* where it took over */
	long jq_col;
	size_t counted;		/* with libjq: bytes whose lines are counted */
	size_t handed;		/* with libjq: the end of what it was given */
	int in_string;		/* ... and whether that ends inside a string */
	int escaped;
	size_t base;		/* where buf[0] is in the stream */
	size_t value_at;	/* where the value being read starts */
	int between;
	struct buf *kept;	/* with libjq: what it was given, if asked */
	jv err;			/* a read error, once one happened */
	char where[512];
};

static const char *config_hint(const char *, const char *, char *, size_t);

/* reader_open; with CONFIG, HINT is a config's plain hint, and errors
   end with config_hint's, made only when one happens. */
static struct reader *
open_path(const char *path, const char *hint, int config)
{
	struct reader *r;
	char made[HINT_MAX];
	int fd = 0, e;

	if (strcmp(path, "-")) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			e = errno;
			die("%s: %s: %s", path, strerror(e), config ?
			    config_hint(path, hint, made, sizeof made) : hint);
		}
	} else if (isatty(0)) {
		warnx("stdin is a terminal: %s", hint);
		exit(EXIT_USAGE);
	}
	r = reader_fdopen(fd, strcmp(path, "-") ? path : "<stdin>", hint);
	r->config = config && fd != 0;
	return r;
}

struct reader *
reader_open(const char *path, const char *hint)
{
	return open_path(path, hint, 0);
}

/* The hint that ends R's errors: a config's is made from its file the
   first time an error needs it. */
static const char *
hint_of(struct reader *r)
{
	if (r->config && !r->made) {
		r->made = xmalloc(HINT_MAX);
		config_hint(r->name, r->hint, r->made, HINT_MAX);
	}
	return r->made ? r->made : r->hint;
}

struct reader *
reader_fdopen(int fd, const char *name, const char *hint)
{
	struct reader *r = xcalloc(1, sizeof *r);

	r->buf = xmalloc(CHUNK);
	r->cap = CHUNK;
	r->fd = fd;
	r->name = name;
	r->hint = hint;
	r->line = r->start_line = 1;
	r->between = 1;
	r->err = jv_null();
	return r;
}

void
reader_close(struct reader *r)
{
	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	if (r->parser)
		jv_parser_free(r->parser);
	jv_free(r->err);
	free(r->made);
	free(r->buf);
	free(r);
}

/* Reads once into buf[len, cap); sets eof at the end of input. A read
   error ends the input, with the message in r->err. */
static void
read_some(struct reader *r)
{
	ssize_t n;

	for (;;) {
		n = read(r->fd, r->buf + r->len, r->cap - r->len < CHUNK ?
		    r->cap - r->len : CHUNK);
		die_check_signal();
		if (n >= 0)
			break;
		if (errno != EINTR) {
			jv_free(r->err);
			r->err = fail("%s: %s: %s", r->name, strerror(errno),
			    hint_of(r));
			r->eof = 1;
			return;
		}
	}
	r->len += (size_t)n;
	if (n == 0)
		r->eof = 1;
}

/* Makes room after the unread text, moving it to the front or growing
   the buffer, then reads until it holds at least WANT unread bytes. */
static void
fill(struct reader *r, size_t want)
{
	size_t have = r->len - r->start;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, have);
		r->base += r->start;
		r->line_at -= r->line_at >= r->start ? r->start : r->line_at;
		r->len = have;
		r->start = 0;
	}
	while (r->cap < want + CHUNK / 2) {
		char *p = realloc(r->buf, r->cap * 2);

		if (!p)
			die("%s: out of memory: a value is too large", r->name);
		r->buf = p;
		r->cap *= 2;
	}
	do
		read_some(r);
	while (!r->eof && r->len - r->start < want);
}

static void
count_newlines(struct reader *r, size_t from, size_t to)
{
	const char *p = r->buf + from, *end = r->buf + to, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
		r->line++;
		p = nl + 1;
		r->line_at = (size_t)(p - r->buf);
	}
}

/* jq says "MESSAGE at line L, column C" of what it was given; we say
   "NAME:L:C: MESSAGE" of the stream. Consumes INVALID. */
static jv
parse_error(struct reader *r, jv invalid)
{
	jv msg = jv_invalid_get_msg(invalid), err;
	const char *text = jv_string_value(msg);
	const char *at = strstr(text, " at line ");
	const char *deep = strncmp(text, "Exceeds depth limit", 19) ? "" :
	    " (nested deeper than libjq's parser reads)";
	int line, col;

	if (at && sscanf(at, " at line %d, column %d", &line, &col) == 2) {
		int n = (int)(at - text);

		if (line == 1)
			col += (int)r->jq_col;
		line += (int)r->jq_line - 1;
		if (n > 7 && !strncmp(at - 7, " at EOF", 7))
			err = fail("%s:%d:%d: %.*s: the input ends inside a "
			    "value: %s", r->name, line, col, n - 7, text,
			    hint_of(r));
		else
			err = fail("%s:%d:%d: %.*s%s: %s", r->name, line, col,
			    n, text, deep, hint_of(r));
	} else
		err = fail("%s: %s: %s", r->name, text, hint_of(r));
	jv_free(msg);
	return err;
}

/* With libjq: counts lines in what its parser has consumed, noting
   where the next value starts (its first byte that is not white space). */
static void
count_lines(struct reader *r)
{
	size_t upto = r->handed - (size_t)jv_parser_remaining(r->parser);
	const char *p = r->buf + r->counted, *end = r->buf + upto;

	for (; r->between && p < end; p++) {
		if (*p == '\n')
			r->line++;
		else if (!json_ws(*p) && *p != '\036') {
			r->between = 0;
			r->start_line = r->line;
			r->value_at = r->base + (size_t)(p - r->buf);
		}
	}
	count_newlines(r, (size_t)(p - r->buf), upto);
	r->counted = upto;
}

/* The end of input: an invalid jv, with r->err's message if a read
   failed. */
static jv
end_of_input(struct reader *r)
{
	jv err = r->err;

	r->err = jv_null();
	return jv_get_kind(err) == JV_KIND_NULL ? jv_invalid() : err;
}

static jv
too_big(struct reader *r)
{
	return fail("%s:%ld: a value over " VALUE_MAX_TEXT ", the most one "
	    "value may take: split it", r->name, r->start_line);
}

/* Gives libjq's parser buf[from, len), up to a NUL byte outside a string:
   that is no JSON, and libjq would take it, and all after it, into one
   literal without end. Strings are followed as libjq follows them; an
   RS (0x1e) resets its parser. */
static void
hand(struct reader *r, size_t from)
{
	size_t i;

	for (i = from; i < r->len; i++) {
		char c = r->buf[i];

		if (r->escaped)
			r->escaped = 0;
		else if (r->in_string)
			r->escaped = c == '\\', r->in_string = c != '"';
		else if (c == '"')
			r->in_string = 1;
		else if (c == '\0')
			break;
		if (c == '\036')
			r->in_string = r->escaped = 0;
	}
	r->handed = i;
	if (r->kept)
		buf_add(r->kept, r->buf + from, i - from);
	jv_parser_set_buf(r->parser, r->buf + from, (int)(i - from),
	    !r->eof || i < r->len);
}

static jv
next_jq(struct reader *r)
{
	jv v;

	for (;;) {
		v = jv_parser_next(r->parser);
		count_lines(r);
		if (jv_is_valid(v)) {
			r->between = 1;
			return v;
		}
		if (jv_invalid_has_msg(jv_copy(v)))
			return parse_error(r, v);
		jv_free(v);
		if (jv_parser_remaining(r->parser) > 0) {
			/* libjq stops at an RS (0x1e), as in JSON text
			   sequences (jq --seq), and drops the value it was
			   reading: fine between values only. */
			if (!r->between)
				return fail("%s:%ld: a record separator (0x1e) "
				    "cuts a value short: %s", r->name, r->line,
				    hint_of(r));
			continue;
		}
		if (r->handed < r->len)
			return fail("%s:%ld: a NUL byte (byte %zu) outside a "
			    "string is not JSON: %s", r->name, r->line,
			    r->base + r->handed + 1, hint_of(r));
		if (r->eof)
			return end_of_input(r);
		if (!r->between && r->base + r->len - r->value_at > VALUE_MAX)
			return too_big(r);
		r->base += r->len;
		r->start = r->len = r->counted = 0;
		read_some(r);
		hand(r, 0);
	}
}

/* Hands the rest of the stream, from the value at buf[start], to libjq.
   Its parser drops a byte-order mark at the start of what it is first
   given; one is allowed at the very start of the input only, so after
   that it is first given a space. */
static jv
to_jq(struct reader *r)
{
	long primed = r->base + r->start > 0;

	r->parser = jv_parser_new(0);
	if (primed) {
		jv_parser_set_buf(r->parser, " ", 1, 1);
		jv_free(jv_parser_next(r->parser));
	}
	r->jq_line = r->line;
	r->jq_col = (long)(r->start - r->line_at) - primed;
	r->counted = r->start;
	hand(r, r->start);
	return next_jq(r);
}

/* Skips white space before the next value, counting lines; returns 0 at
   the end of input. */
static int
next_start(struct reader *r)
{
	for (;;) {
		while (r->start < r->len) {
			char c = r->buf[r->start];

			if (!json_ws(c))
				break;
			if (c == '\n') {
				r->line++;
				r->line_at = r->start + 1;
			}
			r->start++;
		}
		if (r->start < r->len) {
			r->start_line = r->line;
			return 1;
		}
		if (r->eof)
			return 0;
		fill(r, 1);
	}
}

/* Reads the value at buf[start] into *V, or only checks it when V is
   NULL; returns 1 with the value's end, or 0 when it is for libjq. */
static int
strict(struct reader *r, jv *v, const char **end)
{
	for (;;) {
		enum parse_result res = v ?
		    parse_value(r->buf + r->start, r->buf + r->len, r->eof, v,
		    end) : parse_skip(r->buf + r->start, r->buf + r->len,
		    r->eof, end);

		if (res == PARSE_OK)
			return 1;
		if (res == PARSE_JQ || r->eof)
			return 0;
		if (r->len - r->start > VALUE_MAX) {
			jv_free(r->err);
			r->err = too_big(r);
			r->eof = 1;
			r->start = r->len;
			return 0;
		}
		fill(r, r->len - r->start > VALUE_MAX / 2 ? VALUE_MAX + 1 :
		    2 * (r->len - r->start));
	}
}

/* Moves past the value that ends at END, counting its lines. */
static void
past(struct reader *r, const char *end)
{
	count_newlines(r, r->start, (size_t)(end - r->buf));
	r->start = (size_t)(end - r->buf);
}

jv
reader_read(struct reader *r)
{
	const char *end;
	jv v;

	if (r->parser)
		return next_jq(r);
	if (!next_start(r))
		return end_of_input(r);
	if (!strict(r, &v, &end))
		return jv_get_kind(r->err) != JV_KIND_NULL ? end_of_input(r) :
		    to_jq(r);
	past(r, end);
	return v;
}

jv
reader_next(struct reader *r)
{
	jv v = reader_read(r);

	if (!jv_is_valid(v) && jv_invalid_has_msg(jv_copy(v)))
		die_jv(NULL, v);
	return v;
}

int
reader_next_text(struct reader *r, const char **text, size_t *len)
{
	const char *end;

	if (r->parser || jv_get_kind(r->err) != JV_KIND_NULL)
		return -1;
	if (!next_start(r))
		return jv_get_kind(r->err) == JV_KIND_NULL ? 0 : -1;
	if (!strict(r, NULL, &end))
		return -1;
	*text = r->buf + r->start;
	*len = (size_t)(end - *text);
	past(r, end);
	return 1;
}

const char *
reader_where(struct reader *r)
{
	snprintf(r->where, sizeof r->where, "%s:%ld", r->name,
	    r->start_line);
	return r->where;
}

int
read_file(const char *path, struct buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;
	ssize_t n;

	if (fd < 0)
		return -1;
	do {
		buf_grow(b, 65536);
		n = read(fd, b->p + b->len, b->cap - b->len);
	} while (n > 0 && (b->len += (size_t)n));
	e = errno;
	close(fd);
	errno = e;
	return n < 0 ? -1 : 0;
}

/* What the first SIZE bytes of TEXT look like, for config_hint. */
enum { LOOKS_JSON, LOOKS_JSONC, LOOKS_YAML };

static int
looks(const char *text, size_t size)
{
	size_t i = 0;

	while (i < size && isspace((unsigned char)text[i]))
		i++;
	if (i == size)
		return LOOKS_JSON;
	if (!strchr("{[\"-0123456789tfn/", text[i]) || (text[i] == '-' &&
	    (i + 1 == size || !isdigit((unsigned char)text[i + 1]))))
		return LOOKS_YAML;	/* "a: 1", "- a", "---", "# c" */
	for (; i + 1 < size; i++)
		if (text[i] == '/' && (text[i + 1] == '/' ||
		    text[i + 1] == '*') && (i == 0 || text[i - 1] != ':'))
			return LOOKS_JSONC;
	return LOOKS_JSON;
}

/* The hint for a config at PATH that did not read as JSON: how to
   convert it when its name or first bytes say YAML, or that JSON has no
   comments when they say JSON with comments; else PLAIN. Made in BUF
   (SIZE bytes). */
static const char *
config_hint(const char *path, const char *plain, char *buf, size_t size)
{
	const char *ext = strrchr(path, '.');
	char text[4096];
	ssize_t n = 0;
	int fd, kind;
	struct stat st;

	if (strcmp(path, "-") &&
	    (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			n = read(fd, text, sizeof text);	/* not a pipe's */
		close(fd);
	}
	kind = looks(text, n > 0 ? (size_t)n : 0);
	if (ext && (!strcmp(ext, ".yaml") || !strcmp(ext, ".yml")))
		kind = LOOKS_YAML;
	if (kind == LOOKS_YAML)
		snprintf(buf, size, "a config must be JSON: convert it with "
		    "yq -o json %s > CONFIG.json, or python3 -c 'import json,"
		    "sys,yaml; json.dump(yaml.safe_load(sys.stdin), "
		    "sys.stdout)' < %s > CONFIG.json", path, path);
	else if (kind == LOOKS_JSONC)
		snprintf(buf, size, "a config must be JSON, which has no "
		    "comments: remove them (and any trailing commas) from %s",
		    path);
	else
		snprintf(buf, size, "%s", plain);
	return buf;
}

jv
changed_error(const char *what, jv changed)
{
	jv where, kind, fix, out;

	if (jv_get_kind(changed) != JV_KIND_ARRAY) {
		jv_free(changed);
		return jv_true();
	}
	where = keypath_text(jv_array_get(jv_copy(changed), 0));
	kind = jv_array_get(jv_copy(changed), 1);
	fix = jv_array_get(changed, 2);
	out = fail("%s has %s%s%s, which libjq would not keep as written: "
	    "%s", what, jv_string_value(kind),
	    jv_string_length_bytes(jv_copy(where)) ? " at " : "",
	    jv_string_value(where), jv_string_value(fix));
	jv_free(where);
	jv_free(kind);
	jv_free(fix);
	return out;
}

void
warn_twice(const char *what, jv twice)
{
	jv where;

	if (jv_get_kind(twice) == JV_KIND_ARRAY) {
		where = keypath_text(jv_copy(twice));
		warnx("%s: warning: the key %s is given twice in one object: "
		    "the last one is kept, as jq and Python keep it", what,
		    jv_string_value(where));
		jv_free(where);
	}
	jv_free(twice);
}

/* Frees what read_config holds before it dies, so that no exit path
   leaks. */
jv
read_config(const char *path, const char *plain, jv *inexact)
{
	struct reader *r = open_path(path, plain, 1);
	struct buf kept = { 0 };
	const char *text, *end;
	size_t len;
	jv v, extra, changed = jv_null(), twice = jv_null();
	char what[PATH_MAX + 32];
	int by_jq = 0;

	if (inexact) {
		*inexact = jv_array();
		r->kept = &kept;
	}
	if (inexact && reader_next_text(r, &text, &len) == 1 &&
	    parse_value(text, text + len, 1, &v, &end) == PARSE_OK) {
		jv_free(*inexact);
		*inexact = parse_inexact(text, len);
		changed = parse_changed(text, len, &twice);
	} else {
		v = reader_read(r);
		by_jq = 1;
	}

	if (!jv_is_valid(v)) {
		if (!jv_invalid_has_msg(jv_copy(v)) && strcmp(path, "-"))
			v = fail("%s: no JSON value in it: %s", path, hint_of(r));
		reader_close(r);
		buf_free(&kept);
		if (jv_invalid_has_msg(jv_copy(v)))
			die_jv(NULL, v);
		die("no JSON value on stdin: " STDIN_EMPTY);
	}
	extra = reader_read(r);
	if (jv_is_valid(extra)) {
		jv_free(extra);
		extra = fail("%s: more than one JSON value in it: %s",
		    reader_where(r), hint_of(r));
	}
	reader_close(r);
	if (inexact && by_jq)	/* the text libjq read, and white space */
		changed = parse_changed(kept.p ? kept.p : "", kept.len,
		    &twice);
	buf_free(&kept);
	snprintf(what, sizeof what, "%s: the base config",
	    strcmp(path, "-") ? path : "<stdin>");
	if (jv_invalid_has_msg(jv_copy(extra)) ||
	    jv_get_kind(changed) == JV_KIND_ARRAY) {
		jv_free(v);
		jv_free(twice);
		if (inexact)
			jv_free(*inexact);
		if (jv_invalid_has_msg(jv_copy(extra))) {
			jv_free(changed);
			die_jv(NULL, extra);
		}
		die_jv(NULL, changed_error(what, changed));
	}
	warn_twice(what, twice);
	jv_free(extra);
	return v;
}

int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR) {
				die_check_signal();
				continue;
			}
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void
writer_init(struct writer *w, int fd, const char *name)
{
	memset(w, 0, sizeof *w);
	w->fd = fd;
	w->name = name;
	w->epipe_quiet = 1;
	if (fd == 1)
		signal(SIGPIPE, SIG_IGN);
}

void
writer_line(struct writer *w, jv value)
{
	json_dump(&w->b, value, 0);
	buf_addc(&w->b, '\n');
	writer_flush(w, CHUNK);
}

void
writer_flush(struct writer *w, size_t limit)
{
	if (w->b.len <= limit && limit)
		return;
	if (write_all(w->fd, w->b.p, w->b.len) < 0) {
		if (errno == EPIPE && w->epipe_quiet)
			exit(0);
		if (errno == EPIPE && w->epipe_says)
			die("%s: %s", w->name, w->epipe_says);
		die("%s: %s: check the disk and the reader", w->name,
		    strerror(errno));
	}
	w->b.len = 0;
}

void
writer_close(struct writer *w)
{
	writer_flush(w, 0);
	buf_free(&w->b);
}

/* Whether the N bytes at P start, after white space, as a JSON object
   does. */
static int
starts_object(const char *p, ssize_t n)
{
	ssize_t i = 0;

	while (i < n && isspace((unsigned char)p[i]))
		i++;
	return i < n && p[i] == '{';
}

/* Copies up to N bytes that wait in the pipe on stdin to P without
   taking them out of it (tee(2)); -1 when there are none. */
static ssize_t
pipe_peek(char *p, size_t n)
{
	int fd[2];
	ssize_t got;

	if (pipe2(fd, O_NONBLOCK | O_CLOEXEC) < 0)
		return -1;
	got = tee(0, fd[1], n, SPLICE_F_NONBLOCK);
	if (got > 0)
		got = read(fd[0], p, got);
	close(fd[0]);
	close(fd[1]);
	return got;
}

int
stdin_is_stream(void)
{
	struct stat st;

	return fstat(0, &st) == 0 && (S_ISREG(st.st_mode) ||
	    S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

int
stdin_holds_object(void)
{
	struct pollfd pfd = { 0, POLLIN, 0 };
	struct stat st;
	char peek[4096];
	off_t at;

	if (fstat(0, &st) < 0)
		return 0;
	if (S_ISREG(st.st_mode)) {
		if ((at = lseek(0, 0, SEEK_CUR)) < 0)
			at = 0;
		return starts_object(peek, pread(0, peek, sizeof peek, at));
	}
	if (!S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
		return 0;
	/* never wait: the pipe may be one that no one ever closes */
	if (poll(&pfd, 1, 0) != 1 || !(pfd.revents & POLLIN))
		return 0;
	/* and never take what is there: a loop around sweep-add may read
	   it (while read ...; do sweep-add -b ...; done < list) */
	if (S_ISSOCK(st.st_mode))
		return starts_object(peek, recv(0, peek, sizeof peek,
		    MSG_PEEK | MSG_DONTWAIT));
	return starts_object(peek, pipe_peek(peek, sizeof peek));
}
