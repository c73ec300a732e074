/* commit: staging, the all-or-nothing commit, cleanup on errors and
   signals. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commit.h"
#include "die.h"
#include "json.h"
#include "name.h"
#include "stream.h"

#define STAGE_TEMPLATE ".sweep-XXXXXX"

struct outdir {
	char *dir;		/* absolute */
	int dirfd;
	char stage[sizeof STAGE_TEMPLATE];
	int stagefd;		/* -1 in a dry run or before staging */
	char **made;		/* directories made for it, outermost first */
	int nmade;
	char **there;		/* the *.json it held when opened, sorted; */
	size_t nthere;		/* a leading '/' marks a directory */
};

struct entry {
	size_t name;		/* offset in the arena */
	uint64_t index;
	int dir;
	int swapped;		/* an existing file went into staging */
};

struct commit {
	int force, dry_run;
	struct outdir *dirs;
	int ndirs;
	struct buf arena;	/* "NAME.json\0" for every entry */
	struct entry *ent;
	size_t nent, cap;
	size_t *table;		/* open addressing: entry index + 1 */
	size_t tcap;
	size_t applied;		/* entries moved into place */
	char *script, *script_tmp;
	int script_done;
};

struct commit *
commit_new(int force, int dry_run)
{
	struct commit *c = xcalloc(1, sizeof *c);

	c->force = force;
	c->dry_run = dry_run;
	die_on_exit(commit_abort, c);
	die_catch_signals();
	return c;
}

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static const char *
entry_file(const struct commit *c, size_t i)
{
	return c->arena.p + c->ent[i].name;
}

static void
table_grow(struct commit *c)
{
	size_t cap = c->tcap ? c->tcap * 2 : 1024;
	size_t *t = xcalloc(cap, sizeof *t);

	for (size_t i = 0; i < c->nent; i++) {
		size_t h = hash(entry_file(c, i)) & (cap - 1);

		while (t[h])
			h = (h + 1) & (cap - 1);
		t[h] = i + 1;
	}
	free(c->table);
	c->table = t;
	c->tcap = cap;
}

/* The entry staged as FILE, or -1; *SLOT is where it would go. */
static long
find(struct commit *c, const char *file, size_t *slot)
{
	size_t h = hash(file) & (c->tcap - 1);

	for (; c->table[h]; h = (h + 1) & (c->tcap - 1))
		if (!strcmp(entry_file(c, c->table[h] - 1), file))
			return (long)(c->table[h] - 1);
	*slot = h;
	return -1;
}

static void
add_entry(struct commit *c, const char *file, uint64_t index, int dir)
{
	size_t slot = 0;
	long dup;

	if (c->nent * 2 >= c->tcap)
		table_grow(c);
	if ((dup = find(c, file, &slot)) >= 0) {
		size_t n = strlen(file) - 5;

		die("two runs are named %.*s (runs %llu and %llu): tell them "
		    "apart with -n or -N", (int)n, file,
		    (unsigned long long)c->ent[dup].index,
		    (unsigned long long)index);
	}
	if (c->nent == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->ent = xreallocarray(c->ent, c->cap, sizeof *c->ent);
	}
	c->ent[c->nent] = (struct entry){ c->arena.len, index, dir, 0 };
	buf_add(&c->arena, file, strlen(file) + 1);
	c->table[slot] = ++c->nent;
}

/* Makes DIR and its missing parents, noting those made. */
static void
make_dirs(struct outdir *d)
{
	char *path = xstrdup(d->dir);

	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char was = *p;
		*p = '\0';
		if (mkdir(path, 0777) == 0) {
			d->made = xreallocarray(d->made, d->nmade + 1,
			    sizeof *d->made);
			d->made[d->nmade++] = xstrdup(path);
		} else if (errno != EEXIST) {
			int e = errno;

			free(path);
			die("cannot make output directory %s: %s: choose "
			    "another with -o", d->dir, strerror(e));
		}
		*p = was;
		if (!was)
			break;
	}
	free(path);
}

