/* command: the sweep-NAME programs that "sweep NAME" runs, found beside
   sweep first, else on PATH, as git finds git-NAME. */
#ifndef SWEEP_COMMAND_H
#define SWEEP_COMMAND_H

#include <jv.h>

/* The directory of the running program (malloc'd), or NULL when it
   cannot be told. ARGV0 is the fallback when /proc is not there. */
char *command_self_dir(const char *argv0);

/* The names of the commands installed (without "sweep-"): every
   executable sweep-NAME in DIR (may be NULL) and on PATH, sorted, each
   once. */
jv command_list(const char *dir);

/* Runs sweep-NAME with ARGV (ARGV[0] is replaced by "sweep-NAME"):
   DIR/sweep-NAME if there is one, else sweep-NAME on PATH. Returns only
   on failure, with errno set (ENOENT: no such command). */
void command_exec(const char *dir, const char *name, char **argv);

#endif
