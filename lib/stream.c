/* stream: reading a stream of JSON values, writing compact lines. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "stream.h"

#define CHUNK (256 * 1024)

struct reader {
	int fd;
	int eof;
	const char *name;
	const char *hint;
	jv_parser *parser;
	char *buf;
	size_t len;		/* bytes in buf handed to the parser */
	size_t counted;		/* bytes of buf whose newlines are counted */
	long line;		/* line of the parser's position */
	long start_line;	/* line where the value being read starts */
	int between;		/* between values: whitespace only so far */
	char where[512];
};

struct reader *
reader_open(const char *path, const char *hint)
{
	int fd = 0;

	if (strcmp(path, "-")) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("%s: %s: %s", path, strerror(errno), hint);
	}
	return reader_fdopen(fd, strcmp(path, "-") ? path : "<stdin>", hint);
}

struct reader *
reader_fdopen(int fd, const char *name, const char *hint)
{
	struct reader *r = calloc(1, sizeof *r);

	if (!r || !(r->buf = malloc(CHUNK)))
		die("out of memory");
	r->fd = fd;
	r->name = name;
	r->hint = hint;
	r->parser = jv_parser_new(0);
	r->line = r->start_line = 1;
	r->between = 1;
	return r;
}

void
reader_close(struct reader *r)
{
	if (!r)
		return;
	if (r->fd > 0)
		close(r->fd);
	jv_parser_free(r->parser);
	free(r->buf);
	free(r);
}

/* Counts lines in what the parser has consumed, noting where the next
   value starts (its first byte that is not white space). */
static void
count_lines(struct reader *r)
{
	size_t upto = r->len - (size_t)jv_parser_remaining(r->parser);

	for (; r->counted < upto; r->counted++) {
		char c = r->buf[r->counted];

		if (r->between && c != ' ' && c != '\t' && c != '\n' &&
		    c != '\r' && c != '\036') {
			r->between = 0;
			r->start_line = r->line;
		}
		if (c == '\n')
			r->line++;
	}
}

/* Reads the next chunk: jv_true(), or invalid with a message. */
static jv
fill(struct reader *r)
{
	ssize_t n;

	for (;;) {
		n = read(r->fd, r->buf, CHUNK);
		if (n >= 0)
			break;
		if (errno != EINTR)
			return fail("%s: %s: %s", r->name, strerror(errno),
			    r->hint);
		die_check_signal();
	}
	r->len = (size_t)n;
	r->counted = 0;
	if (n == 0)
		r->eof = 1;
	jv_parser_set_buf(r->parser, r->buf, (int)n, !r->eof);
	return jv_true();
}

/* jq says "MESSAGE at line L, column C"; we say "NAME:L:C: MESSAGE".
   Consumes INVALID. */
static jv
parse_error(struct reader *r, jv invalid)
{
	jv msg = jv_invalid_get_msg(invalid);
	const char *text = jv_string_value(msg);
	const char *at = strstr(text, " at line ");
	const char *deep = strncmp(text, "Exceeds depth limit", 19) ? "" :
	    " (nested deeper than libjq's parser reads)";
	int line, col;
	jv err;

	if (at && sscanf(at, " at line %d, column %d", &line, &col) == 2) {
		int n = (int)(at - text);

		if (n > 7 && !strncmp(at - 7, " at EOF", 7))
			err = fail("%s:%d:%d: %.*s: the input ends inside a "
			    "value: %s", r->name, line, col, n - 7, text,
			    r->hint);
		else
			err = fail("%s:%d:%d: %.*s%s: %s", r->name, line, col,
			    n, text, deep, r->hint);
	} else
		err = fail("%s: %s: %s", r->name, text, r->hint);
	jv_free(msg);
	return err;
}

jv
reader_read(struct reader *r)
{
	jv v, ok;

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
				    r->hint);
			continue;
		}
		if (r->eof)
			return jv_invalid();
		if (!jv_is_valid(ok = fill(r)))
			return ok;
	}
}

jv
reader_next(struct reader *r)
{
	jv v = reader_read(r);

	if (!jv_is_valid(v) && jv_invalid_has_msg(jv_copy(v)))
		die_jv(NULL, v);
	return v;
}

const char *
reader_where(struct reader *r)
{
	snprintf(r->where, sizeof r->where, "%s:%ld", r->name,
	    r->start_line);
	return r->where;
}

/* Frees what read_one_value holds before it dies, so that no exit path
   leaks. */
jv
read_one_value(const char *path, const char *hint)
{
	struct reader *r = reader_open(path, hint);
	jv v = reader_read(r), extra;
	char where[sizeof r->where];

	if (!jv_is_valid(v)) {
		reader_close(r);
		if (jv_invalid_has_msg(jv_copy(v)))
			die_jv(NULL, v);
		die("%s: no JSON value in it: %s", strcmp(path, "-") ? path :
		    "<stdin>", hint);
	}
	extra = reader_read(r);
	snprintf(where, sizeof where, "%s", reader_where(r));
	reader_close(r);
	if (jv_is_valid(extra) || jv_invalid_has_msg(jv_copy(extra))) {
		jv_free(v);
		if (!jv_is_valid(extra))
			die_jv(NULL, extra);
		jv_free(extra);
		die("%s: more than one JSON value in it: %s", where, hint);
	}
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