/* Makes the staging directory of D, inside it. */
static void
make_stage(struct outdir *d)
{
	char *path = xcalloc(1, strlen(d->dir) + sizeof STAGE_TEMPLATE + 1);

	sprintf(path, "%s/%s", d->dir, STAGE_TEMPLATE);
	if (!mkdtemp(path)) {
		int e = errno;

		free(path);
		die("cannot write in output directory %s: %s: choose another "
		    "with -o", d->dir, strerror(e));
	}
	memcpy(d->stage, strrchr(path, '/') + 1, sizeof d->stage);
	free(path);
	d->stagefd = openat(d->dirfd, d->stage, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	if (d->stagefd < 0) {
		int e = errno;

		unlinkat(d->dirfd, d->stage, AT_REMOVEDIR);
		die("cannot write in output directory %s: %s: choose another "
		    "with -o", d->dir, strerror(e));
	}
}

static int
by_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	return strcmp(x + (*x == '/'), y + (*y == '/'));
}

/* Notes the *.json names in D once, so that checking a run's file costs
   no system call (the rename at the end refuses any file made since). */
static void
list_there(struct outdir *d)
{
	size_t cap = 0;
	struct dirent *e;
	struct stat st;
	DIR *dir;
	int fd;

	if (d->dirfd < 0 || (fd = dup(d->dirfd)) < 0)
		return;
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return;
	}
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		int isdir = e->d_type == DT_DIR;

		if (n < 5 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		if (e->d_type == DT_UNKNOWN && fstatat(d->dirfd, e->d_name,
		    &st, AT_SYMLINK_NOFOLLOW) == 0)
			isdir = S_ISDIR(st.st_mode);
		if (d->nthere == cap) {
			cap = cap ? cap * 2 : 64;
			d->there = xreallocarray(d->there, cap,
			    sizeof *d->there);
		}
		d->there[d->nthere] = xcalloc(1, n + 2);
		sprintf(d->there[d->nthere++], "%s%s", isdir ? "/" : "",
		    e->d_name);
	}
	closedir(dir);
	if (d->nthere)
		qsort(d->there, d->nthere, sizeof *d->there, by_name);
}

static int
open_outdir(struct commit *c, const char *dir)
{
	struct outdir *d;

	for (int i = 0; i < c->ndirs; i++)
		if (!strcmp(c->dirs[i].dir, dir))
			return i;
	c->dirs = xreallocarray(c->dirs, (size_t)c->ndirs + 1,
	    sizeof *c->dirs);
	d = &c->dirs[c->ndirs++];
	memset(d, 0, sizeof *d);
	d->dir = xstrdup(dir);
	d->dirfd = d->stagefd = -1;
	if (!c->dry_run)
		make_dirs(d);
	d->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->dirfd < 0 && !(c->dry_run && errno == ENOENT))
		die("cannot open output directory %s: %s: choose another "
		    "with -o", dir, strerror(errno));
	list_there(d);
	if (c->dry_run)
		return c->ndirs - 1;
	make_stage(d);
	return c->ndirs - 1;
}

/* Refuses to replace anything but a file, or a file without FORCE. */
static void
check_target(struct commit *c, struct outdir *d, const char *file)
{
	char **hit = d->nthere ? bsearch(&file, d->there, d->nthere,
	    sizeof *d->there, by_name) : NULL;

	if (!hit)
		return;
	if (**hit == '/')
		die("%s/%s exists and is a directory: remove it, or choose "
		    "another directory with -o", d->dir, file);
	if (!c->force)
		die("%s/%s exists: use -f to overwrite it", d->dir, file);
}

/* NAME.json must be one file in its directory, whoever named the run:
   a stream that did not come from sweep-name may hold any name. */
