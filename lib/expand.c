/* expand: the runs of a checked spec, one at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "expand.h"
#include "keypath.h"
#include "spec.h"

/* OPTIONS (consumed) with the base name from BASE (borrowed) when a
   parameter of PARAMS (borrowed) sweeps the name key: robomimic names
   such runs from the base's name, not from the value swept into it. */
static jv
swept_name_base(jv options, jv base, jv params)
{
	jv key = json_get(options, "name_key"), given = json_get(options,
	    "base_name"), name = jv_null();
	const char *k = jv_get_kind(key) == JV_KIND_STRING ?
	    jv_string_value(key) : "experiment.name";

	jv_array_foreach(params, i, p) {
		jv paths = json_get(p, "paths");

		jv_array_foreach(paths, j, path) {
			jv text = keypath_text(jv_copy(path));

			if (jv_get_kind(name) == JV_KIND_NULL &&
			    keypath_same_key(jv_string_value(text), k))
				name = jv_getpath(jv_copy(base), path);
			else
				jv_free(path);
			jv_free(text);
			(void)j;
		}
		jv_free(paths);
		jv_free(p);
		(void)i;
	}
	if (jv_get_kind(name) == JV_KIND_STRING &&
	    jv_get_kind(given) != JV_KIND_STRING)
		options = jv_object_set(jv_get_kind(options) ==
		    JV_KIND_OBJECT ? options : jv_object(),
		    jv_string("base_name"), name);
	else
		jv_free(name);
	jv_free(key);
	jv_free(given);
	return options;
}

jv
expand_init(struct expansion *x, jv spec)
{
	jv sweep = json_get(spec, "sweep"), params = json_get(sweep, "params");

	x->base = json_get(spec, "base");
	x->base_file = json_get(sweep, "base_file");
	x->base_dir = json_get(sweep, "base_dir");
	x->options = json_get(sweep, "options");
	if (!jv_is_valid(x->options))
		x->options = jv_null();
	x->options = swept_name_base(x->options, x->base, params);
	if (grid_init(&x->grid, params) < 0)
		die("out of memory");
	x->p = xcalloc((size_t)x->grid.nparams + 1, sizeof *x->p);
	x->drawn = 0;
	jv_array_foreach(params, i, p) {
		struct xparam *xp = &x->p[i];

		xp->key = json_get(p, "key");
		xp->name = json_get(p, "name");
		xp->paths = json_get(p, "paths");
		xp->values = json_get(p, "values");
		xp->value_names = json_get(p, "value_names");
		xp->hidename = jv_get_kind(json_get(p, "hidename")) ==
		    JV_KIND_TRUE;
		if ((xp->drawn = param_drawn(p))) {
			jv dist = json_get(p, "dist");

			jv_free(dist_read(&xp->dist, dist));	/* checked */
			jv_free(dist);
			x->drawn++;
		}
		jv_free(p);
	}
	jv_free(params);
	jv_free(sweep);
	jv_free(spec);
	if (x->grid.overflow)
		return fail("the sweep has more than 2^64 runs, more than "
		    "sweep can count or draw from: sweep fewer values");
	return jv_true();
}

void
expand_free(struct expansion *x)
{
	for (int i = 0; x->p && i < x->grid.nparams; i++) {
		jv_free(x->p[i].key);
		jv_free(x->p[i].name);
		jv_free(x->p[i].paths);
		jv_free(x->p[i].values);
		jv_free(x->p[i].value_names);
	}
	free(x->p);
	x->p = NULL;
	jv_free(x->base);
	jv_free(x->base_file);
	jv_free(x->base_dir);
	jv_free(x->options);
	grid_free(&x->grid);
}

/* The value and value name of parameter I at group digit D, or drawn
   as V. */
static void
param_value(struct expansion *x, int i, uint64_t d, const double *v,
    int digits, jv *value, jv *vname)
{
	struct xparam *xp = &x->p[i];
	char text[32];

	if (xp->drawn) {
		*value = jv_number(*v);
		*vname = jv_null();
		if (xp->dist.kind != DIST_INT_UNIFORM) {
			expand_short(text, sizeof text, *v, digits);
			*vname = jv_string(text);
		}
		return;
	}
	*value = jv_array_get(jv_copy(xp->values), (int)d);
	*vname = jv_get_kind(xp->value_names) == JV_KIND_ARRAY ?
	    jv_array_get(jv_copy(xp->value_names), (int)d) : jv_null();
}

/* The run at INDEX: group digits DIGITS, or a POINT when not NULL. */
static jv
make_run(struct expansion *x, uint64_t index, const uint64_t *digits,
    const double *point, int prec)
{
	jv config = jv_copy(x->base), params = jv_array(), run;

	for (int i = 0; i < x->grid.nparams; i++) {
		struct xparam *xp = &x->p[i];
		int g = x->grid.group[i];
		jv value, vname;

		param_value(x, i, !point ? digits[g] : xp->drawn ? 0 :
		    (uint64_t)point[g], point ? &point[g] : NULL, prec, &value,
		    &vname);
		jv_array_foreach(xp->paths, j, path) {
			config = jv_setpath(config, path, jv_copy(value));
			(void)j;
		}
		params = jv_array_append(params, JV_OBJECT(
		    jv_string("key"), jv_copy(xp->key),
		    jv_string("name"), jv_copy(xp->name),
		    jv_string("value"), value,
		    jv_string("value_name"), vname,
		    jv_string("hidename"), jv_bool(xp->hidename)));
	}
	if (!jv_is_valid(config)) {
		jv_free(params);
		return config;
	}
	run = JV_OBJECT(jv_string("index"), jv_number((double)index),
	    jv_string("base_file"), jv_copy(x->base_file),
	    jv_string("base_dir"), jv_copy(x->base_dir));
	if (jv_get_kind(x->options) == JV_KIND_OBJECT)
		run = jv_object_set(run, jv_string("options"),
		    jv_copy(x->options));
	run = jv_object_set(run, jv_string("params"), params);
	run = jv_object_set(run, jv_string("name"), jv_null());
	return JV_OBJECT(jv_string("run"), run, jv_string("config"), config);
}

jv
expand_run(struct expansion *x, uint64_t index, const uint64_t *digits)
{
	return make_run(x, index, digits, NULL, 0);
}

jv
expand_point(struct expansion *x, uint64_t index, const double *point,
    int digits)
{
	return make_run(x, index, NULL, point, digits);
}

void
expand_short(char *text, size_t size, double v, int digits)
{
	snprintf(text, size, "%.*g", digits, v);
}

static void
run_member(struct buf *b, jv value, jv key, int place, int level,
    void *cache)
{
	(void)place;
	(void)level;
	if (!strcmp(jv_string_value(key), "config"))
		json_dump_cached(b, value, cache);
	else
		json_dump(b, value, 0);
}

void
run_dump(struct buf *b, jv run, const struct json_cache *cache)
{
	if (cache && jv_get_kind(run) == JV_KIND_OBJECT &&
	    json_has_members(run))
		json_dump_members(b, run, 0, 0, run_member, (void *)cache);
	else
		json_dump(b, run, 0);
}
