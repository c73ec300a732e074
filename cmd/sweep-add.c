/* sweep-add: declare one parameter of a sweep. */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "dist.h"
#include "gen.h"
#include "commit.h"
#include "keypath.h"
#include "name.h"
#include "parse.h"
#include "spec.h"
#include "stream.h"
#include "value.h"

enum {
	OPT_HIDE_NAME = 0x100,
	OPT_PREPEND,
	OPT_CREATE,
	OPT_RANGE,
	OPT_LINSPACE,
	OPT_GEOMSPACE,
	OPT_VALUES_FROM,
	OPT_UNIFORM,
	OPT_LOG_UNIFORM,
	OPT_INT_UNIFORM,
};

static const char doc[] =
    "Declare one parameter of a sweep: add it to the sweep spec on stdin, "
    "or to a new one from -b BASE, and write the spec to stdout."
    "\v"
    "One sweep-add, one parameter: -k, -n, -g and -b are given once "
    "(the same again is harmless); the next parameter goes to the next "
    "| sweep-add.\n\n"
    "Without -b at the head of a pipeline (stdin a terminal or "
    "/dev/null), a sweep starts without a base config, from {}: its "
    "configs hold the swept keys alone, and its keys, as any key over an "
    "empty base, need no --create (a dotted key makes nested objects). "
    "A script whose stdin is a pipe starts one with < /dev/null.\n\n"
    "A VALUE that is one whole JSON text is that JSON value (true, 1e-3, "
    "[1024,1024], null); anything else is a string. Numbers are read as "
    "jq reads them (.5 and +1 too), but a zero-padded one (08) stays a "
    "string. VALUEs that start "
    "with - come after --. Values from several sources (VALUEs, "
    "--range, --linspace, --geomspace, --values-from) keep the command "
    "line's order; generated numbers are rounded to the shortest decimal "
    "within a few ulps (0.001, not 0.0010000000000000002); the ends you "
    "write come out as written. A number a double cannot hold as "
    "written (9007199254740993, 1e400, 1e-400) is refused: quote it to "
    "keep it as a string. A parameter has values or one distribution, "
    "never both; a distribution takes no -N and no -g, and its runs are "
    "drawn by sweep-expand --sample=N.\n\n"
    "The naming and writing options (sweep-name's, and sweep-script's "
    "-o) are kept in the spec, so sweep-name and sweep-script take them "
    "from there without being told again; given to them too, or to a "
    "later sweep-add, the later one wins. " NAME_RULE "\n\n"
    "  sweep-add -b base.json -k algo.gmm.enabled -n gmm -g 2 -N t,f "
    "true false \\\n"
    "  | sweep-add -k algo.rnn.hidden_dim -n rnnd 400 1000 | sweep-expand";

static const struct argp_option options[] = {
	{ "base", 'b', "FILE", 0,
	  "Start a new sweep from this base config (- is stdin); only at "
	  "the head of a pipeline: a sweep on stdin is refused", 0 },
	{ "key", 'k', "KEY", 0,
	  "Where the value goes: a dotted key (algo.rnn.enabled, / "
	  "separates too) or a jq path (.a[\"odd.key\"], .layers[].dim)", 0 },
	{ "name", 'n', "NAME", 0,
	  "Short name in run names; empty: not named (default: empty for "
	  "one value, else the last key of KEY)", 0 },
	{ "group", 'g', "N", 0,
	  "Sweep together with the other parameters of group N (default: "
	  "a group of its own)", 0 },
	{ "value-names", 'N', "NAMES", 0,
	  "Comma-separated names for the values, used in run names; "
	  "repeatable; '' is one empty name", 0 },
	{ "hide-name", OPT_HIDE_NAME, 0, 0,
	  "Keep the parameter in meta but out of run names", 0 },
	{ "prepend", OPT_PREPEND, 0, 0, "Put this parameter first", 0 },
	{ "create", OPT_CREATE, 0, 0,
	  "Allow a key that the base config does not have", 0 },
	{ "string", 'S', 0, 0,
	  "Take every VALUE as a string, generated numbers too", 0 },
	{ "json", 'J', 0, 0, "Every VALUE must be JSON", 0 },
	{ 0, 0, 0, 0, "Generating values:", 2 },
	{ "range", OPT_RANGE, "START:STOP[:STEP]", 0,
	  "Numbers from START up to STOP, STOP excluded, STEP 1 by default, "
	  "as in Python", 2 },
	{ "linspace", OPT_LINSPACE, "A:B:N", 0,
	  "N numbers from A to B inclusive, evenly spaced", 2 },
	{ "geomspace", OPT_GEOMSPACE, "A:B:N", 0,
	  "N numbers from A to B inclusive, log-evenly spaced (1e-4:1e-2:3 "
	  "is 0.0001 0.001 0.01)", 2 },
	{ "values-from", OPT_VALUES_FROM, "FILE", 0,
	  "The VALUEs in FILE: one JSON array of values, or else one a "
	  "line (judged by content: FILE may be <(jq ...))", 2 },
	{ 0, 0, 0, 0, "Drawing values (sweep-expand --sample=N draws them):",
	  3 },
	{ "uniform", OPT_UNIFORM, "A:B", 0,
	  "Real numbers from A to B, evenly likely", 3 },
	{ "log-uniform", OPT_LOG_UNIFORM, "A:B", 0,
	  "Real numbers from A to B whose log is uniform; A, B above 0", 3 },
	{ "int-uniform", OPT_INT_UNIFORM, "A:B", 0,
	  "Integers from A to B, both included", 3 },
	{ 0, 0, 0, 0, "Naming and writing, kept in the spec for sweep-name "
	  "and sweep-script (the same option given there wins):", 4 },
	{ "out-dir", 'o', "DIR", 0,
	  "sweep-script's -o: write configs to DIR (kept as an absolute "
	  "path)", 4 },
	{ 0 }
};

