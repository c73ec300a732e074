/* launch: command templates, shell quoting, the launchers' scripts. */
#ifndef SWEEP_LAUNCH_H
#define SWEEP_LAUNCH_H

#include <stdint.h>
#include <jv.h>

#include "json.h"

#define LAUNCH_DEFAULT_COMMAND "python train.py --config {config}"

enum launcher { LAUNCH_BASH, LAUNCH_PARALLEL, LAUNCH_SLURM };

struct launch {
	enum launcher kind;
	const char *command;	/* the template */
	long jobs;		/* 0: not given */
	const char *gpus;	/* "0,1,2", or NULL */
	jv sbatch;		/* array of strings: #SBATCH lines */
	const char *script;	/* absolute path of the script, or NULL */
};

/* The launcher named NAME, or -1. */
int launch_kind(const char *name);

/* Whether the template and the launcher's options hold together:
   jv_true(), or invalid with a message. */
jv launch_check(const struct launch *l);

/* Appends S (N bytes) quoted for the shell where it needs it. */
void shell_quote(struct buf *b, const char *s, size_t n);

/* Appends the command TEMPLATE with {config}, {name} and {index}
   replaced by CONFIG, NAME and INDEX, each quoted where needed. */
void launch_command(struct buf *b, const char *tmpl, const char *config,
    const char *name, uint64_t index);

/* The script is BEGIN, then one RUN per run in stream order, then END. */
void launch_begin(struct buf *b, const struct launch *l, uint64_t nruns);
void launch_run(struct buf *b, const struct launch *l, const char *command,
    const char *name, uint64_t index);
void launch_end(struct buf *b, const struct launch *l, uint64_t nruns);

#endif
