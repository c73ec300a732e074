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

/* Whether X (borrowed) looks like a run. */
int run_is(jv x);

#endif
