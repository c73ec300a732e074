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
	const char *gpus;	/* "0,1,2", "all" (found when the script
				   starts), or NULL */
	long per_gpu;		/* runs sharing a GPU; 0: not given (1) */
	jv sbatch;		/* array of strings: #SBATCH lines */
	int logs;		/* bash: log each run and mark its end */
	const char *script;	/* absolute path of the script, or NULL */
	const char *script_arg;	/* the script's path as given, or NULL */
	int relative;		/* its paths relative to its directory,
				   $SWEEP_DIR when it runs */
	uint64_t nrun;		/* launch_run's count so far */
};

/* The launcher named NAME, or -1. */
int launch_kind(const char *name);

/* Whether the command template is usable: jv_true(), or invalid with a
   message. */
jv launch_check(const struct launch *l);

/* Whether the launcher's options fit it and each other (a usage error
   when not): jv_true(), or invalid with a message. */
jv launch_options(const struct launch *l);

/* Whether the files the script keeps beside itself (SCRIPT.joblog for
   parallel, SCRIPT.logs for its logs) have names the file system takes
   (a usage error when not): jv_true(), or invalid with a message. */
jv launch_room(const struct launch *l, const char *script);

/* Appends S (N bytes) quoted for the shell where it needs it. */
void shell_quote(struct buf *b, const char *s, size_t n);

/* Appends the command TEMPLATE with {config}, {name} and {index}
   replaced by CONFIG, NAME and INDEX, and {args} and {overrides} by the
   words of the run's N parameters ARGS (args.h), each quoted where
   needed; with RELATIVE, CONFIG is relative to the script's directory
   and {config} is "$SWEEP_DIR"/CONFIG. Returns jv_true(), or invalid
   with a message when a parameter cannot be written (B then holds part
   of the command). */
struct arg;
jv launch_command(struct buf *b, const char *tmpl, const char *config,
    int relative, const char *name, uint64_t index, const struct arg *args,
    int nargs);

/* Whether the script logs each run to SCRIPT.logs/NAME.log and marks
   its start (NAME.run) and end (NAME.exit: "STATUS END HASH"): always
   but with bash, where --logs asks for it. */
int launch_logs(const struct launch *l);

/* The script is BEGIN, then one RUN per run in stream order, then END.
   BEGIN may come last, once NRUNS is known; RUN counts the runs in L.
   bash: the commands one a line. parallel and slurm: a case statement
   that runs the I-th command (from 0) for task I, after a head that
   starts the tasks (parallel) or declares them (slurm). With logs, each
   command runs through sweep_run NAME HASH COMMAND, which skips a run
   that succeeded before with a config of that HASH, and the script
   ends with a summary of the runs. */
void launch_begin(struct buf *b, const struct launch *l, uint64_t nruns);
void launch_run(struct buf *b, struct launch *l, const char *name,
    uint64_t hash, const char *command);
void launch_end(struct buf *b, const struct launch *l);

#endif