/* Where values come from, in command-line order: a VALUE or a file,
   typed once the mode is known, or numbers generated when parsed. */
struct source {
	int key;		/* ARGP_KEY_ARG, OPT_VALUES_FROM, or a generator */
	const char *arg;
	jv values;		/* a generator's numbers */
};

struct opts {
	const char *base;
	const char *out_dir;
	struct namer n;
	const char *group;	/* -g as given */
	struct param_decl d;
	enum value_mode mode;
	struct source *src;
	int nsrc;
	const char *dist;	/* the option of d.dist */
};

static long
parse_group(const char *arg, struct argp_state *state)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (!*arg || *end)
		usage_error(state, "group %s is not an integer: give -g 0, "
		    "-g 1, ...", arg);
	/* a spec holds groups that libjq calls integers: an int */
	if (errno == ERANGE || n < INT_MIN || n > INT_MAX)
		usage_error(state, "group %s is out of range: give -g 0, "
		    "-g 1, ...", arg);
	return n;
}

/* ARG for an option that one sweep-add takes once, where OLD is what an
   earlier one gave (NULL: none): the same again is harmless, another is
   a usage error that says there are two WHAT. */
static const char *
once(const char *old, const char *arg, const char *what,
    struct argp_state *state)
{
	if (old && strcmp(old, arg) != 0)
		usage_error(state, "two %s, %s and %s: %s", what, old, arg,
		    strcmp(what, "base configs") == 0 ?
		    "a sweep starts from one base: give -b once" :
		    "one sweep-add declares one parameter: give the next one "
		    "to another | sweep-add");
	return arg;
}

static void
add_value_names(struct param_decl *d, const char *arg)
{
	jv names = *arg ? jv_string_split(jv_string(arg), jv_string(",")) :
	    JV_ARRAY(jv_string(""));	/* one empty name, as robomimic's [""] */

	if (jv_get_kind(d->value_names) == JV_KIND_ARRAY)
		names = jv_array_concat(d->value_names, names);
	d->value_names = names;
}

/* The numbers of generator KEY for ARG; a malformed ARG is a usage
   error. */
static jv
generate(int key, const char *arg, struct argp_state *state)
{
	static const char *const names[] = { "range", "linspace",
	    "geomspace" };
	jv v = key == OPT_RANGE ? gen_range(arg) : key == OPT_LINSPACE ?
	    gen_linspace(arg) : gen_geomspace(arg);

	return argp_check(state, v, "--%s=%s", names[key - OPT_RANGE], arg);
}

/* The distribution of --uniform, --log-uniform or --int-uniform (KEY)
   with ARG; one a parameter. */