static void
check_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0)
		die("a run has an empty name: name the runs with sweep-name");
	if (strchr(name, '/'))
		die("run name %.40s%s holds a /, which would put its config "
		    "outside the output directory: name the runs with "
		    "sweep-name", name, n > 40 ? "..." : "");
	if (n > NAME_MAX_BYTES)
		die("run name %.40s... is %zu bytes, over %d: shorten it with "
		    "-N value names, shorter -n names or --hide-name", name, n,
		    NAME_MAX_BYTES);
}

void
commit_config(struct commit *c, const char *dir, const char *name,
    uint64_t index, const void *data, size_t len)
{
	char file[PATH_MAX];
	struct outdir *d;
	int fd, di;

	die_check_signal();
	check_name(name);
	snprintf(file, sizeof file, "%s.json", name);
	di = open_outdir(c, dir);
	d = &c->dirs[di];
	add_entry(c, file, index, di);
	check_target(c, d, file);
	if (c->dry_run)
		return;
	fd = openat(d->stagefd, file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666);
	if (fd < 0 || write_all(fd, data, len) < 0 || close(fd) < 0)
		die("cannot write %s/%s: %s: free some space or choose another "
		    "directory with -o", d->dir, file, strerror(errno));
}

void
commit_script(struct commit *c, const char *path, const char *head,
    size_t head_len, int body_fd, const char *tail, size_t tail_len)
{
	size_t n = strlen(path);
	int fd;

	c->script = xstrdup(path);
	c->script_tmp = xcalloc(1, n + 16);
	snprintf(c->script_tmp, n + 16, "%s.sweep-XXXXXX", path);
	fd = mkstemp(c->script_tmp);
	if (fd < 0) {
		int e = errno;

		free(c->script_tmp);
		c->script_tmp = NULL;
		die("cannot write script %s: %s: choose another with -s",
		    path, strerror(e));
	}
	if (write_all(fd, head, head_len) < 0 || copy_fd(body_fd, fd) < 0 ||
	    write_all(fd, tail, tail_len) < 0 || fchmod(fd, 0755) < 0 ||
	    close(fd) < 0)
		die("cannot write script %s: %s: free some space or choose "
		    "another place with -s", path, strerror(errno));
}

static int
is_dir(int dirfd, const char *file)
{
	struct stat st;

	return fstatat(dirfd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode);
}

/* Moves staged FILE into D, never over an existing file unless FORCE,
   when the old file goes into staging instead. Returns 1 if swapped. */
