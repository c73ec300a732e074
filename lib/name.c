/* name: run names, the "/" rule, meta. */
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "keypath.h"
#include "name.h"
#include "value.h"

enum {
	OPT_BASE_NAME = 0x100,
	OPT_NO_BASE,
	OPT_NAME_KEY,
	OPT_NO_META,
	OPT_WANDB,
};

static const struct argp_option options[] = {
	{ 0, 0, 0, 0, "Naming runs:", 1 },
	{ "base-name", OPT_BASE_NAME, "NAME", 0,
	  "Start every run name with NAME (default: the string at the name "
	  "key of the run's config)", 1 },
	{ "no-base", OPT_NO_BASE, 0, 0,
	  "Start run names with nothing", 1 },
	{ "name-key", OPT_NAME_KEY, "KEY", 0,
	  "Read the base name from KEY and write the run name there "
	  "(default: experiment.name)", 1 },
	{ "no-meta", OPT_NO_META, 0, 0,
	  "Do not write meta.hp_base_config_file, hp_keys and hp_values", 1 },
	{ "wandb-project", OPT_WANDB, "NAME", 0,
	  "Set experiment.logging.wandb_proj_name to NAME", 1 },
	{ 0 }
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct namer *n = state->input;

	switch (key) {
	case OPT_BASE_NAME: n->base_name = arg; break;
	case OPT_NO_BASE: n->no_base = 1; break;
	case OPT_NAME_KEY: n->name_key = arg; break;
	case OPT_NO_META: n->no_meta = 1; break;
	case OPT_WANDB: n->wandb_project = arg; break;
	case ARGP_KEY_END:
		if (n->no_base && n->base_name)
			argp_error(state, "--base-name and --no-base exclude "
			    "each other: give one");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp name_argp = { options, parse_opt, 0, 0, 0, 0, 0 };

void
namer_init(struct namer *n)
{
	jv err;

	if (!n->name_key)
		n->name_key = "experiment.name";
	n->kp = keypath_compile(n->name_key, &err);
	if (!n->kp)
		die_jv("--name-key", err);
}

void
namer_free(struct namer *n)
{
	keypath_free(n->kp);
	n->kp = NULL;
	buf_free(&n->b);
}

static jv
get(jv obj, const char *key)
{
	return jv_get_kind(obj) == JV_KIND_OBJECT ?
	    jv_object_get(jv_copy(obj), jv_string(key)) : jv_invalid();
}

int
run_is(jv x)
{
	jv run = get(x, "run"), config = get(x, "config");
	jv params = get(run, "params");
	int ok = jv_get_kind(run) == JV_KIND_OBJECT &&
	    jv_get_kind(config) == JV_KIND_OBJECT &&
	    jv_get_kind(params) == JV_KIND_ARRAY;

	jv_free(run);
	jv_free(config);
	jv_free(params);
	return ok;
}

/* The one place the name key names in CONFIG (borrowed). */
static jv
name_path(struct namer *n, jv config)
{
	jv paths = keypath_resolve(n->kp, config, 1);

	if (!jv_is_valid(paths))
		return paths;
	if (jv_array_length(jv_copy(paths)) != 1) {
		jv_free(paths);
		return fail("name key %s names several places: name one",
		    n->name_key);
	}
	return jv_array_get(paths, 0);
}

/* The base name from the config at PATH: a string, or empty if none. */
static jv
base_from_config(struct namer *n, jv config, jv path)
{
	jv v = keypath_get(config, path);

	switch (jv_get_kind(v)) {
	case JV_KIND_STRING:
		return v;
	case JV_KIND_INVALID:
	case JV_KIND_NULL:
		jv_free(v);
		return jv_string("");
	default: {
		jv err = fail("the name key %s holds %s, not a string: give "
		    "the base name with --base-name", n->name_key,
		    value_kind(v));

		jv_free(v);
		return err;
	}
	}
}

/* Appends "_NAME" and "_VALUE" for the parameter P (borrowed). */
static int
name_param(struct buf *b, jv p)
{
	jv name = get(p, "name"), vname = get(p, "value_name");
	jv value = get(p, "value"), hide = get(p, "hidename");
	int rc = 0;

	if (jv_get_kind(name) == JV_KIND_STRING &&
	    jv_string_length_bytes(jv_copy(name)) > 0 &&
	    jv_get_kind(hide) != JV_KIND_TRUE) {
		size_t mark;

		if (b->len)
			buf_addc(b, '_');
		buf_add(b, jv_string_value(name),
		    (size_t)jv_string_length_bytes(jv_copy(name)));
		buf_addc(b, '_');
		mark = b->len;
		if (jv_get_kind(vname) == JV_KIND_STRING)
			rc = value_text(b, vname);
		else
			rc = value_text(b, value);
		if (b->len == mark)
			b->len--;
	}
	jv_free(name);
	jv_free(vname);
	jv_free(value);
	jv_free(hide);
	return rc;
}

/* The run name from BASE (consumed) and the run's PARAMS (borrowed). */
static jv
make_name(struct namer *n, jv base, jv params)
{
	struct buf *b = &n->b;
	jv bad = jv_null();

	b->len = 0;
	buf_add(b, jv_string_value(base),
	    (size_t)jv_string_length_bytes(jv_copy(base)));
	jv_free(base);
	jv_array_foreach(params, i, p) {
		if (jv_get_kind(bad) == JV_KIND_NULL && name_param(b, p) < 0)
			bad = get(p, "key");
		jv_free(p);
		(void)i;
	}
	if (jv_get_kind(bad) == JV_KIND_STRING) {
		jv err = fail("%s has an object value, which cannot go in a "
		    "run name: give the values names with -N",
		    jv_string_value(bad));

		jv_free(bad);
		return err;
	}
	for (size_t i = 0; i < b->len; i++) {
		if (b->p[i] == '/')
			b->p[i] = '-';
		else if (b->p[i] == '\0')
			return fail("a run name holds a NUL character: name "
			    "the values with -N");
	}
	if (b->len == 0)
		return fail("a run has an empty name: give a base name with "
		    "--base-name, or name a parameter with -n");
	if (b->len > NAME_MAX_BYTES)
		return fail("run name %.40s... is %zu bytes, over %d: shorten "
		    "it with -N value names, shorter -n names or --hide-name",
		    b->p, b->len, NAME_MAX_BYTES);
	return jv_string_sized(b->p, (int)b->len);
}

/* Sets meta.hp_base_config_file, hp_keys and hp_values, in that order,
   keeping meta's other keys and its place. */
static jv
set_meta(jv config, jv run, jv params)
{
	jv meta = get(config, "meta"), keys = jv_array(), values = jv_array();

	if (jv_get_kind(meta) == JV_KIND_INVALID ||
	    jv_get_kind(meta) == JV_KIND_NULL) {
		jv_free(meta);
		meta = jv_object();
	}
	if (jv_get_kind(meta) != JV_KIND_OBJECT) {
		jv err = fail("meta in the config is %s, not an object: "
		    "leave meta alone with --no-meta", value_kind(meta));

		jv_free(meta);
		jv_free(keys);
		jv_free(values);
		jv_free(config);
		return err;
	}
	jv_array_foreach(params, i, p) {
		jv name = get(p, "name"), vname = get(p, "value_name");

		if (jv_get_kind(name) == JV_KIND_STRING &&
		    jv_string_length_bytes(jv_copy(name)) > 0) {
			keys = jv_array_append(keys, name);
			values = jv_array_append(values,
			    jv_get_kind(vname) == JV_KIND_STRING ?
			    jv_copy(vname) : get(p, "value"));
		} else
			jv_free(name);
		jv_free(vname);
		jv_free(p);
		(void)i;
	}
	meta = jv_object_set(meta, jv_string("hp_base_config_file"),
	    get(run, "base_file"));
	meta = jv_object_set(meta, jv_string("hp_keys"), keys);
	meta = jv_object_set(meta, jv_string("hp_values"), values);
	return jv_object_set(config, jv_string("meta"), meta);
}

jv
name_run(struct namer *n, jv run_obj)
{
	jv run = get(run_obj, "run"), config = get(run_obj, "config");
	jv params = get(run, "params"), path, base, name;

	jv_free(run_obj);
	path = name_path(n, config);
	if (!jv_is_valid(path))
		base = jv_copy(path);
	else if (n->no_base)
		base = jv_string("");
	else if (n->base_name)
		base = jv_string(n->base_name);
	else
		base = base_from_config(n, config, path);
	name = jv_is_valid(base) ? make_name(n, base, params) : base;
	if (jv_is_valid(name))
		config = jv_setpath(config, path, jv_copy(name));
	else
		jv_free(path);
	if (jv_is_valid(config) && jv_is_valid(name) && n->wandb_project)
		config = jv_setpath(config, JV_ARRAY(jv_string("experiment"),
		    jv_string("logging"), jv_string("wandb_proj_name")),
		    jv_string(n->wandb_project));
	if (jv_is_valid(config) && jv_is_valid(name) && !n->no_meta)
		config = set_meta(config, run, params);
	jv_free(params);
	if (!jv_is_valid(name) || !jv_is_valid(config)) {
		jv_free(run);
		if (!jv_is_valid(name)) {
			jv_free(config);
			return name;
		}
		jv_free(name);
		return config;
	}
	run = jv_object_set(run, jv_string("name"), name);
	return JV_OBJECT(jv_string("run"), run, jv_string("config"), config);
}
