/* metrics: a run's metrics from the file it wrote. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jq.h>

#include "die.h"
#include "json.h"
#include "metrics.h"
#include "program.h"
#include "stream.h"

struct metrics {
	char *pattern;
	jq_state *jq;		/* the filter, or NULL */
};

static const char *const holes[] = { "{name}", "{index}", "{config_dir}" };
enum { NHOLES = sizeof holes / sizeof holes[0] };

/* The placeholder at P, or -1. */
static int
hole_at(const char *p)
{
	for (int i = 0; i < NHOLES; i++)
		if (!strncmp(p, holes[i], strlen(holes[i])))
			return i;
	return -1;
}

/* Why PATTERN is not one, or an empty jv string if it is. */
static jv
check_pattern(const char *pattern)
{
	const char *p;

	if (!*pattern)
		return fail("-m: an empty PATTERN: give the path of a run's "
		    "metrics, such as {config_dir}/{name}/metrics.json");
	for (p = pattern; (p = strchr(p, '{')); p++)
		if (hole_at(p) < 0)
			return fail("-m: %.*s in %s is no placeholder: use "
			    "{name}, {index} or {config_dir}",
			    (int)strcspn(p, "}") + (p[strcspn(p, "}")] != 0),
			    p, pattern);
	return jv_string("");
}

/* The input of input and inputs in the filter: none, as at the end of
   jq's input ($values holds the file's values). Without a callback
   libjq 1.6 reads an uninitialised one. */
static jv
no_input(jq_state *jq, void *data)
{
	(void)jq;
	(void)data;
	return jv_invalid();
}

struct metrics *
metrics_new(const char *pattern, const char *filter, jv *err)
{
	struct metrics *m;
	jv ok = check_pattern(pattern), prog, why;

	if (!jv_is_valid(ok)) {
		*err = ok;
		return NULL;
	}
	jv_free(ok);
	m = xcalloc(1, sizeof *m);
	m->pattern = xstrdup(pattern);
	if (!filter)
		return m;
	prog = jv_string_fmt(". as [$__sweep_m, $values, $text] | "
	    "$__sweep_m | (%s\n)", filter);
	m->jq = program_compile(jv_string_value(prog), &why);
	jv_free(prog);
	if (m->jq)
		jq_set_input_cb(m->jq, no_input, NULL);
	if (!m->jq) {
		*err = fail("-f: bad filter %s: %s: write a jq filter such as "
		    "'.eval'", filter, jv_string_value(why));
		jv_free(why);
		metrics_free(m);
		return NULL;
	}
	return m;
}

void
metrics_free(struct metrics *m)
{
	if (!m)
		return;
	if (m->jq)
		jq_teardown(&m->jq);
	free(m->pattern);
	free(m);
}

/* Appends the directory of FILE, as dirname(1) gives it. */
static void
add_dir(struct buf *b, const char *file)
{
	size_t n = strlen(file);

	while (n > 1 && file[n - 1] == '/')
		n--;
	while (n > 0 && file[n - 1] != '/')
		n--;
	while (n > 1 && file[n - 1] == '/')
		n--;
	if (n == 0)
		buf_addc(b, '.');
	else
		buf_add(b, file, n);
}

jv
metrics_path(struct metrics *m, jv run)
{
	jv name = json_get(run, "name"), config = json_get(run, "config");
	jv index = json_get(run, "index"), out = jv_invalid();
	struct buf b = { 0 };
	const char *p = m->pattern, *q;
	int h;

	for (; (q = strchr(p, '{')); p = q + strlen(holes[h])) {
		buf_add(&b, p, q - p);
		switch (h = hole_at(q)) {
		case 0:
			buf_adds(&b, jv_string_value(name));
			break;
		case 1:
			json_dump_number(&b, index);
			break;
		default:
			if (jv_get_kind(config) != JV_KIND_STRING) {
				out = fail("run %s has no config: {config_dir} "
				    "needs one; name the place of its metrics "
				    "with {name}", jv_string_value(name));
				goto done;
			}
			add_dir(&b, jv_string_value(config));
		}
	}
	buf_adds(&b, p);
	out = json_string(b.p ? b.p : "", b.len);
done:
	buf_free(&b);
	jv_free(name);
	jv_free(config);
	jv_free(index);
	return out;
}