static void
set_dist(struct opts *o, int key, const char *arg, struct argp_state *state)
{
	static const char *const kinds[] = { "uniform", "log-uniform",
	    "int-uniform" };
	const char *kind = kinds[key - OPT_UNIFORM];

	if (o->dist)
		usage_error(state, "--%s and --%s: a parameter has one "
		    "distribution: give one", o->dist, kind);
	o->d.dist = argp_check(state, dist_parse(kind, arg), "--%s=%s", kind,
	    arg);
	o->dist = kind;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case 'b': o->base = once(o->base, arg, "base configs", state); break;
	case 'o': o->out_dir = arg; break;
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->n;
		break;
	case 'k':
		o->d.key = once(o->d.key, value_text_arg(state, "-k", arg),
		    "keys", state);
		break;
	case 'n':
		o->d.name = once(o->d.name, value_text_arg(state, "-n", arg),
		    "names", state);
		break;
	case 'g':
		if (o->group && parse_group(arg, state) == o->d.group)
			break;	/* -g 1 -g 01: the same group */
		o->group = once(o->group, arg, "groups", state);
		o->d.group = parse_group(arg, state);
		o->d.has_group = 1;
		break;
	case 'N':
		add_value_names(&o->d, value_text_arg(state, "-N", arg));
		break;
	case OPT_HIDE_NAME: o->d.hidename = 1; break;
	case OPT_PREPEND: o->d.prepend = 1; break;
	case OPT_CREATE: o->d.create = 1; break;
	case 'S':
	case 'J':
		if (o->mode != VALUE_AUTO && o->mode != (key == 'S' ?
		    VALUE_STRING : VALUE_JSON))
			usage_error(state, "-S and -J: take every VALUE as a "
			    "string (-S) or require JSON (-J), not both");
		o->mode = key == 'S' ? VALUE_STRING : VALUE_JSON;
		break;
	case ARGP_KEY_ARG:
	case OPT_VALUES_FROM:
		o->src[o->nsrc++] = (struct source){ key, arg, jv_null() };
		break;
	case OPT_RANGE:
	case OPT_LINSPACE:
	case OPT_GEOMSPACE:
		o->src[o->nsrc++] = (struct source){ key, arg,
		    generate(key, arg, state) };
		break;
	case OPT_UNIFORM:
	case OPT_LOG_UNIFORM:
	case OPT_INT_UNIFORM:
		set_dist(o, key, arg, state);
		break;
	case ARGP_KEY_END:
		if (!o->d.key)
			usage_error(state, "no key: say where the value goes "
			    "with -k KEY");
		if (o->dist && o->nsrc > 0)
			usage_error(state, "--%s and values for %s: a "
			    "parameter has values or a distribution, not both",
			    o->dist, o->d.key);
		if (o->dist && o->d.has_group)
			usage_error(state, "--%s and -g: a distribution is a "
			    "group of its own: leave out -g", o->dist);
		if (o->dist && jv_get_kind(o->d.value_names) != JV_KIND_NULL)
			usage_error(state, "--%s and -N: drawn values have no "
			    "names: leave out -N", o->dist);
		if (o->nsrc == 0 && !o->dist)
			usage_error(state, "no values for %s: give at least "
			    "one VALUE", o->d.key);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &name_argp, 0, 0, 4 },
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static const struct argp argp = { options, parse_opt, "VALUE...", doc,
    children, 0, 0 };

/* The values of source S (its jv consumed) under MODE. */
static jv
source_values(struct source *s, enum value_mode mode)
{
	jv v;

	switch (s->key) {
	case ARGP_KEY_ARG:
		v = value_from_arg(s->arg, mode);
		return jv_is_valid(v) ? JV_ARRAY(v) : v;
	case OPT_VALUES_FROM:
		return gen_values_from(s->arg, mode);
	default:
		return mode == VALUE_STRING ? gen_texts(s->values) : s->values;
	}
}

/* Every source's values, in command-line order; SPELLINGS gets each as
   written on the command line (null for the others). */
static jv
typed_values(struct opts *o, jv *spellings)
{
	jv values = jv_array();

	*spellings = jv_array();
	for (int i = 0; i < o->nsrc; i++) {
		jv v = source_values(&o->src[i], o->mode);
		int n;

		if (!jv_is_valid(v)) {
			jv_free(values);
			jv_free(*spellings);
			die_jv(o->d.key, v);
		}
		n = jv_array_length(jv_copy(v));
		for (int j = 0; j < n; j++)
			*spellings = jv_array_append(*spellings,
			    o->src[i].key == ARGP_KEY_ARG ?
			    jv_string(o->src[i].arg) : jv_null());
		values = jv_array_concat(values, v);
	}
	return values;
}

