/* spec: the sweep spec, a base config and its parameters. */
#include <stdlib.h>
#include <string.h>

#include "commit.h"
#include "die.h"
#include "dist.h"
#include "json.h"
#include "keypath.h"
#include "name.h"
#include "spec.h"
#include "stream.h"
#include "value.h"

jv
spec_new(jv base, const char *base_file)
{
	jv sweep;

	if (jv_get_kind(base) != JV_KIND_OBJECT) {
		jv err = fail("the base config is %s, not an object: start "
		    "from a config such as {\"train\": {...}}",
		    value_kind(base));
		jv_free(base);
		return err;
	}
	sweep = JV_OBJECT(jv_string("version"), jv_number(1),
	    jv_string("base_file"), base_file ? jv_string(base_file) : jv_null(),
	    jv_string("base_dir"), base_file ? path_abs_dir(base_file) :
	    jv_null(), jv_string("params"), jv_array());
	return JV_OBJECT(jv_string("sweep"), sweep, jv_string("base"), base);
}

int
spec_is(jv x)
{
	return jv_get_kind(x) == JV_KIND_OBJECT &&
	    jv_object_has(jv_copy(x), jv_string("sweep"));
}

static int
kind_is(jv x, jv_kind k)
{
	int ok = jv_get_kind(x) == k;

	jv_free(x);
	return ok;
}

static int
is_bool(jv x)
{
	jv_kind k = jv_get_kind(x);

	jv_free(x);
	return k == JV_KIND_TRUE || k == JV_KIND_FALSE;
}

static int
is_string_or_null(jv x)
{
	jv_kind k = jv_get_kind(x);

	jv_free(x);
	return k == JV_KIND_STRING || k == JV_KIND_NULL;
}

static int
is_group(jv x)
{
	jv_kind k = jv_get_kind(x);
	int ok = k == JV_KIND_NULL || (k == JV_KIND_NUMBER &&
	    jv_is_integer(jv_copy(x)));

	jv_free(x);
	return ok;
}

/* Whether ARR (consumed) is an array, not empty if NONEMPTY, of which
   OK (consuming its argument) passes every element. */
static int
all_pass(jv arr, int nonempty, int (*ok)(jv))
{
	int all = jv_get_kind(arr) == JV_KIND_ARRAY &&
	    (!nonempty || jv_array_length(jv_copy(arr)) > 0);

	if (all) {
		jv_array_foreach(arr, i, x) {
			all = ok(x) && all;
			(void)i;
		}
	}
	jv_free(arr);
	return all;
}

static int
is_string(jv x)
{
	return kind_is(x, JV_KIND_STRING);
}

/* A part of a path: a key, or an index (an integer from 0). */
static int
is_part(jv x)
{
	double d = jv_get_kind(x) == JV_KIND_NUMBER ? jv_number_value(x) : -1;
	int ok = jv_get_kind(x) == JV_KIND_STRING ||
	    (d >= 0 && d < 2147483647 && d == (int)d);

	jv_free(x);
	return ok;
}

static int
is_path(jv x)
{
	return all_pass(x, 1, is_part);
}

int
param_drawn(jv p)
{
	return jv_object_has(jv_copy(p), jv_string("dist"));
}

/* The shape of a parameter: every field present with its type; values
   or a distribution, not both. */
static int
param_shape_ok(jv p)
{
	int ok = kind_is(json_get(p, "key"), JV_KIND_STRING) &&
	    kind_is(json_get(p, "name"), JV_KIND_STRING) &&
	    is_group(json_get(p, "group")) &&
	    (param_drawn(p) ? !jv_object_has(jv_copy(p), jv_string("values")) &&
	    kind_is(json_get(p, "dist"), JV_KIND_OBJECT) :
	    kind_is(json_get(p, "values"), JV_KIND_ARRAY)) &&
	    (all_pass(json_get(p, "value_names"), 0, is_string) ||
	    kind_is(json_get(p, "value_names"), JV_KIND_NULL)) &&
	    is_bool(json_get(p, "hidename")) && is_bool(json_get(p, "create")) &&
	    all_pass(json_get(p, "paths"), 1, is_path);

	return ok;
}

static jv
fix_for(jv base)
{
	switch (jv_get_kind(base)) {
	case JV_KIND_TRUE:
	case JV_KIND_FALSE: return jv_string("write true or false");
	case JV_KIND_NUMBER: return jv_string("write a number");
	case JV_KIND_STRING: return jv_string("take the values as strings "
	    "with -S");
	default: return jv_string_fmt("write %s as JSON", value_kind(base));
	}
}

