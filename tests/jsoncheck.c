/* jsoncheck: holds sweep's JSON reader and printer to libjq's.
   jsoncheck FILE...  reads each FILE with sweep's reader and with
   libjq's jv_parser (values must print alike, or both must refuse), and
   prints every value with json_dump, compact and indented, and through a
   json_cache of itself after a change, comparing with jv_dump_string.
   Says what differs and exits 1; prints "ok N values" otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"
#include "parse.h"
#include "stream.h"

static int bad;

static void
same(const char *what, const char *file, jv x, jv want, struct buf *got)
{
	if ((size_t)jv_string_length_bytes(jv_copy(want)) == got->len &&
	    !memcmp(jv_string_value(want), got->p, got->len))
		return;
	fprintf(stderr, "%s: %s differs for %s:\nlibjq: %s\nsweep: %.*s\n",
	    file, what, jv_string_value(jv_dump_string(jv_copy(x), 0)),
	    jv_string_value(want), (int)got->len, got->p);
	bad = 1;
}

static void
check_print(const char *file, jv x)
{
	struct buf b = { 0 };
	int flags[] = { 0, JV_PRINT_INDENT_FLAGS(4) };

	for (int i = 0; i < 2; i++) {
		jv want = jv_dump_string(jv_copy(x), flags[i]);
		struct json_cache *c = json_cache_new(x, i ? 4 : 0);
		jv changed = jv_get_kind(x) == JV_KIND_OBJECT ?
		    jv_object_set(jv_copy(x), jv_string("added"),
		    jv_array()) : jv_copy(x);
		jv want2 = jv_dump_string(jv_copy(changed), flags[i]);

		b.len = 0;
		json_dump(&b, x, i ? 4 : 0);
		same(i ? "json_dump indented" : "json_dump", file, x, want, &b);
		b.len = 0;
		json_dump_cached(&b, x, c);
		same("json_dump_cached", file, x, want, &b);
		b.len = 0;
		json_dump_cached(&b, changed, c);
		same("json_dump_cached after a change", file, changed, want2,
		    &b);
		json_cache_free(c);
		jv_free(want);
		jv_free(want2);
		jv_free(changed);
	}
	buf_free(&b);
}

/* json_reindent of TEXT, raw as read, and of X's compact text: when it
   takes a text, it must print what jv_dump_string prints. */
static void
check_reindent(struct canon *c, const char *file, const char *text,
    size_t len, jv x)
{
	struct buf b = { 0 }, compact = { 0 };
	int flags[] = { 0, JV_PRINT_INDENT_FLAGS(4) };

	json_dump(&compact, x, 0);
	for (int i = 0; i < 2; i++) {
		jv want = jv_dump_string(jv_copy(x), flags[i]);

		b.len = 0;
		if (json_reindent(c, &b, text, len, i ? 4 : 0) == 0)
			same("json_reindent of the text read", file, x, want, &b);
		b.len = 0;
		if (json_reindent(c, &b, compact.p, compact.len, i ? 4 : 0) == 0)
			same("json_reindent of the compact text", file, x,
			    want, &b);
		else if (compact.len < 100000) {
			fprintf(stderr, "%s: json_reindent refuses compact %.*s\n",
			    file, (int)compact.len, compact.p);
			bad = 1;
		}
		jv_free(want);
	}
	buf_free(&b);
	buf_free(&compact);
}

/* libjq's values of FILE, dumped, or its error message. */
static jv
jq_values(const char *file)
{
	jv text = jv_load_file(file, 1), out = jv_array(), v;
	jv_parser *p;

	if (!jv_is_valid(text))
		return text;
	p = jv_parser_new(0);
	jv_parser_set_buf(p, jv_string_value(text),
	    jv_string_length_bytes(jv_copy(text)), 0);
	while (jv_is_valid(v = jv_parser_next(p)))
		out = jv_array_append(out, jv_dump_string(v, 0));
	jv_parser_free(p);
	jv_free(text);
	if (jv_invalid_has_msg(jv_copy(v))) {
		jv_free(out);
		return v;
	}
	jv_free(v);
	return out;
}