static int
move_into_place(struct commit *c, struct outdir *d, const char *file)
{
	if (renameat2(d->stagefd, file, d->dirfd, file, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno == EINVAL || errno == ENOSYS) {
		/* no renameat2 flags on this file system */
		if (!c->force && linkat(d->stagefd, file, d->dirfd, file, 0) == 0)
			return unlinkat(d->stagefd, file, 0), 0;
		if (c->force && renameat(d->stagefd, file, d->dirfd, file) == 0)
			return 0;
	}
	if (errno == EEXIST && c->force && !is_dir(d->dirfd, file) &&
	    renameat2(d->stagefd, file, d->dirfd, file, RENAME_EXCHANGE) == 0)
		return 1;
	if (errno == EEXIST)
		die("%s/%s exists: use -f to overwrite it", d->dir, file);
	die("cannot move %s into %s: %s: check the directory", file, d->dir,
	    strerror(errno));
}

void
commit_apply(struct commit *c)
{
	if (c->dry_run)
		return;
	for (size_t i = c->applied; i < c->nent; i++) {
		struct outdir *d = &c->dirs[c->ent[i].dir];

		die_check_signal();
		c->ent[i].swapped = move_into_place(c, d, entry_file(c, i));
		c->applied = i + 1;
	}
	die_check_signal();
	if (c->script_tmp && rename(c->script_tmp, c->script) < 0)
		die("cannot write script %s: %s: choose another place with -s",
		    c->script, strerror(errno));
	c->script_done = 1;
}

/* Removes the staging directory of D with what it holds. */
static void
remove_stage(struct outdir *d)
{
	DIR *dir;
	struct dirent *e;
	int fd;

	if (d->stagefd < 0)
		return;
	if ((fd = dup(d->stagefd)) >= 0 && (dir = fdopendir(fd))) {
		while ((e = readdir(dir)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				unlinkat(d->stagefd, e->d_name, 0);
		closedir(dir);
	}
	close(d->stagefd);
	d->stagefd = -1;
	unlinkat(d->dirfd, d->stage, AT_REMOVEDIR);
}

static void
free_commit(struct commit *c)
{
	for (int i = 0; i < c->ndirs; i++) {
		struct outdir *d = &c->dirs[i];

		remove_stage(d);
		if (d->dirfd >= 0)
			close(d->dirfd);
		for (int j = 0; j < d->nmade; j++)
			free(d->made[j]);
		free(d->made);
		for (size_t j = 0; j < d->nthere; j++)
			free(d->there[j]);
		free(d->there);
		free(d->dir);
	}
	free(c->dirs);
	free(c->ent);
	free(c->table);
	buf_free(&c->arena);
	free(c->script);
	free(c->script_tmp);
	free(c);
}

void
commit_abort(void *arg)
{
	struct commit *c = arg;

	for (size_t i = c->applied; i-- > 0;) {
		struct outdir *d = &c->dirs[c->ent[i].dir];
		const char *file = entry_file(c, i);

		if (c->ent[i].swapped)
			renameat2(d->stagefd, file, d->dirfd, file,
			    RENAME_EXCHANGE);
		else
			unlinkat(d->dirfd, file, 0);
	}
	if (c->script_tmp && !c->script_done)
		unlink(c->script_tmp);
	for (int i = 0; i < c->ndirs; i++) {
		struct outdir *d = &c->dirs[i];

		remove_stage(d);
		for (int j = d->nmade; j-- > 0;)
			rmdir(d->made[j]);
	}
	free_commit(c);
}

void
commit_done(struct commit *c)
{
	die_on_exit(NULL, NULL);
	free_commit(c);
}

size_t
commit_count(const struct commit *c)
{
	return c->nent;
}

int
commit_ndirs(const struct commit *c)
{
	return c->ndirs;
}

const char *
commit_dir(const struct commit *c, int i)
{
	return c->dirs[i].dir;
}

jv
path_abs(const char *path)
{
	char cwd[PATH_MAX];
	struct buf b = { 0 };
	const char *p = path;
	jv out;

	if (*path != '/') {
		if (!getcwd(cwd, sizeof cwd))
			die("cannot find the current directory: %s: cd to an "
			    "existing one", strerror(errno));
		buf_adds(&b, strcmp(cwd, "/") ? cwd : "");
	}
	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.')) {
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (b.len > 0 && b.p[--b.len] != '/')
				;
		} else {
			buf_addc(&b, '/');
			buf_add(&b, p, n);
		}
		p += n;
	}
	if (b.len == 0)
		buf_addc(&b, '/');
	out = jv_string_sized(b.p, (int)b.len);
	buf_free(&b);
	return out;
}

jv
path_abs_dir(const char *file)
{
	jv abs = path_abs(file);
	const char *s = jv_string_value(abs);
	const char *slash = strrchr(s, '/');
	jv out = jv_string_sized(s, slash == s ? 1 : (int)(slash - s));

	jv_free(abs);
	return out;
}

int
copy_fd(int from, int to)
{
	char buf[65536];
	ssize_t n;

	if (lseek(from, 0, SEEK_SET) < 0)
		return -1;
	while ((n = read(from, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR) {
				die_check_signal();
				continue;
			}
			return -1;
		}
		if (write_all(to, buf, (size_t)n) < 0)
			return -1;
	}
	return 0;
}