/* Whether TEXT is two or more numbers, booleans or nulls between
   commas (0.1,0.01), each one whole JSON text. */
static int
comma_list(const char *text)
{
	char *copy = xstrdup(text), *part = copy, *comma;
	int n = 0, ok = 1;

	do {
		jv v;
		jv_kind k;

		if ((comma = strchr(part, ',')))
			*comma = '\0';
		v = value_from_arg(part, VALUE_AUTO);
		k = jv_get_kind(v);
		ok = ok && (k == JV_KIND_NUMBER || k == JV_KIND_TRUE ||
		    k == JV_KIND_FALSE || k == JV_KIND_NULL);
		jv_free(v);
		n++;
		if (comma)
			part = comma + 1;
	} while (comma && ok);
	free(copy);
	return ok && n > 1;
}

/* Warns when the one VALUE is a comma list (0.1,0.01), as Hydra and W&B
   write a sweep: here it is one string, and the sweep one run. */
static void
warn_comma_list(const struct opts *o)
{
	if (o->mode != VALUE_AUTO || o->nsrc != 1 ||
	    o->src[0].key != ARGP_KEY_ARG || !comma_list(o->src[0].arg))
		return;
	warnx("warning: value %s for %s is one string: to sweep over its "
	    "parts give each as a VALUE of its own (spaces, not commas); -S "
	    "keeps it one string without this warning", o->src[0].arg,
	    o->d.key);
}

/* The values of D, checked: a parameter of its own group takes each
   value once (in a group, zipped with others, one may repeat). */
static jv
checked_values(struct opts *o)
{
	jv spellings, values = typed_values(o, &spellings), err;

	err = o->d.has_group ? jv_true() :
	    value_repeats(values, spellings, o->d.key);
	jv_free(spellings);
	if (!jv_is_valid(err)) {
		jv_free(values);
		die_usage_jv(NULL, err);
	}
	return values;
}

/* Warns, in one line, of the numbers in the base config BASE that libjq
   holds only approximately: INEXACT (consumed), as parse_inexact gives
   them. */
static void
warn_inexact(const char *base, jv inexact)
{
	struct buf keys = { 0 };
	int n = jv_array_length(jv_copy(inexact));
#ifdef HAVE_JV_NUMBER_LITERAL
	const char *what = "configs keep their values, but jq filters "
	    "(--where) see the nearest double";
#else
	const char *what = "configs get the nearest number it holds";
#endif

	jv_array_foreach(inexact, i, bad) {
		jv text = keypath_text(jv_array_get(jv_copy(bad), 0));

		if (i < 5) {
			buf_adds(&keys, i ? ", " : "");
			buf_add(&keys, jv_string_value(text),
			    (size_t)jv_string_length_bytes(jv_copy(text)));
		}
		jv_free(text);
		jv_free(bad);
	}
	if (n > 5) {
		char more[32];

		snprintf(more, sizeof more, " and %d more", n - 5);
		buf_adds(&keys, more);
	}
	buf_addc(&keys, '\0');
	if (n > 0)
		warnx("%s: warning: libjq holds %s at %s only approximately "
		    "(too large, too small or too many digits for a double): "
		    "%s", base, n == 1 ? "the number" : "the numbers", keys.p,
		    what);
	buf_free(&keys);
	jv_free(inexact);
}

/* Refuses a NaN or an Infinity in the base config CONFIG (borrowed), as
   libjq 1.6 reads Python's json.dump of nan and inf: JSON has neither,
   and libjq would write null or 1.7976931348623157e+308. A number too
   large for a double (1e999) is not one: INEXACT (borrowed) lists those,
   which warn_inexact names. */
static void
refuse_nonfinite(const char *where, jv config, jv inexact)
{
	jv c = jv_copy(config), at;
	char msg[512];

	jv_array_foreach(inexact, i, bad) {
		c = jv_setpath(c, jv_array_get(bad, 0), jv_number(0));
		(void)i;
	}
	at = value_nonfinite_at(c);
	jv_free(c);
	if (jv_get_kind(at) == JV_KIND_NULL)
		return;
	at = keypath_text(at);
	snprintf(msg, sizeof msg, "%s: the base config holds NaN or Infinity "
	    "at %s, which JSON has not (libjq would write null or "
	    "1.7976931348623157e+308): write a number or null there", where,
	    jv_string_value(at));
	jv_free(at);
	jv_free(config);
	jv_free(inexact);
	die("%s", msg);
}