/* Every value fits the base at every path (unless created there). */
static jv
check_types(jv base, jv p, const char *key)
{
	jv paths = json_get(p, "paths"), values = param_drawn(p) ?
	    JV_ARRAY(jv_number(0)) : json_get(p, "values");
	jv err = jv_true();

	jv_array_foreach(paths, i, path) {
		jv there = keypath_get(base, path);

		if (!jv_is_valid(there) && !kind_is(json_get(p, "create"),
		    JV_KIND_TRUE)) {
			jv text = keypath_text(jv_copy(path));

			jv_free(err);
			err = fail("no key %s in the base config: declare it "
			    "with --create", jv_string_value(text));
			jv_free(text);
		} else if (jv_is_valid(err)) {
			jv_free(err);
			err = keypath_settable(base, path, key);
		}
		jv_array_foreach(values, j, v) {
			if (jv_is_valid(err) && jv_is_valid(there) &&
			    !value_fits(there, v)) {
				jv vt = jv_dump_string(jv_copy(v), 0);
				jv shown = brief(jv_string_value(vt));
				jv fix = param_drawn(p) ? jv_string("a "
				    "distribution draws numbers: draw a key "
				    "that holds one") : fix_for(there);

				jv_free(err);
				err = fail("value %s for %s is %s, but the base "
				    "has %s there: %s", jv_string_value(shown), key,
				    value_kind(v), value_kind(there),
				    jv_string_value(fix));
				jv_free(shown);
				jv_free(vt);
				jv_free(fix);
			}
			jv_free(v);
			(void)j;
		}
		jv_free(there);
		jv_free(path);
		(void)i;
	}
	jv_free(paths);
	jv_free(values);
	return err;
}

/* A distribution is well formed, has no value names and no group. */
static jv
check_dist(jv p, const char *key)
{
	struct dist d;
	jv dist = json_get(p, "dist"), err = dist_read(&d, dist);

	jv_free(dist);
	if (!jv_is_valid(err)) {
		jv msg = jv_invalid_get_msg(err);

		err = fail("%s: %s", key, jv_string_value(msg));
		jv_free(msg);
	} else if (!kind_is(json_get(p, "value_names"), JV_KIND_NULL)) {
		jv_free(err);
		err = fail("%s is drawn from a distribution, whose values have "
		    "no names: leave out -N", key);
	} else if (!kind_is(json_get(p, "group"), JV_KIND_NULL)) {
		jv_free(err);
		err = fail("%s is drawn from a distribution, which is a group "
		    "of its own: leave out -g", key);
	}
	return err;
}

/* Values and value names agree; a value that shows in the run name has
   a text (an object needs a value name). */
static jv
check_values(jv p, const char *key)
{
	if (param_drawn(p))
		return check_dist(p, key);

	jv values = json_get(p, "values"), names = json_get(p, "value_names");
	jv name = json_get(p, "name");
	int n = jv_array_length(jv_copy(values));
	int shown = jv_string_length_bytes(name) > 0 &&
	    !kind_is(json_get(p, "hidename"), JV_KIND_TRUE);
	jv err = jv_true();

	if (n == 0)
		err = fail("no values for %s: give at least one VALUE", key);
	else if (jv_get_kind(names) == JV_KIND_ARRAY &&
	    jv_array_length(jv_copy(names)) != n)
		err = fail("%s has %d value%s but %d value name%s: give one "
		    "name per value with -N", key, n, n == 1 ? "" : "s",
		    jv_array_length(jv_copy(names)),
		    jv_array_length(jv_copy(names)) == 1 ? "" : "s");
	else if (shown && jv_get_kind(names) == JV_KIND_NULL) {
		jv_array_foreach(values, i, v) {
			struct buf b = { 0 };

			if (jv_is_valid(err) && value_text(&b, v) < 0)
				err = fail("%s has an object value, which cannot "
				    "go in a run name: give the values names "
				    "with -N", key);
			buf_free(&b);
			jv_free(v);
			(void)i;
		}
	}
	jv_free(values);
	jv_free(names);
	return err;
}

/* A dotted KEY names the paths of P (borrowed) in BASE (borrowed), so
   a spec edited by hand cannot set one place and report another; a jq
   path expression's paths are taken as written (compiling it again at
   every stage would cost what resolving it once saved). */
