/* die: errors as one line, "progname: what went wrong: the fix". */
#ifndef SWEEP_DIE_H
#define SWEEP_DIE_H

#include <argp.h>
#include <stddef.h>
#include <jv.h>

/* Exit status for a malformed command line, as argp reports it. */
#define EXIT_USAGE 64

/* -h as --help: every command lists it among its argp children. */
extern const struct argp help_argp;

/* The children of a command whose only child is help_argp. */
extern const struct argp_child help_children[];

/* Sets argp's version string and usage exit status, and keeps a closed
   stdin, stdout or stderr closed in effect (see die.c); call first in
   main. */
void sweep_init(void);

/* Prints "progname: MESSAGE" and exits 1, after the cleanup hook. */
_Noreturn void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Dies with the message of INVALID (consumed), prefixed by CONTEXT
   ("context: message") when CONTEXT is not NULL. */
_Noreturn void die_jv(const char *context, jv invalid);

/* die_jv for a command line that cannot work: exits EXIT_USAGE. */
_Noreturn void die_usage_jv(const char *context, jv invalid);

/* argp_error with the message as one line that cannot move the
   terminal: control characters, DEL and bytes that are not UTF-8 in
   what the user gave are escaped, as in every other message. */
void usage_error(struct argp_state *state, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* V (consumed) when it is valid; else a usage error through argp
   (argp_error) with its message, after FMT's text and ": " when FMT is
   not NULL. */
jv argp_check(struct argp_state *state, jv v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* malloc, calloc, reallocarray and strdup that die when memory runs
   out. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

/* Prints "progname: MESSAGE" and goes on. */
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The one cleanup hook die() and a caught signal run before exiting. */
void die_on_exit(void (*fn)(void *), void *arg);

/* Catches every signal that ends a process and can be caught (INT,
   TERM, HUP, QUIT, USR1, USR2, ALRM, VTALRM, PROF, XCPU, XFSZ) without
   restarting system calls:
   a blocked read returns EINTR and the caller asks die_check_signal().
   One ignored at start stays ignored.
   Ignores SIGPIPE: a write to a closed pipe fails with EPIPE instead. */
void die_catch_signals(void);

/* If a caught signal arrived: cleanup, then die of that signal. */
void die_check_signal(void);

/* S as a message shows it: at most 60 bytes, else cut at a character
   and ended with "...". */
jv brief(const char *s);

/* Returns an invalid jv whose message is the formatted text. */
jv fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
