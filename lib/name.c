/* name: run names, the "/" rule, meta. */
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "keypath.h"
#include "parse.h"
#include "name.h"
#include "value.h"

enum {
	OPT_BASE_NAME = 0x100,
	OPT_NO_BASE,
	OPT_NAME_KEY,
	OPT_NO_META,
	OPT_META,
	OPT_WANDB,
};

static const struct argp_option options[] = {
	{ "base-name", OPT_BASE_NAME, "NAME", 0,
	  "Start every run name with NAME (default: the string at the name "
	  "key of the run's config)", 1 },
	{ "no-base", OPT_NO_BASE, 0, 0,
	  "Start run names with nothing", 1 },
	{ "name-key", OPT_NAME_KEY, "KEY", 0,
	  "Read the base name from KEY and write the run name there, "
	  "made if missing (default: experiment.name, written only where "
	  "the config has it)", 1 },
	{ "meta", OPT_META, 0, 0,
	  "Write meta.hp_base_config_file, hp_keys and hp_values (default: "
	  "where the config has the name key)", 1 },
	{ "no-meta", OPT_NO_META, 0, 0, "Never write meta", 1 },
	{ "wandb-project", OPT_WANDB, "NAME", 0,
	  "Set experiment.logging.wandb_proj_name to NAME", 1 },
	{ 0 }
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct namer *n = state->input;

	switch (key) {
	case OPT_BASE_NAME:
		n->given.base_name = value_text_arg(state, "--base-name", arg);
		break;
	case OPT_NO_BASE: n->no_base = 1; break;
	case OPT_NAME_KEY:
		n->given.name_key = value_text_arg(state, "--name-key", arg);
		break;
	case OPT_META:
	case OPT_NO_META:
		if (n->given.meta == (key == OPT_META ? -1 : 1))
			usage_error(state, "--meta and --no-meta exclude each "
			    "other: give one");
		n->given.meta = key == OPT_META ? 1 : -1;
		break;
	case OPT_WANDB:
		n->given.wandb_project = value_text_arg(state,
		    "--wandb-project", arg);
		break;
	case ARGP_KEY_END:
		if (n->no_base && n->given.base_name)
			usage_error(state, "--base-name and --no-base exclude "
			    "each other: give one");
		if (n->no_base)
			n->given.base_name = "";
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp name_argp = { options, parse_opt, 0, 0, 0, 0, 0 };

/* The name key in effect. */
static const char *
name_key(const struct namer *n)
{
	return n->o.name_key ? n->o.name_key : "experiment.name";
}

/* Compiles the name key in effect, unless it is compiled. */
static jv
compile_key(struct namer *n)
{
	struct keypath *kp;
	jv err;

	if (n->kp && !strcmp(keypath_key(n->kp), name_key(n)))
		return jv_true();
	if (!(kp = keypath_compile(name_key(n), &err)))
		return err;
	keypath_free(n->kp);
	jv_free(n->key_parts);
	n->kp = kp;
	n->key_parts = keypath_parts(kp);
	return jv_true();
}

void
namer_init(struct namer *n)
{
	jv ok;

	n->o = n->given;
	n->from = jv_null();
	n->key_parts = jv_null();
	if (!jv_is_valid(ok = compile_key(n)))
		die_usage_jv("--name-key", ok);
}

jv
namer_given(const struct namer *n)
{
	jv o = jv_object();

	if (n->given.name_key)
		o = jv_object_set(o, jv_string("name_key"),
		    jv_string(n->given.name_key));
	if (n->given.meta)
		o = jv_object_set(o, jv_string("meta"),
		    jv_bool(n->given.meta > 0));
	if (n->given.base_name)
		o = jv_object_set(o, jv_string("base_name"),
		    jv_string(n->given.base_name));
	if (n->given.wandb_project)
		o = jv_object_set(o, jv_string("wandb_project"),
		    jv_string(n->given.wandb_project));
	return o;
}

/* The string member KEY of OPTIONS (borrowed), which keeps it alive, or
   GIVEN when that is set. */
static const char *
option(const char *given, jv options, const char *key)
{
	jv v = json_get(options, key);
	const char *s = jv_get_kind(v) == JV_KIND_STRING ?
	    jv_string_value(v) : NULL;

	jv_free(v);
	return given ? given : s;
}

jv
name_options_check(jv options)
{
	static const char *const strings[] = { "name_key", "base_name",
	    "wandb_project", "out_dir" };
	jv_kind k = jv_get_kind(options);
	int ok = k == JV_KIND_OBJECT || k == JV_KIND_NULL ||
	    k == JV_KIND_INVALID;

	for (size_t i = 0; ok && k == JV_KIND_OBJECT &&
	    i < sizeof strings / sizeof *strings; i++) {
		jv v = json_get(options, strings[i]);

		ok = !jv_is_valid(v) || jv_get_kind(v) == JV_KIND_STRING;
		jv_free(v);
	}
	if (ok && k == JV_KIND_OBJECT) {
		jv v = json_get(options, "meta");

		k = jv_get_kind(v);
		ok = !jv_is_valid(v) || k == JV_KIND_TRUE || k == JV_KIND_FALSE;
		jv_free(v);
	}
	return ok ? jv_true() : fail("malformed options: they hold name_key, "
	    "base_name, wandb_project and out_dir as strings and meta as "
	    "true or false: give them to sweep-add");
}

jv
name_options_ok(jv holder)
{
	jv options = json_get(holder, "options");
	jv ok = name_options_check(options);

	jv_free(options);
	return ok;
}

jv
namer_use(struct namer *n, jv options)
{
	jv ok, meta;

	if (!jv_is_valid(options))
		options = jv_null();
	if (jv_equal(jv_copy(n->from), jv_copy(options)))
		return jv_true();
	if (!jv_is_valid(ok = name_options_check(options)))
		return ok;
	jv_free(n->from);
	n->from = jv_copy(options);
	n->o.name_key = option(n->given.name_key, options, "name_key");
	n->o.base_name = option(n->given.base_name, options, "base_name");
	n->o.wandb_project = option(n->given.wandb_project, options,
	    "wandb_project");
	meta = json_get(options, "meta");
	n->o.meta = n->given.meta ? n->given.meta :
	    jv_get_kind(meta) == JV_KIND_TRUE ? 1 :
	    jv_get_kind(meta) == JV_KIND_FALSE ? -1 : 0;
	jv_free(meta);
	ok = compile_key(n);
	if (!jv_is_valid(ok)) {
		jv msg = jv_invalid_get_msg(ok);

		ok = fail("name key %s: %s", name_key(n), jv_string_value(msg));
		jv_free(msg);
	}
	return ok;
}

/* name_writes for a config that HAS the name key or not. */
static int
writes(const struct namer *n, int has)
{
	return (has || n->o.name_key ? NAME_WRITES_KEY : 0) |
	    (n->o.meta > 0 || (has && n->o.meta == 0) ? NAME_WRITES_META : 0);
}

int
name_writes(struct namer *n, jv config, jv path)
{
	jv there = keypath_get(config, path);
	int has = jv_is_valid(there);

	jv_free(there);
	return writes(n, has);
}

jv
name_shown(jv value, jv value_name)
{
	return jv_get_kind(value_name) == JV_KIND_STRING ? value_name : value;
}

jv
name_wandb_path(void)
{
	return JV_ARRAY(jv_string("experiment"), jv_string("logging"),
	    jv_string("wandb_proj_name"));
}

void
namer_free(struct namer *n)
{
	keypath_free(n->kp);
	n->kp = NULL;
	jv_free(n->key_parts);
	n->key_parts = jv_null();
	jv_free(n->from);
	n->from = jv_null();
	buf_free(&n->b);
}

/* How to mend a run edited wrong. */
#define RUN_FLAW_FIX "keep .config an object and .run.params an array " \
    "when editing runs"

jv
run_flaw(jv x)
{
	jv run = json_get(x, "run"), config = json_get(x, "config");
	jv params = json_get(run, "params"), what = jv_true();

	if (jv_get_kind(run) != JV_KIND_OBJECT)
		;
	else if (jv_get_kind(config) != JV_KIND_OBJECT)
		what = jv_is_valid(config) ? fail("a run whose config is %s, "
		    "not an object: " RUN_FLAW_FIX, value_kind(config)) :
		    fail("a run whose config is missing: " RUN_FLAW_FIX);
	else if (jv_get_kind(params) != JV_KIND_ARRAY)
		what = fail("a run whose run.params is not an array: "
		    RUN_FLAW_FIX);
	jv_free(run);
	jv_free(config);
	jv_free(params);
	return what;
}

int
run_is(jv x)
{
	jv run = json_get(x, "run"), config = json_get(x, "config");
	jv params = json_get(run, "params");
	int ok = jv_get_kind(run) == JV_KIND_OBJECT &&
	    jv_get_kind(config) == JV_KIND_OBJECT &&
	    jv_get_kind(params) == JV_KIND_ARRAY;

	jv_free(run);
	jv_free(config);
	jv_free(params);
	return ok;
}

jv
name_key_path(struct namer *n, jv config)
{
	jv paths = keypath_resolve(n->kp, config, 1);

	/* the default key where the config cannot hold it ({"experiment":
	   "baseline"}): the config has no name key, so none is written */
	if (!jv_is_valid(paths) && !n->o.name_key &&
	    jv_get_kind(n->key_parts) == JV_KIND_ARRAY) {
		jv_free(paths);
		return jv_copy(n->key_parts);
	}
	if (!jv_is_valid(paths))
		return paths;
	if (jv_array_length(jv_copy(paths)) != 1) {
		jv_free(paths);
		return fail("name key %s names several places: name one",
		    name_key(n));
	}
	return jv_array_get(paths, 0);
}

jv
name_base(struct namer *n, jv config, jv path)
{
	jv v;

	if (n->o.base_name)
		return jv_string(n->o.base_name);
	v = keypath_get(config, path);
	switch (jv_get_kind(v)) {
	case JV_KIND_STRING:
		return v;
	case JV_KIND_INVALID:
	case JV_KIND_NULL:
		jv_free(v);
		return jv_string("");
	default: {
		jv err = fail("the name key %s holds %s, not a string: give "
		    "the base name with --base-name", name_key(n),
		    value_kind(v));

		jv_free(v);
		return err;
	}
	}
}

int
name_part(struct buf *b, jv name, jv value, jv value_name, int hidename)
{
	size_t mark;
	int rc;

	if (jv_get_kind(name) != JV_KIND_STRING ||
	    jv_string_length_bytes(jv_copy(name)) == 0 || hidename)
		return 0;
	if (b->len)
		buf_addc(b, '_');
	buf_add(b, jv_string_value(name),
	    (size_t)jv_string_length_bytes(jv_copy(name)));
	buf_addc(b, '_');
	mark = b->len;
	rc = value_text(b, name_shown(value, value_name));
	if (b->len == mark)
		b->len--;
	return rc < 0 ? -1 : 1;
}

/* name_part for the parameter P (borrowed) of a run. */
static int
name_param(struct buf *b, jv p)
{
	jv name = json_get(p, "name"), vname = json_get(p, "value_name");
	jv value = json_get(p, "value"), hide = json_get(p, "hidename");
	int rc = name_part(b, name, value, vname,
	    jv_get_kind(hide) == JV_KIND_TRUE);

	jv_free(name);
	jv_free(vname);
	jv_free(value);
	jv_free(hide);
	return rc;
}

jv
name_finish(struct buf *b)
{
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
	return json_string(b->p, b->len);
}

/* The run name from BASE (consumed) and the params of RUN (borrowed,
   the "run" member); a run named before keeps its name, so that naming
   twice names once, held to the rules of a name made here. */
static jv
make_name(struct namer *n, jv base, jv run)
{
	struct buf *b = &n->b;
	jv bad = jv_null(), params = json_get(run, "name");

	b->len = 0;
	if (jv_get_kind(params) == JV_KIND_STRING) {
		jv_free(base);
		buf_add(b, jv_string_value(params),
		    (size_t)jv_string_length_bytes(jv_copy(params)));
		jv_free(params);
		return name_finish(b);
	}
	jv_free(params);
	params = json_get(run, "params");
	buf_add(b, jv_string_value(base),
	    (size_t)jv_string_length_bytes(jv_copy(base)));
	jv_free(base);
	jv_array_foreach(params, i, p) {
		if (jv_get_kind(bad) == JV_KIND_NULL && name_param(b, p) < 0)
			bad = json_get(p, "key");
		jv_free(p);
		(void)i;
	}
	jv_free(params);
	if (jv_get_kind(bad) == JV_KIND_STRING) {
		jv err = fail("%s has an object value, which cannot go in a "
		    "run name: give the values names with -N",
		    jv_string_value(bad));

		jv_free(bad);
		return err;
	}
	return name_finish(b);
}

/* META (consumed; missing or null is {}) with hp_base_config_file,
   hp_keys and hp_values set in that order, keeping its other keys. */
static jv
make_meta(jv meta, jv run, jv params)
{
	jv keys = jv_array(), values = jv_array();

	if (!jv_is_valid(meta) || jv_get_kind(meta) == JV_KIND_NULL) {
		jv_free(meta);
		meta = jv_object();
	}
	if (jv_get_kind(meta) != JV_KIND_OBJECT) {
		jv err = fail("meta in the config is %s, not an object: "
		    "leave meta alone with --no-meta", value_kind(meta));

		jv_free(meta);
		jv_free(keys);
		jv_free(values);
		return err;
	}
	jv_array_foreach(params, i, p) {
		jv name = json_get(p, "name"), vname = json_get(p, "value_name");
		jv value = json_get(p, "value");

		if (jv_get_kind(name) == JV_KIND_STRING &&
		    jv_string_length_bytes(jv_copy(name)) > 0) {
			keys = jv_array_append(keys, name);
			values = jv_array_append(values,
			    jv_copy(name_shown(value, vname)));
		} else
			jv_free(name);
		jv_free(value);
		jv_free(vname);
		jv_free(p);
		(void)i;
	}
	meta = jv_object_set(meta, jv_string("hp_base_config_file"),
	    json_get(run, "base_file"));
	meta = jv_object_set(meta, jv_string("hp_keys"), keys);
	return jv_object_set(meta, jv_string("hp_values"), values);
}

/* CONFIG (consumed) with its meta made by make_meta, in meta's place or
   appended last. */
static jv
set_meta(jv config, jv run, jv params)
{
	jv meta = make_meta(json_get(config, "meta"), run, params);

	if (!jv_is_valid(meta)) {
		jv_free(config);
		return meta;
	}
	return jv_object_set(config, jv_string("meta"), meta);
}

/* Whether a parameter of PARAMS (borrowed) sweeps the name key: its
   value stays there, as robomimic's does. */
static int
sweeps_name_key(const struct namer *n, jv params)
{
	int found = 0;

	jv_array_foreach(params, i, p) {
		jv key = json_get(p, "key");

		found |= jv_get_kind(key) == JV_KIND_STRING &&
		    keypath_same_key(jv_string_value(key), name_key(n));
		jv_free(key);
		jv_free(p);
		(void)i;
	}
	return found;
}

/* True when CONFIG (borrowed) can hold the W&B project: experiment and
   experiment.logging are objects, null or missing; else invalid with a
   message. */
static jv
wandb_settable(jv config)
{
	static const char *const at[] = { "experiment", "experiment.logging" };
	jv path = jv_array(), err = jv_true();

	for (int i = 0; i < 2 && jv_is_valid(err); i++) {
		jv v;
		jv_kind k;

		path = jv_array_append(path, jv_string(i ? "logging" :
		    "experiment"));
		v = keypath_get(config, path);
		k = jv_get_kind(v);
		if (k != JV_KIND_INVALID && k != JV_KIND_NULL &&
		    k != JV_KIND_OBJECT) {
			jv_free(err);
			err = fail("--wandb-project: %s in the config is %s, "
			    "which cannot hold wandb_proj_name: leave out "
			    "--wandb-project, or set the project with jq",
			    at[i], value_kind(v));
		}
		jv_free(v);
	}
	jv_free(path);
	return err;
}

/* True when the name can go at PATH (borrowed) in CONFIG (borrowed):
   it holds a string or null, or nothing yet; else invalid with a
   message, so that --base-name never replaces a number, or an object
   with the swept values in it, by the name. */
static jv
name_key_free(struct namer *n, jv config, jv path)
{
	jv v = keypath_get(config, path), err = jv_true();
	jv_kind k = jv_get_kind(v);

	if (k != JV_KIND_INVALID && k != JV_KIND_NULL && k != JV_KIND_STRING)
		err = fail("the name key %s holds %s, which the run name would "
		    "replace: give --name-key a key that holds a string, or "
		    "none", name_key(n), value_kind(v));
	jv_free(v);
	return err;
}

/* Names the run RUN (consumed, the "run" member) whose config is CONFIG
   (consumed): returns [run, config] named, or invalid with a message. */
static jv
name_config(struct namer *n, jv run, jv config)
{
	jv params = json_get(run, "params"), opts = json_get(run, "options");
	jv path = namer_use(n, opts), base, name;
	jv ok;	/* an error, or true (which needs no jv_free) */
	int writes, sets_key;

	jv_free(opts);
	if (jv_is_valid(path)) {
		jv_free(path);
		path = name_key_path(n, config);
	}
	base = jv_is_valid(path) ? name_base(n, config, path) :
	    jv_copy(path);
	name = jv_is_valid(base) ? make_name(n, base, run) : base;
	writes = jv_is_valid(name) ? name_writes(n, config, path) : 0;
	sets_key = (writes & NAME_WRITES_KEY) && !sweeps_name_key(n, params);
	if (sets_key && !jv_is_valid(ok = name_key_free(n, config, path))) {
		jv_free(name);
		name = ok;
	}
	if (sets_key && jv_is_valid(name))
		config = jv_setpath(config, path, jv_copy(name));
	else
		jv_free(path);
	if (jv_is_valid(config) && jv_is_valid(name) && n->o.wandb_project &&
	    !jv_is_valid(ok = wandb_settable(config))) {
		jv_free(config);
		config = ok;
	}
	if (jv_is_valid(config) && jv_is_valid(name) && n->o.wandb_project)
		config = jv_setpath(config, name_wandb_path(),
		    jv_string(n->o.wandb_project));
	if (jv_is_valid(config) && (writes & NAME_WRITES_META))
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
	return JV_ARRAY(run, config);
}

jv
name_run(struct namer *n, jv run_obj)
{
	jv run = json_get(run_obj, "run"), config = json_get(run_obj, "config");
	jv named;

	/* run and config keep their places; null there leaves them the only
	   references, so naming them copies nothing */
	run_obj = jv_object_set(run_obj, jv_string("run"), jv_null());
	run_obj = jv_object_set(run_obj, jv_string("config"), jv_null());
	named = name_config(n, run, config);
	if (!jv_is_valid(named)) {
		jv_free(run_obj);
		return named;
	}
	run_obj = jv_object_set(run_obj, jv_string("run"),
	    jv_array_get(jv_copy(named), 0));
	return jv_object_set(run_obj, jv_string("config"),
	    jv_array_get(named, 1));
}

/* Naming a run in its text: when the text is compact as json_dump prints
   it and the keys to set exist (meta may be appended), the named run is
   the text with those values replaced, which is what name_run then
   json_dump print, at a fraction of the cost. */

struct patch {
	const char *at;		/* replace [at, at + len) */
	size_t len;
	struct buf text;	/* by this */
};

/* The value of member KEY (borrowed string) of the object at S, in
   canonical text, or a span whose p is NULL; *ABSENT set when S is an
   object without KEY. */
static struct span
member(struct span s, jv key, int *absent)
{
	struct span out = { NULL, 0 };
	size_t klen = (size_t)jv_string_length_bytes(jv_copy(key));
	const char *k = jv_string_value(key);

	if (s.p && strlen(k) == klen && !strpbrk(k, "\"\\") &&
	    strcspn(k, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d"
	    "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
	    "\x1d\x1e\x1f\x7f") == klen)
		out.p = json_canon_member(s.p, s.len, k, klen, &out.len);
	*absent = !out.p && s.p && *s.p == '{' && strlen(k) == klen &&
	    !strpbrk(k, "\"\\");
	return out;
}

/* The value at the dotted PARTS (borrowed) in the object at S; *ABSENT
   set when the object has no such value. */
static struct span
at_path(struct span s, jv parts, int *absent)
{
	*absent = 0;
	jv_array_foreach(parts, i, part) {
		if (!*absent)
			s = member(s, part, absent);
		jv_free(part);
		(void)i;
	}
	return s;
}

static int
by_place(const void *a, const void *b)
{
	const struct patch *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The base name from the value at S: a string, or empty for null or
   none. */
static jv
text_base(struct namer *n, struct span s)
{
	const char *end;
	jv v;

	if (n->o.base_name)
		return jv_string(n->o.base_name);
	if (!s.p || *s.p == 'n')
		return jv_string("");
	if (*s.p != '"' || parse_value(s.p, s.p + s.len, 1, &v, &end) !=
	    PARSE_OK)
		return jv_invalid();
	return v;
}

/* The new meta's text, replacing the one at S or appended to the config
   at C; 0, or -1 when the jv path must say what is wrong. */
static int
text_meta(struct patch *p, struct span c, jv run, jv params)
{
	jv key = jv_string("meta"), meta = jv_null();
	int absent;
	struct span s = member(c, key, &absent);
	const char *end;

	jv_free(key);

	if (s.p && (*s.p == '{' || *s.p == 'n') &&
	    parse_value(s.p, s.p + s.len, 1, &meta, &end) != PARSE_OK)
		return -1;
	if (s.p && *s.p != '{' && *s.p != 'n')
		return -1;
	meta = make_meta(meta, run, params);
	if (!jv_is_valid(meta)) {
		jv_free(meta);
		return -1;
	}
	if (s.p) {
		p->at = s.p;
		p->len = s.len;
	} else {
		p->at = c.p + c.len - 1;
		p->len = 0;
		buf_adds(&p->text, c.len > 2 ? ",\"meta\":" : "\"meta\":");
	}
	json_dump(&p->text, meta, 0);
	jv_free(meta);
	return 0;
}

static int
name_text(struct namer *n, struct canon *c, const char *text, size_t len,
    struct buf *out, struct patch *p, int *np)
{
	struct span m[2], at;
	const char *end;
	jv run, params, opts, used, base, name, wandb;
	int rc = -1, absent, has;

	n->b.len = 0;
	if (json_reindent(c, &n->b, text, len, 0) < 0 ||
	    !(m[0].p = json_canon_member(text, len, "run", 3, &m[0].len)) ||
	    !(m[1].p = json_canon_member(text, len, "config", 6, &m[1].len)) ||
	    *m[1].p != '{' ||
	    parse_value(m[0].p, m[0].p + m[0].len, 1, &run, &end) != PARSE_OK)
		return -1;
	params = json_get(run, "params");
	opts = json_get(run, "options");
	used = namer_use(n, opts);
	if (!jv_is_valid(used) || jv_get_kind(params) != JV_KIND_ARRAY ||
	    jv_get_kind(n->key_parts) != JV_KIND_ARRAY)	/* a jq path */
		goto out;
	at = at_path(m[1], n->key_parts, &absent);
	has = at.p != NULL;
	/* a name key holding neither a string nor null: the jv path says
	   what is wrong */
	if ((has && *at.p != '"' && *at.p != 'n') ||
	    (!has && (!absent || n->o.name_key)) ||
	    !jv_is_valid(base = text_base(n, at)))
		goto out;
	name = make_name(n, base, run);
	if (!jv_is_valid(name)) {
		jv_free(name);
		goto out;
	}
	if (has && !sweeps_name_key(n, params)) {
		p[*np].at = at.p;
		p[*np].len = at.len;
		json_dump_string(&p[(*np)++].text, name);
	}
	if (n->o.wandb_project) {
		wandb = name_wandb_path();
		at = at_path(m[1], wandb, &absent);
		jv_free(wandb);
		if (!at.p) {
			jv_free(name);
			goto out;
		}
		p[*np].at = at.p;
		p[*np].len = at.len;
		wandb = jv_string(n->o.wandb_project);
		json_dump_string(&p[(*np)++].text, wandb);
		jv_free(wandb);
	}
	if ((writes(n, has) & NAME_WRITES_META) &&
	    text_meta(&p[(*np)++], m[1], run, params) < 0) {
		jv_free(name);
		goto out;
	}
	run = jv_object_set(run, jv_string("name"), name);
	p[*np].at = m[0].p;
	p[*np].len = m[0].len;
	json_dump(&p[(*np)++].text, run, 0);
	qsort(p, (size_t)*np, sizeof *p, by_place);
	for (int i = 1; i < *np; i++)
		if (p[i - 1].at + p[i - 1].len > p[i].at)
			goto out;
	for (int i = 0; i < *np; i++) {
		const char *from = i ? p[i - 1].at + p[i - 1].len : text;

		buf_add(out, from, (size_t)(p[i].at - from));
		buf_add(out, p[i].text.p, p[i].text.len);
	}
	buf_add(out, p[*np - 1].at + p[*np - 1].len,
	    (size_t)(text + len - (p[*np - 1].at + p[*np - 1].len)));
	rc = 0;
out:
	jv_free(used);
	jv_free(opts);
	jv_free(run);
	jv_free(params);
	return rc;
}

int
name_run_text(struct namer *n, struct canon *c, const char *text,
    size_t len, struct buf *out)
{
	struct patch p[4];
	size_t mark = out->len;
	int np = 0, rc;

	memset(p, 0, sizeof p);
	rc = name_text(n, c, text, len, out, p, &np);
	for (int i = 0; i < 4; i++)
		buf_free(&p[i].text);
	if (rc < 0)
		out->len = mark;
	return rc;
}