/* What sweep's reader says of libjq's error MSG (borrowed) in FILE. */
static jv
expected_error(const char *file, jv msg)
{
	const char *text = jv_string_value(msg);
	const char *at = strstr(text, " at line ");
	int line, col, n = at ? (int)(at - text) : 0;

	if (!at || sscanf(at, " at line %d, column %d", &line, &col) != 2)
		return jv_string_fmt("jsoncheck: %s: %s: test\n", file, text);
	if (n > 7 && !strncmp(at - 7, " at EOF", 7))
		return jv_string_fmt("jsoncheck: %s:%d:%d: %.*s: the input ends "
		    "inside a value: test\n", file, line, col, n - 7, text);
	return jv_string_fmt("jsoncheck: %s:%d:%d: %.*s%s: test\n", file, line,
	    col, n, text, strncmp(text, "Exceeds depth limit", 19) ? "" :
	    " (nested deeper than libjq's parser reads)");
}

/* Reads all of FD into a string. */
static jv
slurp(int fd)
{
	jv s = jv_string("");
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		s = jv_string_append_buf(s, buf, (int)n);
	close(fd);
	return s;
}

/* In the child: FILE's values read by sweep, each checked, dumped to F;
   exits 1 after saying why when the reader refuses the input, as the
   commands do. */
static _Noreturn void
child(const char *file, FILE *f)
{
	struct reader *r = reader_open(file, "test");
	struct canon *c = canon_new();
	const char *text, *end;
	size_t len;
	jv v, s;
	int rc;

	while ((rc = reader_next_text(r, &text, &len)) != 0) {
		if (rc < 0 && !jv_is_valid(v = reader_read(r))) {
			if (jv_invalid_has_msg(jv_copy(v))) {
				jv msg = jv_invalid_get_msg(v);

				fprintf(stderr, "jsoncheck: %s\n",
				    jv_string_value(msg));
				jv_free(msg);
				bad = 1;
			} else
				jv_free(v);
			break;
		}
		if (rc > 0) {
			if (parse_value(text, text + len, 1, &v, &end) !=
			    PARSE_OK) {
				fprintf(stderr, "%s: parse_skip and parse_value "
				    "disagree\n", file);
				bad = 1;
				break;
			}
			check_reindent(c, file, text, len, v);
		}
		check_print(file, v);
		s = jv_dump_string(v, 0);
		fprintf(f, "%s\n", jv_string_value(s));
		jv_free(s);
	}
	fclose(f);
	canon_free(c);
	reader_close(r);
	exit(bad);
}

/* sweep's values of FILE, dumped by libjq; read in a child, which stops
   at an error, whose message goes to *ERR. */
static jv
sweep_values(const char *file, int *died, jv *err)
{
	int fds[2], efds[2], status;
	pid_t pid;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	jv out;

	if (pipe(fds) < 0 || pipe(efds) < 0 || (pid = fork()) < 0)
		exit(2);
	if (pid == 0) {
		bad = 0;	/* the parent's, on earlier files */
		close(fds[0]);
		close(efds[0]);
		dup2(efds[1], 2);
		child(file, fdopen(fds[1], "w"));
	}
	close(fds[1]);
	close(efds[1]);
	out = jv_array();
	f = fdopen(fds[0], "r");
	while ((n = getline(&line, &cap, f)) > 0) {
		line[n - 1] = '\0';
		out = jv_array_append(out, jv_string(line));
	}
	free(line);
	fclose(f);
	*err = slurp(efds[0]);
	waitpid(pid, &status, 0);
	*died = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	return out;
}

int
main(int argc, char **argv)
{
	int values = 0;

	for (int i = 1; i < argc; i++) {
		int died;
		jv err, theirs = jq_values(argv[i]);
		jv ours = sweep_values(argv[i], &died, &err);

		if (jv_is_valid(theirs) ? died || !jv_equal(jv_copy(theirs),
		    jv_copy(ours)) : !died) {
			fprintf(stderr, "%s: the readers disagree:\nlibjq: %s\n"
			    "sweep: %s%s\n", argv[i],
			    jv_string_value(jv_dump_string(jv_copy(theirs), 0)),
			    jv_string_value(jv_dump_string(jv_copy(ours), 0)),
			    died ? " (refused)" : "");
			bad = 1;
		}
		if (!jv_is_valid(theirs)) {
			jv msg = jv_invalid_get_msg(jv_copy(theirs));
			jv want = expected_error(argv[i], msg);

			if (!jv_equal(jv_copy(want), jv_copy(err))) {
				fprintf(stderr, "%s: the errors disagree:\n"
				    "want: %ssweep: %s", argv[i],
				    jv_string_value(want), jv_string_value(err));
				bad = 1;
			}
			jv_free(msg);
			jv_free(want);
		} else
			values += jv_array_length(jv_copy(theirs));
		jv_free(err);
		jv_free(theirs);
		jv_free(ours);
	}
	if (!bad)
		printf("ok %d values\n", values);
	return bad;
}
