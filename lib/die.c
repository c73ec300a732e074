/* die: errors as one line, "progname: what went wrong: the fix". */
#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "json.h"

const char *argp_program_version = "sweep " SWEEP_VERSION;

static error_t
help_opt(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	if (key != 'h')
		return ARGP_ERR_UNKNOWN;
	argp_state_help(state, state->out_stream, ARGP_HELP_STD_HELP);
	return 0;
}

static const struct argp_option help_options[] = {
	{ 0, 'h', 0, OPTION_HIDDEN, "Give this help list", -1 },
	{ 0 }
};

const struct argp help_argp = { help_options, help_opt, 0, 0, 0, 0, 0 };

const struct argp_child help_children[] = {
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static void (*cleanup_fn)(void *);
static void *cleanup_arg;
static volatile sig_atomic_t caught;

/* Puts /dev/null, opened the wrong way round, on stdin, stdout or stderr
   when one is closed: no file opened later takes its number (a config
   would get the error messages, or the script its own text), and using
   it still fails as on a closed descriptor (EBADF). */
static void
guard_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
			open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
}

void
sweep_init(void)
{
	guard_std_fds();
	argp_err_exit_status = EXIT_USAGE;
}

static void
run_cleanup(void)
{
	void (*fn)(void *) = cleanup_fn;

	cleanup_fn = NULL;
	if (fn)
		fn(cleanup_arg);
}

/* MSG as one line that cannot move the terminal, into OUT (4 times
   MSG's length and one byte): control characters, DEL and bytes that
   are not UTF-8 (a name from a hostile config may hold any) as \n, \t,
   \r, \e or \xHH. Returns OUT's length. */
static size_t
escape_line(const char *msg, char *out)
{
	static const char ctl[] = "\n\t\r\033", esc[] = "ntre";
	const unsigned char *p = (const unsigned char *)msg;
	const unsigned char *end = p + strlen(msg);
	const char *hit;
	size_t n = 0, u;

	for (; p < end; p += u ? u : 1) {
		u = *p >= 0x80 ? utf8_len(p, end) : 0;
		if (u) {
			memcpy(out + n, p, u);
			n += u;
		} else if (*p >= 0x20 && *p < 0x7f)
			out[n++] = (char)*p;
		else if ((hit = strchr(ctl, *p)))
			n += (size_t)sprintf(out + n, "\\%c", esc[hit - ctl]);
		else
			n += (size_t)sprintf(out + n, "\\x%02x", *p);
	}
	out[n] = '\0';
	return n;
}

/* Prints "progname: MSG" as one line (escape_line). */
static void
say(const char *msg)
{
	char out[4 * 4096 + 1];

	escape_line(msg, out);
	fprintf(stderr, "%s: %s\n", program_invocation_short_name, out);
}

void
usage_error(struct argp_state *state, const char *fmt, ...)
{
	char line[4096], out[4 * sizeof line + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	escape_line(line, out);
	argp_error(state, "%s", out);
}

static void
vwarn(const char *fmt, va_list ap)
{
	char line[4096];

	vsnprintf(line, sizeof line, fmt, ap);
	say(line);
}


void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

/* The message is formatted before the cleanup, which may free what it
   names. */
static _Noreturn void
vdie(int status, const char *fmt, va_list ap)
{
	char line[4096];

	vsnprintf(line, sizeof line, fmt, ap);
	run_cleanup();
	say(line);
	exit(status);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(1, fmt, ap);
}

static _Noreturn void
die_status(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(status, fmt, ap);
}

static _Noreturn void
die_msg(int status, const char *context, jv invalid)
{
	jv msg = jv_invalid_get_msg(invalid);
	const char *text = "unknown error";

	if (jv_get_kind(msg) == JV_KIND_STRING)
		text = jv_string_value(msg);
	if (context)
		die_status(status, "%s: %s", context, text);
	die_status(status, "%s", text);
}

void
die_jv(const char *context, jv invalid)
{
	die_msg(1, context, invalid);
}

void
die_usage_jv(const char *context, jv invalid)
{
	die_msg(EXIT_USAGE, context, invalid);
}

jv
argp_check(struct argp_state *state, jv v, const char *fmt, ...)
{
	va_list ap;
	jv msg, where;

	if (jv_is_valid(v))
		return v;
	msg = jv_invalid_get_msg(v);
	if (fmt) {
		va_start(ap, fmt);
		where = jv_string_vfmt(fmt, ap);
		va_end(ap);
		usage_error(state, "%s: %s", jv_string_value(where),
		    jv_string_value(msg));
		jv_free(where);
	} else
		usage_error(state, "%s", jv_string_value(msg));
	jv_free(msg);
	return jv_invalid();
}

jv
fail(const char *fmt, ...)
{
	va_list ap;
	jv msg;

	va_start(ap, fmt);
	msg = jv_string_vfmt(fmt, ap);
	va_end(ap);
	return jv_invalid_with_msg(msg);
}

jv
brief(const char *s)
{
	size_t n = strlen(s);

	if (n <= 60)
		return jv_string(s);
	for (n = 57; n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		;
	return jv_string_fmt("%.*s...", (int)n, s);
}

void
die_on_exit(void (*fn)(void *), void *arg)
{
	cleanup_fn = fn;
	cleanup_arg = arg;
}

static void
on_signal(int sig)
{
	caught = sig;
}

/* Every signal that ends a process by default and can be caught. A
   write past a file size limit (SIGXFSZ) then fails with EFBIG, an error
   like any other. */
static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
    SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ };

void
die_catch_signals(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals;
	    i++) {
		/* A signal ignored at start (nohup, a background job of a
		   script) stays ignored, as the shell meant it. */
		if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_signals[i], &sa, NULL);
	}
	signal(SIGPIPE, SIG_IGN);
}

void
die_check_signal(void)
{
	int sig = caught;

	if (!sig)
		return;
	run_cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

/* Checks what an allocation returned. */
static void *
allocated(void *p)
{
	if (!p)
		die("out of memory");
	return p;
}

void *
xmalloc(size_t size)
{
	return allocated(malloc(size));
}

void *
xcalloc(size_t n, size_t size)
{
	return allocated(calloc(n, size));
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	return allocated(reallocarray(p, n, size));
}

char *
xstrdup(const char *s)
{
	return allocated(strdup(s));
}
