/* metrics: a run's metrics file as sweep-collect reads it.
   Input: the file's bytes (JSON, JSON lines, CSV or anything).
   Checked: the metrics are an object, or a message that names the
   file; read with the filter '.', a file whose metrics are an object
   gives the same object; a filter of $values and $text gives an
   object, or a message. No crash, no leak. */
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "metrics.h"

static char path[] = "/tmp/sweep-fuzz-metrics.XXXXXX";

/* The metrics M reads from the file, checked to be an object or a
   message that starts with the file's path. */
static jv
read_checked(struct metrics *m)
{
	jv out = metrics_read(m, path, 0), msg;

	if (jv_is_valid(out)) {
		CHECK(jv_get_kind(out) == JV_KIND_OBJECT);
		return out;
	}
	CHECK(fuzz_has_message(out));
	msg = jv_invalid_get_msg(jv_copy(out));
	CHECK(!strncmp(jv_string_value(msg), path, strlen(path)));
	jv_free(msg);
	return out;
}

/* The metrics of the file read with FILTER (may be NULL), checked.
   The filter is compiled for each input: libjq 1.6 holds the stack of
   a live program by its end, which LeakSanitizer takes for a leak. */
static jv
read_with(const char *filter)
{
	jv err = jv_invalid(), out;
	struct metrics *m = metrics_new("{name}", filter, &err);

	CHECK(m != NULL);
	jv_free(err);
	out = read_checked(m);
	metrics_free(m);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;	/* the file's, kept open: made once */
	FILE *f;
	jv a, b, c;
	int leaks = fuzz_jq_leak_at(data, size) >= 0;

	if (fd < 0)
		CHECK((fd = mkstemp(path)) >= 0);
	CHECK((f = fopen(path, "wb")) != NULL);
	CHECK(fwrite(data, 1, size, f) == size);
	CHECK(fclose(f) == 0);
	if (leaks)
		fuzz_lsan_disable();
	a = read_with(NULL);
	b = read_with(".");
	c = read_with("{n: ($values | length), t: ($text | length)}");
	if (leaks)
		fuzz_lsan_enable();
	if (jv_is_valid(a))
		CHECK(jv_equal(jv_copy(a), jv_copy(b)));
	jv_free(a);
	jv_free(b);
	jv_free(c);
	return 0;
}