/* The specs to add to: a new one from -b, else all on stdin; with no
   stream on stdin (a terminal, /dev/null), a new one over {}. */
static jv
read_specs(const char *base)
{
	jv v, inexact;

	if (!base && !stdin_is_stream())
		return JV_ARRAY(spec_new(jv_object(), NULL));

	if (base) {
		v = read_config(base, "give -b a JSON config file", &inexact);
		if (!value_finite(v))
			refuse_nonfinite(strcmp(base, "-") ? base : "<stdin>", v,
			    inexact);
		warn_inexact(strcmp(base, "-") ? base : "<stdin>", inexact);
		if (strcmp(base, "-") && !parse_utf8(base, strlen(base))) {
			jv_free(v);	/* as given, into meta */
			path_refuse(base);
		}
		v = spec_new(v, strcmp(base, "-") ? base : NULL);
		if (!jv_is_valid(v))
			die_jv(strcmp(base, "-") ? base : "<stdin>", v);
		return JV_ARRAY(v);
	}
	return spec_read_all("start a sweep with -b BASE, or pipe one from "
	    "sweep-add", "; to start a sweep, give -b BASE, or < /dev/null "
	    "for one without a base config");
}

/* SPECS (consumed) with the parameter D added to each, and the options
   OPTS (borrowed); all are checked before anything is written. */
static jv
add_to_all(jv specs, struct param_decl *d, jv opts)
{
	jv out = jv_array(), err;

	if (!(d->kp = keypath_compile(d->key, &err)))
		die_usage_jv(NULL, err);

	jv_array_foreach(specs, i, spec) {
		spec = spec_add(spec, d);
		if (!jv_is_valid(spec) ||
		    !jv_is_valid(err = spec_names_ok(spec))) {
			keypath_free(d->kp);	/* its jq state, mid-run */
			jv_free(out);
			jv_free(specs);
			if (!jv_is_valid(spec))
				die_jv(NULL, spec);
			jv_free(spec);
			die_usage_jv(NULL, err);
		}
		jv_free(err);
		out = jv_array_append(out, spec_options(spec, jv_copy(opts)));
		(void)i;
	}
	jv_free(specs);
	keypath_free(d->kp);
	return out;
}

int
main(int argc, char **argv)
{
	struct opts o = { .mode = VALUE_AUTO };
	struct writer out;
	jv specs, opts;

	sweep_init();
	o.d.value_names = jv_null();
	o.d.dist = jv_null();
	o.src = xcalloc((size_t)argc, sizeof *o.src);
	argp_parse(&argp, argc, argv, ARGP_IN_ORDER, 0, &o);
	o.d.values = checked_values(&o);
	namer_init(&o.n);	/* checks --name-key */
	opts = namer_given(&o.n);
	if (o.out_dir)
		opts = jv_object_set(opts, jv_string("out_dir"),
		    path_abs(o.out_dir));
	specs = add_to_all(read_specs(o.base), &o.d, opts);
	/* last, to give a stage before this one time to write */
	if (o.base && strcmp(o.base, "-") && stdin_holds_object()) {
		jv_free(specs);
		jv_free(opts);
		die("stdin holds a sweep, and -b starts a new one: give -b "
		    "only at the head of a pipeline; to join two sweeps, cat "
		    "their runs");
	}
	warn_comma_list(&o);	/* once the values fit every spec */
	writer_init(&out, 1, "stdout");
	out.epipe_quiet = 0;	/* a spec lost is a sweep lost */
	out.epipe_says = "the next command exited without reading the spec: "
	    "see its error; a later sweep-add -b would not read it either";
	jv_array_foreach(specs, i, spec) {
		writer_line(&out, spec);
		jv_free(spec);
		(void)i;
	}
	writer_close(&out);
	jv_free(specs);
	jv_free(o.d.values);
	jv_free(o.d.value_names);
	jv_free(o.d.dist);
	jv_free(opts);
	namer_free(&o.n);
	free(o.src);
	return 0;
}
