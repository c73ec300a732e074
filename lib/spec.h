/* spec: the sweep spec, a base config and its parameters.
   {"sweep": {"version": 1, "base_file": F, "base_dir": D, "params": [P...]},
    "base": {...}}
   P = {"key", "paths", "name", "group", "values", "value_names",
        "hidename", "create"}; "paths" are resolved when P is added, so no
   later stage compiles a key again; "group" null is a group of its own.
   A parameter drawn from a distribution has "dist" (see dist.h) in place
   of "values", no value names and no group; a spec with one has version
   2, a spec without keeps version 1. */
#ifndef SWEEP_SPEC_H
#define SWEEP_SPEC_H

#include <jv.h>

#define SPEC_VERSION 2

/* A spec with no parameters over BASE (consumed), read from BASE_FILE
   (NULL for stdin). Invalid with a message if BASE is not an object. */
jv spec_new(jv base, const char *base_file);

/* Whether X (borrowed) looks like a spec rather than a run. */
int spec_is(jv x);

/* SPEC (consumed) if it is a well-formed spec whose parameters fit its
   base, else an invalid jv with a message. */
jv spec_check(jv spec);

/* True when no two parameters of SPEC (borrowed) have one name (hidden
   ones too: meta and hp() know them by it), else invalid with a
   message. */
jv spec_names_ok(jv spec);

/* Whether the parameter P (borrowed) is drawn from a distribution. */
int param_drawn(jv p);

/* The version of a spec with PARAMS (borrowed): 2 with a distribution,
   else 1. */
int spec_version(jv params);

/* A parameter as the user declared it; name NULL means the default. */
struct keypath;

struct param_decl {
	const char *key;
	struct keypath *kp;	/* KEY compiled, for spec_add */
	const char *name;
	int has_group;
	long group;
	jv values;		/* array */
	jv dist;		/* a distribution (then values is []), or null */
	jv value_names;		/* array, or null */
	int hidename;
	int prepend;
	int create;
};

/* SPEC (consumed) with the parameter D declares (D's jv are borrowed):
   its key resolved and checked against the base, replacing an earlier
   declaration of the same places. Over an empty base ({}, as a sweep
   without a base config has) the key is created, as D->create would.
   Invalid with a message on error. */
jv spec_add(jv spec, const struct param_decl *d);

/* SPEC (consumed) with OPTIONS (consumed, an object of naming and
   writing choices: name_key, meta, base_name, wandb_project, out_dir)
   over the ones it has: sweep.options, which every run carries. Left
   as it is when OPTIONS is empty. */
jv spec_options(jv spec, jv options);

/* Every spec on stdin, each checked before any is used. Dies naming the
   line of a value that is not a spec, with FIX, or when there is none,
   with STDIN_EMPTY and then NONE ("" or "; to start one, ..."). */
jv spec_read_all(const char *fix, const char *none);

#endif
