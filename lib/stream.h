/* stream: reading a stream of JSON values, writing compact lines. */
#ifndef SWEEP_STREAM_H
#define SWEEP_STREAM_H

#include <jv.h>

#include "json.h"

struct reader;

/* The most text one value may take: a larger one is refused before
   libjq holds it. */
#define VALUE_MAX ((size_t)1 << 30)
#define VALUE_MAX_TEXT "1 GiB"

/* Why stdin may be empty in a pipeline: each stage checks all it can
   before it writes, so a failure upstream reaches the next stage as
   empty input. */
#define STDIN_EMPTY \
	"the stage before gave nothing (did it fail? see its error above)"

/* Opens PATH ("-" is stdin) for reading JSON values; dies if it cannot,
   or (exit 64) if PATH is "-" and stdin is a terminal.
   HINT ends parse errors: what the user should do. */
struct reader *reader_open(const char *path, const char *hint);

/* A reader of FD, which reader_close closes (unless it is 0), named NAME
   in messages. */
struct reader *reader_fdopen(int fd, const char *name, const char *hint);
void reader_close(struct reader *r);

/* The next value, an invalid jv without message at the end of input, or
   an invalid jv with a message on malformed or cut-off input or a read
   error, naming file, line and column. Read no more after an error. */
jv reader_read(struct reader *r);

/* As reader_read, but dies on an error. */
jv reader_next(struct reader *r);

/* The text of the next value, when it is plain JSON (as parse.c reads
   it): returns 1 with *TEXT and *LEN set until the next call, 0 at the
   end of input, or -1 when reader_next must read it (then it does so with
   libjq's parser). */
int reader_next_text(struct reader *r, const char **text, size_t *len);

/* "NAME:LINE" of the last value read, for messages about it. */
const char *reader_where(struct reader *r);

/* Appends all of PATH to B: 0, or -1 with errno set. */
int read_file(const char *path, struct buf *b);

/* Reads the one JSON value in the config PATH ("-" is stdin); dies if
   there is none, more than one, or malformed input. Its errors end with
   PLAIN, or, when the file's name or first bytes say YAML or JSON with
   comments, how to make it JSON (the file is looked at only then). With
   INEXACT, sets it to the numbers in the text that libjq holds only
   approximately, as parse_inexact gives them (none when libjq's parser
   had to read it), dies when the text holds what libjq would not keep
   as written, and warns of a key given twice (parse_changed). */
jv read_config(const char *path, const char *plain, jv *inexact);

/* The error for CHANGED (consumed, as parse_changed gives it) in the
   text WHAT names, or true when CHANGED is null. */
jv changed_error(const char *what, jv changed);

/* Warns that the text WHAT names gives a key twice in one object, at
   the path TWICE (consumed; parse_changed's), unless it is null. */
void warn_twice(const char *what, jv twice);

/* Whether stdin, a regular file or a pipe, FIFO or socket, holds a
   JSON object (a sweep spec) now: never waits for a writer, and may
   consume what it looks at in a pipe (the caller is about to refuse
   it). */
int stdin_holds_object(void);

/* Whether stdin is where a stream can come from: a pipe, FIFO, socket
   or regular file, not a terminal or a device such as /dev/null. */
int stdin_is_stream(void);

/* A buffered writer to a file descriptor. */
struct writer {
	int fd;
	int epipe_quiet;	/* a closed pipe ends the command with 0 */
	const char *epipe_says;	/* else what to say of it, if not errno */
	const char *name;
	struct buf b;
};

void writer_init(struct writer *w, int fd, const char *name);

/* Appends VALUE (borrowed) compact, then a newline. */
void writer_line(struct writer *w, jv value);

/* Writes what is buffered when over LIMIT bytes (0: everything). Dies on
   a write error, or exits quietly on EPIPE if epipe_quiet is set (else
   dies saying epipe_says, when set). */
void writer_flush(struct writer *w, size_t limit);

/* Flushes all and frees the buffer. */
void writer_close(struct writer *w);

/* Writes all of DATA to FD, retrying short writes; -1 with errno set. */
int write_all(int fd, const void *data, size_t len);

#endif