static jv
check_key_paths(jv base, jv p, const char *key)
{
	struct keypath *kp;
	jv err, paths, want;

	if (key[0] == '.')
		return jv_true();
	if (!(kp = keypath_compile(key, &err)))
		return err;
	paths = keypath_resolve(kp, base, kind_is(json_get(p, "create"),
	    JV_KIND_TRUE));
	keypath_free(kp);
	if (!jv_is_valid(paths))
		return paths;
	want = json_get(p, "paths");
	if (jv_equal(paths, jv_copy(want)))
		err = jv_true();
	else {
		jv text = keypath_text(jv_array_get(jv_copy(want), 0));

		err = fail("parameter %s sets %s, not the place its key "
		    "names: edit key and paths together, or make specs with "
		    "sweep-add", key, jv_string_value(text));
		jv_free(text);
	}
	jv_free(want);
	return err;
}

static jv
check_param(jv base, jv p, int i)
{
	jv key, err;

	if (!param_shape_ok(p))
		return fail("parameter %d of the spec is malformed: make "
		    "specs with sweep-add", i + 1);
	key = json_get(p, "key");
	err = check_values(p, jv_string_value(key));
	if (jv_is_valid(err)) {
		jv_free(err);
		err = check_types(base, p, jv_string_value(key));
	}
	if (jv_is_valid(err)) {
		jv_free(err);
		err = check_key_paths(base, p, jv_string_value(key));
	}
	jv_free(key);
	return err;
}

static int
value_count(jv p)
{
	return jv_array_length(json_get(p, "values"));
}

static int compare_places(jv mine, jv theirs);

/* No parameter sets a place inside another's: the values of one would
   land in a value of the other. */
static jv
check_overlaps(jv params)
{
	int n = jv_array_length(jv_copy(params));
	jv err = jv_true();

	for (int i = 0; i < n && jv_is_valid(err); i++) {
		jv a = jv_array_get(jv_copy(params), i);
		jv pa = json_get(a, "paths");

		for (int j = i + 1; j < n && jv_is_valid(err); j++) {
			jv b = jv_array_get(jv_copy(params), j);
			jv pb = json_get(b, "paths");

			if (compare_places(pa, pb) < 0) {
				jv ka = json_get(a, "key");
				jv kb = json_get(b, "key");

				jv_free(err);
				err = fail("key %s overlaps %s: sweep one of "
				    "them, or the same places with both",
				    jv_string_value(kb), jv_string_value(ka));
				jv_free(ka);
				jv_free(kb);
			}
			jv_free(pb);
			jv_free(b);
		}
		jv_free(pa);
		jv_free(a);
	}
	jv_free(params);
	return err;
}

/* The name P (borrowed) shows in run names and meta: "" when none. */
static jv
shown_name(jv p)
{
	jv name = json_get(p, "name");

	if (jv_get_kind(name) != JV_KIND_STRING) {
		jv_free(name);
		return jv_string("");
	}
	return name;
}

static jv
check_names(jv params)
{
	int n = jv_array_length(jv_copy(params));
	jv err = jv_true();

	for (int i = 0; i < n && jv_is_valid(err); i++) {
		jv a = jv_array_get(jv_copy(params), i), na = shown_name(a);

		for (int j = i + 1; j < n && jv_is_valid(err) &&
		    jv_string_length_bytes(jv_copy(na)) > 0; j++) {
			jv b = jv_array_get(jv_copy(params), j);
			jv nb = shown_name(b);

			if (jv_equal(jv_copy(na), nb)) {
				jv ka = json_get(a, "key"), kb = json_get(b, "key");

				jv_free(err);
				err = fail("%s and %s are both named %s: give one "
				    "of them another name with -n",
				    jv_string_value(ka), jv_string_value(kb),
				    jv_string_value(na));
				jv_free(ka);
				jv_free(kb);
			}
			jv_free(b);
		}
		jv_free(na);
		jv_free(a);
	}
	jv_free(params);
	return err;
}

jv
spec_names_ok(jv spec)
{
	jv sweep = json_get(spec, "sweep");
	jv err = check_names(json_get(sweep, "params"));

	jv_free(sweep);
	return err;
}