/* Whether the metrics file PATH, open on FD, is one to read: true, or
   an invalid jv that says why not. Only a regular file is: a FIFO would
   block, a directory is no file; and libjq takes at most VALUE_MAX. */
static jv
readable(int fd, const char *path)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return fail("%s: %s: check it", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail("%s: a %s, not a file: give -m the path of the "
		    "file each run writes", path, S_ISDIR(st.st_mode) ?
		    "directory" : S_ISFIFO(st.st_mode) ? "FIFO" :
		    "special file");
	if ((size_t)st.st_size > VALUE_MAX)
		return fail("%s: over " VALUE_MAX_TEXT ", more than libjq "
		    "reads at once: give -m a file of the metrics alone", path);
	return jv_true();
}

/* Reads the metrics file PATH into B: true, null when there is no such
   file yet, or an invalid jv that says why it cannot be read. */
static jv
slurp(const char *path, struct buf *b)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	ssize_t n = 0;
	jv out;

	if (fd < 0)
		return errno == ENOENT ? jv_null() : fail("%s: %s: check it, "
		    "or give -m the path of the file each run writes", path,
		    strerror(errno));
	if (jv_is_valid(out = readable(fd, path))) {
		do {
			buf_grow(b, 65536);
			n = read(fd, b->p + b->len, b->cap - b->len);
		} while (n > 0 && (b->len += (size_t)n));
	}
	if (n < 0) {
		jv_free(out);
		out = fail("%s: %s: check it", path, strerror(errno));
	}
	close(fd);
	return out;
}

/* Why the text of B is not text: a NUL byte, or an empty jv string. */
static jv
not_text(const char *path, const struct buf *b)
{
	const char *nul = b->len ? memchr(b->p, '\0', b->len) : NULL;
	int line = 1;

	if (!nul)
		return jv_string("");
	for (const char *p = b->p; p < nul; p++)
		line += *p == '\n';
	return fail("%s: a NUL byte on line %d: a metrics file is text; "
	    "give -m the file of metrics each run writes", path, line);
}

/* The JSON values of TEXT (LEN bytes) as an array, or only the last
   unless ALL, or invalid with libjq's message. */
static jv
json_values(const char *text, size_t len, int all_of_them)
{
	jv_parser *p = jv_parser_new(0);
	jv all = jv_array(), v;

	jv_parser_set_buf(p, text, (int)len, 1);
	while (jv_is_valid(v = jv_parser_next(p))) {
		if (!all_of_them && jv_array_length(jv_copy(all))) {
			jv_free(all);
			all = jv_array();
		}
		all = jv_array_append(all, v);
	}
	jv_parser_free(p);
	if (jv_invalid_has_msg(jv_copy(v))) {
		jv_free(all);
		return v;
	}
	jv_free(v);
	return all;
}

/* Whether TEXT (LEN bytes) is a JSON number. */
static int
is_number(const char *s, size_t len)
{
	const char *end = s + len, *p = s + (len && *s == '-');
	size_t n;

	if ((n = strspn(p, "0123456789")) == 0 || (n > 1 && *p == '0'))
		return 0;
	p += n;
	if (p < end && *p == '.') {
		if ((n = strspn(++p, "0123456789")) == 0)
			return 0;
		p += n;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p += p + 1 < end && (p[1] == '+' || p[1] == '-');
		if ((n = strspn(++p, "0123456789")) == 0)
			return 0;
		p += n;
	}
	return p == end;
}

/* A CSV field of FIELD's text (consumed): a JSON number is that number,
   an empty field null, any other a string. */
static jv
csv_value(jv field)
{
	const char *s = jv_string_value(field);
	size_t n = strlen(s);
	jv v;

	if (n == 0)
		v = jv_null();
	else if (is_number(s, n))
		v = json_number(s, n);
	else
		return field;
	jv_free(field);
	return v;
}

