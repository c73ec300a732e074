/* fault: an LD_PRELOAD library for tests/faults.bats that strikes at one
   call of a libc function: the FAULT_AT-th call (from 1) of FAULT_CALL
   (openat, write, close, read, renameat2, rename, linkat, fchmod, mkdir,
   mkdtemp, mkstemp) fails with an errno (FAULT_DO=ENOSPC, EIO, EROFS,
   ENOENT), or the process gets a signal just before it (FAULT_DO=TERM,
   INT, HUP, KILL, QUIT, USR1, USR2, ALRM, VTALRM, PROF, XCPU, XFSZ), or a shell command runs just before it
   (FAULT_DO="sh:rm -rf out"). With FAULT_COUNT=FILE it only counts, and
   at exit writes "NAME COUNT" lines to FILE. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const names[] = { "openat", "write", "close", "read",
    "renameat2", "rename", "linkat", "fchmod", "mkdir", "mkdtemp",
    "mkstemp" };
#define NNAMES (sizeof names / sizeof *names)
static unsigned long counts[NNAMES];
static int armed;

/* Counts only the calls made once the libraries are loaded: not those
   of a sanitizer's runtime starting up, which comes first. */
__attribute__((constructor)) static void
arm(void)
{
	armed = 1;
}

/* No strcmp or strtoul: a sanitizer intercepts those, and may call
   mkdir or write here before its interceptors are ready. */
static int
same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static unsigned long
number(const char *s)
{
	unsigned long n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (unsigned long)(*s++ - '0');
	return n;
}

static int
index_of(const char *name)
{
	for (size_t i = 0; i < NNAMES; i++)
		if (same(names[i], name))
			return (int)i;
	abort();
}

/* 0 to go on with the real call, or -1 with errno set to fail it. */
static int
strike(const char *name)
{
	int i = index_of(name), saved = errno;
	const char *call = getenv("FAULT_CALL"), *what = getenv("FAULT_DO");
	const char *at = getenv("FAULT_AT");
	static const struct { const char *name; int value; } acts[] = {
		{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EROFS", EROFS },
		{ "ENOENT", ENOENT }, { "TERM", -SIGTERM }, { "INT", -SIGINT },
		{ "HUP", -SIGHUP }, { "KILL", -SIGKILL }, { "QUIT", -SIGQUIT },
		{ "USR1", -SIGUSR1 }, { "USR2", -SIGUSR2 },
		{ "ALRM", -SIGALRM }, { "VTALRM", -SIGVTALRM },
		{ "PROF", -SIGPROF }, { "XCPU", -SIGXCPU }, { "XFSZ", -SIGXFSZ },
	};

	if (!armed)
		return 0;
	counts[i]++;
	if (!call || !what || !at || !same(call, name) ||
	    counts[i] != number(at))
		return 0;
	if (what[0] == 's' && what[1] == 'h' && what[2] == ':') {
		unsetenv("LD_PRELOAD");
		if (system(what + 3) != 0)
			abort();
		errno = saved;
		return 0;
	}
	for (size_t a = 0; a < sizeof acts / sizeof *acts; a++) {
		if (!same(what, acts[a].name))
			continue;
		if (acts[a].value > 0) {
			errno = acts[a].value;
			return -1;
		}
		kill(getpid(), -acts[a].value);
		errno = saved;
		return 0;
	}
	abort();
}

__attribute__((destructor)) static void
report(void)
{
	const char *path = getenv("FAULT_COUNT");
	FILE *f;

	if (!path || !(f = fopen(path, "w")))
		return;
	for (size_t i = 0; i < NNAMES; i++)
		fprintf(f, "%s %lu\n", names[i], counts[i]);
	fclose(f);
}

/* The real calls are system calls, not dlsym(RTLD_NEXT, ...): a
   sanitizer's runtime may call these before dlsym can work. */
int
openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return strike("openat") ? -1 :
	    (int)syscall(SYS_openat, dirfd, path, flags, mode);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	return strike("write") ? -1 : syscall(SYS_write, fd, buf, n);
}

int
close(int fd)
{
	return strike("close") ? -1 : (int)syscall(SYS_close, fd);
}

ssize_t
read(int fd, void *buf, size_t n)
{
	return strike("read") ? -1 : syscall(SYS_read, fd, buf, n);
}

int
renameat2(int olddirfd, const char *oldpath, int newdirfd,
    const char *newpath, unsigned int flags)
{
	return strike("renameat2") ? -1 : (int)syscall(SYS_renameat2,
	    olddirfd, oldpath, newdirfd, newpath, flags);
}

int
rename(const char *oldpath, const char *newpath)
{
	return strike("rename") ? -1 : (int)syscall(SYS_renameat2, AT_FDCWD,
	    oldpath, AT_FDCWD, newpath, 0);
}

int
linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
    int flags)
{
	return strike("linkat") ? -1 : (int)syscall(SYS_linkat, olddirfd,
	    oldpath, newdirfd, newpath, flags);
}

int
fchmod(int fd, mode_t mode)
{
	return strike("fchmod") ? -1 : (int)syscall(SYS_fchmod, fd, mode);
}

int
mkdir(const char *path, mode_t mode)
{
	return strike("mkdir") ? -1 : (int)syscall(SYS_mkdirat, AT_FDCWD, path,
	    mode);
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

char *
mkdtemp(char *template)
{
	return strike("mkdtemp") ? NULL : REAL(mkdtemp)(template);
}

int
mkstemp(char *template)
{
	return strike("mkstemp") ? -1 : REAL(mkstemp)(template);
}