/* Members of a numbered group have the same number of values. */
static jv
check_groups(jv params)
{
	int n = jv_array_length(jv_copy(params));

	for (int i = 0; i < n; i++) {
		jv a = jv_array_get(jv_copy(params), i);
		jv ga = json_get(a, "group");

		for (int j = i + 1; j < n && jv_get_kind(ga) ==
		    JV_KIND_NUMBER; j++) {
			jv b = jv_array_get(jv_copy(params), j);
			jv gb = json_get(b, "group");

			if (jv_equal(jv_copy(ga), gb) &&
			    value_count(a) != value_count(b)) {
				jv ka = json_get(a, "key");
				jv kb = json_get(b, "key");
				jv err = fail("group %g: %s has %d values but %s "
				    "has %d: give every parameter of a group "
				    "the same number of values",
				    jv_number_value(ga), jv_string_value(ka),
				    value_count(a), jv_string_value(kb),
				    value_count(b));

				jv_free(ka);
				jv_free(kb);
				jv_free(a);
				jv_free(b);
				jv_free(ga);
				jv_free(params);
				return err;
			}
			jv_free(b);
		}
		jv_free(ga);
		jv_free(a);
	}
	jv_free(params);
	return jv_true();
}

jv
spec_check(jv spec)
{
	jv sweep = json_get(spec, "sweep"), base = json_get(spec, "base");
	jv version = json_get(sweep, "version");
	jv params = json_get(sweep, "params");
	jv err = jv_true();

	if (jv_get_kind(version) == JV_KIND_NUMBER &&
	    jv_number_value(version) > SPEC_VERSION)
		err = fail("the spec has version %g, newer than this sweep "
		    "reads: upgrade sweep", jv_number_value(version));
	else if (jv_get_kind(base) != JV_KIND_OBJECT ||
	    jv_get_kind(params) != JV_KIND_ARRAY ||
	    jv_get_kind(version) != JV_KIND_NUMBER ||
	    !is_string_or_null(json_get(sweep, "base_file")) ||
	    !is_string_or_null(json_get(sweep, "base_dir")))
		err = fail("not a sweep spec: make one with sweep-add -b BASE");
	else if (!jv_is_valid(err = name_options_ok(sweep)))
		;
	else {
		jv_array_foreach(params, i, p) {
			if (jv_is_valid(err)) {
				jv_free(err);
				err = check_param(base, p, i);
			}
			jv_free(p);
		}
		if (jv_is_valid(err)) {
			jv_free(err);
			err = check_groups(jv_copy(params));
		}
		if (jv_is_valid(err)) {
			jv_free(err);
			err = check_overlaps(jv_copy(params));
		}
		if (jv_is_valid(err)) {
			jv_free(err);
			err = check_names(jv_copy(params));
		}
	}
	jv_free(sweep);
	jv_free(base);
	jv_free(version);
	jv_free(params);
	if (!jv_is_valid(err)) {
		jv_free(spec);
		return err;
	}
	jv_free(err);
	return spec;
}

/* The default name: none for a single value, else the last object key
   on the first path. */
static jv
default_name(jv paths, int nvalues)
{
	jv path = jv_array_get(paths, 0), name = jv_string("");

	if (nvalues > 1) {
		jv_array_foreach(path, i, part) {
			if (jv_get_kind(part) == JV_KIND_STRING) {
				jv_free(name);
				name = part;
			} else
				jv_free(part);
			(void)i;
		}
	}
	jv_free(path);
	return name;
}

/* Where the new paths stand against an earlier parameter's: the same
   places (1), apart (0), or overlapping (-1). */
static int
compare_places(jv mine, jv theirs)
{
	int overlap = 0;

	if (jv_equal(jv_copy(mine), jv_copy(theirs)))
		return 1;
	jv_array_foreach(mine, i, a) {
		jv_array_foreach(theirs, j, b) {
			overlap |= keypath_within(a, b) || keypath_within(b, a);
			jv_free(b);
			(void)j;
		}
		jv_free(a);
		(void)i;
	}
	return overlap ? -1 : 0;
}

/* PARAMS (consumed) with P (consumed) in place of the declaration of the
   same places, or appended; first with PREPEND. */
static jv
place_param(jv params, jv p, int prepend, const char *key)
{
	jv paths = json_get(p, "paths"), out = jv_array();
	int replaced = 0;

	jv_array_foreach(params, i, q) {
		jv theirs = json_get(q, "paths");
		int cmp = compare_places(paths, theirs);

		jv_free(theirs);
		if (cmp < 0) {
			jv qk = json_get(q, "key");
			jv err = fail("key %s overlaps %s, declared before: "
			    "sweep one of them, or the same places with both",
			    key, jv_string_value(qk));

			jv_free(qk);
			jv_free(q);
			jv_free(out);
			jv_free(params);
			jv_free(paths);
			jv_free(p);
			return err;
		}
		if (cmp > 0 && !prepend) {
			out = jv_array_append(out, jv_copy(p));
			replaced = 1;
		} else if (cmp == 0)
			out = jv_array_append(out, q), q = jv_null();
		jv_free(q);
		(void)i;
	}
	jv_free(params);
	jv_free(paths);
	if (prepend)
		out = jv_array_concat(JV_ARRAY(p), out);
	else if (!replaced)
		out = jv_array_append(out, p);
	else
		jv_free(p);
	return out;
}