static jv
add_field(jv row, struct buf *f)
{
	row = jv_array_append(row, json_string(f->p ? f->p : "", f->len));
	f->len = 0;
	return row;
}

/* The next record of the CSV text from *P to END into *REC, an array
   of field texts, moving *P past it; empty lines are skipped. Returns 0
   at the end. *OPEN tells whether the record ends inside quotes.
   RFC 4180: a field in double quotes may hold commas, line ends and ""
   for a quote; as Python's csv reads it, a quote inside a field that
   did not begin with one is a quote. */
static int
csv_next(const char **pp, const char *end, jv *rec, int *open)
{
	const char *p = *pp;
	jv row = jv_array();
	struct buf f = { 0 };
	int quoted = 0, any = 0;	/* any: the record has begun */
	int start = 1;			/* at the start of a field */

	while (p < end) {
		char c = *p++;

		if (quoted && c == '"' && p < end && *p == '"') {
			buf_addc(&f, *p++);
		} else if (c == '"' && (quoted || start)) {
			quoted = !quoted;
			any = 1;
			start = 0;
		} else if (quoted || (c != ',' && c != '\n' && c != '\r')) {
			buf_addc(&f, c);
			any = 1;
			start = 0;
		} else if (c == ',') {
			row = add_field(row, &f);
			any = start = 1;
		} else if (any) {
			break;
		}
	}
	*pp = p;
	*open = quoted;
	if (any)
		*rec = add_field(row, &f);
	else
		jv_free(row);
	buf_free(&f);
	return any;
}

/* The record REC (consumed) as an object under HEADER (borrowed), or
   an invalid jv when their lengths differ. */
static jv
csv_object(jv header, jv rec, int i)
{
	int width = jv_array_length(jv_copy(header));
	int n = jv_array_length(jv_copy(rec));
	jv row = jv_object();

	if (n != width) {
		jv_free(rec);
		jv_free(row);
		return fail("row %d has %d field%s but the header %d", i, n,
		    n == 1 ? "" : "s", width);
	}
	jv_array_foreach(header, j, name) {
		row = jv_object_set(row, name,
		    csv_value(jv_array_get(jv_copy(rec), j)));
	}
	jv_free(rec);
	return row;
}

/* Whether REC (borrowed), the file's last record, is still being
   written: it ends inside quotes, or has no newline after it while its
   run is RUNNING (its last field may be cut) or too few fields. */
static int
being_written(jv rec, int open, jv header, const char *text, size_t len,
    int running)
{
	return open || (text[len - 1] != '\n' && (running ||
	    jv_array_length(jv_copy(rec)) < jv_array_length(jv_copy(header))));
}

/* The rows of the CSV TEXT (LEN bytes) as objects under its header,
   into *ALL unless ALL is NULL; returns the last, null if none, or an
   invalid jv. RUNNING: the run that writes it runs. */
static jv
csv_rows(const char *text, size_t len, jv *all, int running)
{
	const char *p = text, *end = text + len;
	jv header, rec, next, row = jv_null();
	int open, next_open, more;

	if (!csv_next(&p, end, &header, &open))
		return row;
	more = csv_next(&p, end, &rec, &open);
	for (int i = 1; more; i++) {
		more = csv_next(&p, end, &next, &next_open);
		if (!more && being_written(rec, open, header, text, len,
		    running)) {
			jv_free(rec);
			break;
		}
		jv_free(row);
		if (!jv_is_valid(row = csv_object(header, rec, i))) {
			if (more)
				jv_free(next);
			break;
		}
		if (all)
			*all = jv_array_append(*all, jv_copy(row));
		if (more) {
			rec = next;
			open = next_open;
		}
	}
	jv_free(header);
	return row;
}

/* The JSON values of TEXT (LEN bytes) into *ALL unless ALL is NULL;
   returns the last, null if none, or an invalid jv. */
