/* manifest: the runs of a sweep beside its script. */
#include <inttypes.h>
#include <stdio.h>

#include "manifest.h"

uint64_t
manifest_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a 64 */

	while (n--)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

void
manifest_param(struct buf *b, int first, jv key, jv name, jv value)
{
	int named = jv_get_kind(name) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(name)) > 0;

	if (!first)
		buf_addc(b, ',');
	json_dump_string(b, named ? name : key);
	buf_addc(b, ':');
	json_dump(b, value, 0);
}

/* Appends S as a JSON string. */
static void
add_string(struct buf *b, const char *s)
{
	jv v = jv_string(s);

	json_dump_string(b, v);
	jv_free(v);
}

void
manifest_run(struct buf *b, const char *name, uint64_t index,
    const char *config, uint64_t hash, const char *params, size_t len)
{
	char num[48];

	buf_adds(b, "{\"name\":");
	add_string(b, name);
	buf_add(b, num, (size_t)snprintf(num, sizeof num, ",\"index\":%"
	    PRIu64, index));
	buf_adds(b, ",\"config\":");
	if (config)
		add_string(b, config);
	else
		buf_adds(b, "null");
	buf_add(b, num, (size_t)snprintf(num, sizeof num, ",\"hash\":\"%016"
	    PRIx64 "\"", hash));
	buf_adds(b, ",\"params\":{");
	buf_add(b, params, len);
	buf_adds(b, "}}\n");
}
