/* name: run names, the "/" rule, meta.  Its options are one argp child
   shared by sweep-name and sweep-script. */
#ifndef SWEEP_NAME_H
#define SWEEP_NAME_H

#include <argp.h>
#include <jv.h>

#include "json.h"

#define NAME_MAX_BYTES 250

/* The rule of what naming writes into a config, for --help. */
#define NAME_RULE "A config that has the name key (robomimic's layout) " \
	"gets the run name there and meta; any other config comes out as " \
	"the base but at the swept keys, unless --name-key asks for the " \
	"name key or --meta for meta."

struct keypath;

/* Naming choices; NULL or 0 where not made. */
struct name_opts {
	const char *base_name;	/* --base-name; "" for --no-base */
	const char *name_key;	/* --name-key */
	int meta;		/* 1 --meta, -1 --no-meta */
	const char *wandb_project;
};

struct namer {
	struct name_opts given;	/* the command line */
	int no_base;		/* --no-base was given */
	struct name_opts o;	/* in effect: the command line over the
				   options the runs carry */
	jv from;		/* the run options o was made from */
	struct keypath *kp;	/* the name key in effect, compiled */
	jv key_parts;		/* its parts when dotted, else null */
	struct buf b;
};

/* The options of struct namer; the child's input is a struct namer. */
extern const struct argp name_argp;

/* Compiles the name key; dies on a bad one. */
void namer_init(struct namer *n);

/* The options given on the command line, as a spec keeps them:
   {"name_key", "meta", "base_name", "wandb_project"}, each only when
   given. */
jv namer_given(const struct namer *n);

/* Puts in effect the command line over OPTIONS (borrowed: a run's or a
   spec's "options", null or invalid for none), which the namer keeps a
   reference of. jv_true(), or invalid with a message when OPTIONS is
   malformed or its name key does not compile. */
jv namer_use(struct namer *n, jv options);

/* Whether OPTIONS (borrowed: a spec's or a run's "options"; null or
   invalid for none) is well-formed: jv_true(), or invalid with a
   message. */
jv name_options_check(jv options);

/* name_options_check of the "options" member of HOLDER (borrowed: a
   spec's "sweep" or a run's "run"). */
jv name_options_ok(jv holder);

/* What naming writes into CONFIG (borrowed), whose name key is at PATH
   (borrowed): the name key when the config has it or --name-key asks
   for it, meta when the config has the name key or --meta asks for it,
   never with --no-meta. */
enum { NAME_WRITES_KEY = 1, NAME_WRITES_META = 2 };
int name_writes(struct namer *n, jv config, jv path);
void namer_free(struct namer *n);

/* RUN (consumed) named: .run.name, the name key, meta and the wandb
   project set. Invalid with a message on error. */
jv name_run(struct namer *n, jv run);

struct canon;

/* Appends the run whose text is TEXT (LEN bytes, as reader_next_text
   gives them) named, as name_run then json_dump would, when it can do so
   in the text: the text compact as json_dump prints it, and the name key
   (dotted), meta and the wandb key plain keys it has (meta may be
   appended). Returns 0, or -1 (OUT as it was) to leave it to name_run,
   which also says what is wrong with a run. */
int name_run_text(struct namer *n, struct canon *c, const char *text,
    size_t len, struct buf *out);

/* The steps of naming, for those who name runs without name_run: */

/* The one place the name key names in CONFIG (borrowed), or invalid. */
jv name_key_path(struct namer *n, jv config);

/* The base name of a run whose config is CONFIG (borrowed), its name key
   at PATH (borrowed): --base-name, empty with --no-base, else the string
   there (empty if none); invalid when it holds something else. */
jv name_base(struct namer *n, jv config, jv path);

/* Appends the part of a parameter (all borrowed) to a run name in B:
   "_NAME", then "_VALUE" unless VALUE is empty, with no "_" first when B
   is empty. Returns 1, 0 when it shows no part (no name, or hidden), or
   -1 for an object without a value name. */
int name_part(struct buf *b, jv name, jv value, jv value_name, int hidename);

/* The run name in B made final ("/" becomes "-") and checked: a jv
   string, or invalid with a message. */
jv name_finish(struct buf *b);

/* What stands for VALUE in run names and meta: its VALUE_NAME when that
   is a string, else the value (all borrowed, the one returned too). */
jv name_shown(jv value, jv value_name);

/* The path --wandb-project sets: experiment.logging.wandb_proj_name. */
jv name_wandb_path(void);

/* Whether X (borrowed) looks like a run. */
int run_is(jv x);

/* What keeps X (borrowed), an object with a "run" member, from being a
   run: invalid with a message ("a run whose config is an array, not an
   object: ..."), or jv_true() when X has no "run" object, so nothing
   marks it as a run edited wrong. */
jv run_flaw(jv x);

#endif
