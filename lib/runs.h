/* runs: a sweep's runs once sweep-script wrote it.  The manifest beside
   the script (SCRIPT.manifest) holds one JSON line a run, in run order:
   {"name", "index", "config", "hash", "params": {NAME: VALUE}}. Each run
   leaves markers in SCRIPT.logs: NAME.log (its output), NAME.run (the
   epoch second it started) and NAME.exit ("EXIT END_EPOCH HASH"), each
   one line; a marker without its newline is being written. */
#ifndef SWEEP_RUNS_H
#define SWEEP_RUNS_H

#include <time.h>
#include <jv.h>

struct runs;
struct argp_state;

/* The SCRIPT operand of a command's argp parser: call it from parse_opt
   with its KEY, ARG and STATE; sets *SCRIPT. Returns 0 when KEY was
   SCRIPT's, else ARGP_ERR_UNKNOWN. */
int runs_script_opt(int key, char *arg, struct argp_state *state,
    const char **script);

/* Opens the manifest beside SCRIPT; dies when there is none, saying how
   to make one. */
struct runs *runs_open(const char *script);
void runs_close(struct runs *r);

/* Says on stderr, when SCRIPT.logs is not there, that no run can have
   started and how to make a script that logs its runs. */
void runs_check_logs(struct runs *r);

/* The next run of the manifest, checked: an object with a name fit for
   a file name (no /, no NUL byte) that no run before it has, an index, and params; a relative
   config (sweep-script --relative) is made relative to the working
   directory, not the manifest's. An invalid jv without message at the
   end; dies on a malformed line, naming it. */
jv runs_next(struct runs *r);

/* Where RUN (borrowed) stands, from its markers: {"state": "pending",
   "running", "done" or "failed", "exit": N or null, "seconds": the end
   (or NOW while it runs) less the start, or null, "log": its path}.
   Markers of another config (an .exit whose hash is not the run's) do
   not count: the run is pending again. A .run being written means it
   runs (for 0 seconds), an .exit being written that it still runs.
   Dies on a malformed marker, one that is no regular file, or a
   SCRIPT.logs that is no directory. */
jv runs_state(struct runs *r, jv run, time_t now);

#endif