static jv
json_last(const char *text, size_t len, jv *all)
{
	jv v = json_values(text, len, all != NULL), last;
	const char *nl;
	int n;

	if (!jv_is_valid(v) && text[len - 1] != '\n') {
		jv_free(v);	/* the last line may be being written */
		nl = memrchr(text, '\n', len);
		v = nl ? json_values(text, nl + 1 - text, all != NULL) :
		    jv_array();
	}
	if (!jv_is_valid(v))
		return v;
	n = jv_array_length(jv_copy(v));
	last = n ? jv_array_get(jv_copy(v), n - 1) : jv_null();
	if (all) {
		jv_free(*all);
		*all = v;
	} else {
		jv_free(v);
	}
	return last;
}

/* The filter's first output for the file's LAST value (or row), ALL its
   values and TEXT (all consumed). */
static jv
filtered(jq_state *jq, jv last, jv all, jv text)
{
	jv out, msg;

	jq_start(jq, JV_ARRAY(last, all, text), 0);
	out = jq_next(jq);
	if (!jv_is_valid(out) && jq_halted(jq)) {
		jv_free(out);
		msg = program_halted(jq);
		out = fail("-f halted%s%s: make it give an object",
		    jv_string_length_bytes(jv_copy(msg)) ? ": " : "",
		    jv_string_value(msg));
		jv_free(msg);
		return out;
	}
	if (jv_is_valid(out) || !jv_invalid_has_msg(jv_copy(out)))
		return out;
	msg = program_error_text(jv_invalid_get_msg(out));
	out = fail("-f: %s", jv_string_value(msg));
	jv_free(msg);
	return out;
}

/* "PATH: MSG (consumed)HINT" as an invalid jv. */
static jv
why(const char *path, jv msg, const char *hint)
{
	jv out = fail("%s: %s%s", path, jv_string_value(msg), hint);

	jv_free(msg);
	return out;
}

/* The metrics of the text of B, with the filter if there is one: as
   metrics_read returns them, without the path in a message. */
static jv
metrics_of(struct metrics *m, struct buf *b, int running)
{
	jv all = jv_array(), last;
	jv *keep = m->jq ? &all : NULL;	/* $values only for the filter */
	const char *text = b->p;
	size_t len = b->len - 1;
	char first;

	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;	/* a UTF-8 byte order mark */
		len -= 3;
	}
	first = text[strspn(text, JSON_WS)];
	if (first == '{' || first == '[')
		last = json_last(text, len, keep);
	else
		last = csv_rows(text, len, keep, running);
	if (!m->jq) {
		jv_free(all);
		return last;
	}
	if (!jv_is_valid(last)) {
		jv_free(last);	/* an odd format: the filter reads it */
		last = jv_null();
	}
	return filtered(m->jq, last, all, jv_string(text));
}

jv
metrics_read(struct metrics *m, const char *path, int running)
{
	struct buf b = { 0 };
	jv last = slurp(path, &b);

	if (jv_is_valid(last) && jv_get_kind(last) != JV_KIND_NULL) {
		jv_free(last);
		last = not_text(path, &b);
	}
	if (jv_get_kind(last) == JV_KIND_STRING) {
		jv_free(last);
		buf_addc(&b, '\0');
		last = metrics_of(m, &b, running);
	} else if (!jv_is_valid(last)) {
		buf_free(&b);
		return last;
	}
	buf_free(&b);
	if (jv_get_kind(last) == JV_KIND_NULL ||
	    (!jv_is_valid(last) && !jv_invalid_has_msg(jv_copy(last)))) {
		jv_free(last);
		return jv_object();
	}
	if (!jv_is_valid(last))
		return why(path, jv_invalid_get_msg(last), m->jq ? "" :
		    ": fix it, or read it with -f");
	if (jv_get_kind(last) != JV_KIND_OBJECT) {
		const char *kind = jv_kind_name(jv_get_kind(last));

		jv_free(last);
		return why(path, jv_string_fmt("%s %s %s, not an object",
		    m->jq ? "-f gave" : "its metrics are",
		    strchr("aeiou", *kind) ? "an" : "a", kind),
		    m->jq ? ": make it give an object, such as {loss: .}" :
		    ": pull them out with -f");
	}
	return last;
}
