/* name: run names, the "/" rule, meta.  Its options are one argp child
   shared by sweep-name and sweep-script. */
#ifndef SWEEP_NAME_H
#define SWEEP_NAME_H

#include <argp.h>
#include <jv.h>

#include "json.h"

#define NAME_MAX_BYTES 250

struct keypath;

struct namer {
	const char *base_name;	/* --base-name, or NULL */
	int no_base;		/* --no-base */
	const char *name_key;	/* --name-key, default experiment.name */
	int no_meta;		/* --no-meta */
	const char *wandb_project;
	struct keypath *kp;	/* name_key, compiled */
	jv key_parts;		/* name_key's parts when dotted, else null */
	struct buf b;
};

/* The options of struct namer; the child's input is a struct namer. */
extern const struct argp name_argp;

/* Compiles the name key; dies on a bad one. */
void namer_init(struct namer *n);
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

#endif