int
spec_version(jv params)
{
	int version = 1;

	jv_array_foreach(params, i, p) {
		if (param_drawn(p))
			version = SPEC_VERSION;
		jv_free(p);
		(void)i;
	}
	return version;
}

jv
spec_add(jv spec, const struct param_decl *d)
{
	jv base = json_get(spec, "base"), sweep = json_get(spec, "sweep");
	int create = d->create || jv_object_length(jv_copy(base)) == 0;
	jv err, paths = keypath_resolve(d->kp, base, create), p, params;
	int drawn = jv_get_kind(d->dist) == JV_KIND_OBJECT;
	int nvalues = drawn ? 2 : jv_array_length(jv_copy(d->values));

	if (!jv_is_valid(paths)) {
		jv_free(base);
		jv_free(sweep);
		jv_free(spec);
		return paths;
	}
	p = JV_OBJECT(jv_string("key"), jv_string(d->key),
	    jv_string("paths"), jv_copy(paths),
	    jv_string("name"), d->name ? jv_string(d->name) :
	    default_name(jv_copy(paths), nvalues),
	    jv_string("group"), d->has_group ? jv_number(d->group) : jv_null(),
	    jv_string(drawn ? "dist" : "values"),
	    jv_copy(drawn ? d->dist : d->values),
	    jv_string("value_names"), jv_copy(d->value_names),
	    jv_string("hidename"), jv_bool(d->hidename),
	    jv_string("create"), jv_bool(create));
	jv_free(paths);
	err = check_param(base, p, 0);
	jv_free(base);
	if (!jv_is_valid(err)) {
		jv_free(p);
		jv_free(sweep);
		jv_free(spec);
		return err;
	}
	jv_free(err);
	params = place_param(json_get(sweep, "params"), p, d->prepend, d->key);
	if (jv_is_valid(params))
		err = check_groups(jv_copy(params));
	else
		err = jv_copy(params);
	if (!jv_is_valid(err)) {
		jv_free(params);
		jv_free(sweep);
		jv_free(spec);
		return err;
	}
	jv_free(err);
	sweep = jv_object_set(sweep, jv_string("version"),
	    jv_number(spec_version(params)));
	sweep = jv_object_set(sweep, jv_string("params"), params);
	return jv_object_set(spec, jv_string("sweep"), sweep);
}

jv
spec_options(jv spec, jv options)
{
	jv sweep, old;

	if (jv_object_length(jv_copy(options)) == 0) {
		jv_free(options);
		return spec;
	}
	sweep = json_get(spec, "sweep");
	old = json_get(sweep, "options");
	if (jv_get_kind(old) == JV_KIND_OBJECT)
		options = jv_object_merge(old, options);
	else
		jv_free(old);
	sweep = jv_object_set(sweep, jv_string("options"), options);
	return jv_object_set(spec, jv_string("sweep"), sweep);
}

/* Frees what it holds before it dies, so that no exit path leaks. */
jv
spec_read_all(const char *fix, const char *none)
{
	struct reader *r = reader_open("-",
	    "pipe a sweep spec from sweep-add here");
	jv specs = jv_array(), v;
	char where[600];

	while (jv_is_valid(v = reader_read(r))) {
		snprintf(where, sizeof where, "%s", reader_where(r));
		if (!spec_is(v)) {
			int run = run_is(v);

			jv_free(v);
			jv_free(specs);
			reader_close(r);
			die("%s: not a sweep spec%s: %s", where,
			    run ? " but a run" : "", fix);
		}
		v = spec_check(v);
		if (!jv_is_valid(v)) {
			jv_free(specs);
			reader_close(r);
			die_jv(where, v);
		}
		specs = jv_array_append(specs, v);
	}
	reader_close(r);
	if (jv_invalid_has_msg(jv_copy(v))) {
		jv_free(specs);
		die_jv(NULL, v);
	}
	if (jv_array_length(jv_copy(specs)) == 0) {
		jv_free(specs);
		die("no sweep spec on stdin: " STDIN_EMPTY "%s", none);
	}
	return specs;
}
