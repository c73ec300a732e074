/* fuzz: what the fuzz targets share. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "keypath.h"
#include "name.h"
#include "stream.h"

char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int
fuzz_fd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	CHECK(fd >= 0);
	CHECK(write_all(fd, data, size) == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	return fd;
}

int
fuzz_has_message(jv invalid)
{
	jv msg = jv_invalid_get_msg(jv_copy(invalid));
	int ok = jv_get_kind(msg) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(msg)) > 0;

	jv_free(msg);
	return ok;
}

void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

void
fuzz_lsan_disable(void)
{
	if (__lsan_disable)
		__lsan_disable();
}

void
fuzz_lsan_enable(void)
{
	if (__lsan_enable)
		__lsan_enable();
}

/* libjq 1.6's parser drops a string it read when a value came right
   before it without a separator ({"a": 1 "b": 2}): the one known leak
   that is not ours. */
int
fuzz_jq_leak_at(const uint8_t *data, size_t size)
{
	jv_parser *p;
	jv v;
	int n = 0, at = -1, last = 0;

	fuzz_lsan_disable();
	p = jv_parser_new(0);
	jv_parser_set_buf(p, (const char *)data, (int)size, 1);
	for (;;) {
		v = jv_parser_next(p);
		if (jv_is_valid(v)) {
			n++;
		} else if (jv_invalid_has_msg(jv_copy(v))) {
			jv msg = jv_invalid_get_msg(jv_copy(v));

			if (!strncmp(jv_string_value(msg), "Expected separator "
			    "between values", 33))
				at = n;
			jv_free(msg);
			jv_free(v);
			break;
		} else if (jv_parser_remaining(p) > 0) {
			/* an RS (0x1e): go on, as the reader does */
		} else if (!last) {
			jv_parser_set_buf(p, "", 0, 0);
			last = 1;
		} else {
			jv_free(v);
			break;
		}
		jv_free(v);
	}
	jv_parser_free(p);
	fuzz_lsan_enable();
	return at;
}

jv
fuzz_parse(const char *s, size_t n)
{
	int leaks = fuzz_jq_leak_at((const uint8_t *)s, n) >= 0;
	jv v;

	if (leaks)
		fuzz_lsan_disable();
	v = jv_parse_sized(s, (int)n);
	if (leaks)
		fuzz_lsan_enable();
	return v;
}

/* A run name is one file name: not empty, at most NAME_MAX_BYTES, no
   "/" and no NUL. The config holds it at the name key when N says the
   key is written for the config BEFORE naming, and has no name key when
   it is not. Consumes BEFORE and RUN. */
void
fuzz_check_named(struct namer *n, jv before, jv run)
{
	jv name, config, prior, path, held;
	const char *s;
	int len;

	if (!jv_is_valid(run)) {
		CHECK(fuzz_has_message(run));
		jv_free(run);
		jv_free(before);
		return;
	}
	CHECK(run_is(run));
	CHECK(run_is(before));
	name = jv_getpath(jv_copy(run), JV_ARRAY(jv_string("run"),
	    jv_string("name")));
	CHECK(jv_get_kind(name) == JV_KIND_STRING);
	s = jv_string_value(name);
	len = jv_string_length_bytes(jv_copy(name));
	CHECK(len > 0 && len <= NAME_MAX_BYTES);
	CHECK((int)strlen(s) == len);
	CHECK(strchr(s, '/') == NULL);
	config = jv_object_get(run, jv_string("config"));
	prior = jv_object_get(before, jv_string("config"));
	path = name_key_path(n, prior);
	CHECK(jv_is_valid(path));
	held = keypath_get(config, path);
	if (name_writes(n, prior, path) & NAME_WRITES_KEY)
		CHECK(jv_equal(held, name));
	else {
		CHECK(!jv_is_valid(held));
		jv_free(held);
		jv_free(name);
	}
	jv_free(path);
	jv_free(prior);
	jv_free(config);
}
