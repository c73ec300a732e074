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
#include "parse.h"
#include "stream.h"

#define STAGE_TEMPLATE ".sweep-XXXXXX"

struct outdir {
	char *dir;		/* absolute */
	int dirfd;
	char stage[sizeof STAGE_TEMPLATE];
	int stagefd;		/* -1 in a dry run or before staging */
	struct stat stage_st;	/* the staging directory made */
	char **made;		/* directories made for it, outermost first */
	int nmade;
	char **there;		/* the *.json it held when opened, sorted; */
	size_t nthere;		/* a leading '/' marks a directory */
};

struct entry {
	size_t name;		/* offset in the arena */
	uint64_t index;
	ino_t ino;		/* of the file staged, on the stage's device */
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
	char *beside, *beside_tmp;	/* a file that goes with the script */
	enum { BESIDE_STAGED, BESIDE_NEW, BESIDE_SWAPPED } beside_state;
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
	c->ent[c->nent] = (struct entry){ c->arena.len, index, 0, dir, 0 };
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

/* Whether FILE in DIRFD is the very file DEV, INO, not a successor put
   there by someone else. */
static int
still_there(int dirfd, const char *file, dev_t dev, ino_t ino)
{
	struct stat now;

	return fstatat(dirfd, file, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    now.st_dev == dev && now.st_ino == ino;
}

/* Opens the staging directory of D just made, refusing whatever took
   its place (a symlink or another directory): its contents are removed
   in the end. */
static void
open_stage(struct outdir *d)
{
	struct stat st;
	int e;

	if (fstatat(d->dirfd, d->stage, &d->stage_st, AT_SYMLINK_NOFOLLOW) < 0)
		die("cannot write in output directory %s: %s: choose another "
		    "with -o", d->dir, strerror(errno));
	d->stagefd = openat(d->dirfd, d->stage, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	e = errno;
	if (d->stagefd >= 0 && fstat(d->stagefd, &st) == 0 &&
	    st.st_dev == d->stage_st.st_dev && st.st_ino == d->stage_st.st_ino)
		return;
	if (d->stagefd >= 0 || e == ELOOP || e == ENOTDIR) {
		if (d->stagefd >= 0)
			close(d->stagefd);
		d->stagefd = -1;
		die("staging directory %s/%s was replaced while in use: make "
		    "sure nobody else writes in %s, or choose another "
		    "directory with -o", d->dir, d->stage, d->dir);
	}
	if (still_there(d->dirfd, d->stage, d->stage_st.st_dev,
	    d->stage_st.st_ino))
		unlinkat(d->dirfd, d->stage, AT_REMOVEDIR);
	die("cannot write in output directory %s: %s: choose another with -o",
	    d->dir, strerror(e));
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
	open_stage(d);
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

const char *
write_fix(int e, const char *fix)
{
	return e == EFBIG ? "raise the file size limit (ulimit -f)" : fix;
}

void
commit_config(struct commit *c, const char *dir, const char *name,
    uint64_t index, const void *data, size_t len)
{
	char file[PATH_MAX];
	struct outdir *d;
	struct stat st;
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
	if (fd < 0 || fstat(fd, &st) < 0 || write_all(fd, data, len) < 0 ||
	    close(fd) < 0)
		die("cannot write %s/%s: %s: %s", d->dir, file, strerror(errno),
		    write_fix(errno, "free some space or choose another "
		    "directory with -o"));
	c->ent[c->nent - 1].ino = st.st_ino;
}

/* Whether the directory of FILE is D: by device and inode when both
   exist, else by path. */
static int
in_outdir(const char *file, const struct outdir *d)
{
	jv dir = path_abs_dir(file);
	struct stat a, b;
	int same;

	if (d->dirfd >= 0 && stat(jv_string_value(dir), &a) == 0 &&
	    fstat(d->dirfd, &b) == 0)
		same = a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	else
		same = !strcmp(jv_string_value(dir), d->dir);
	jv_free(dir);
	return same;
}

/* Refuses a script at PATH that would replace one of the configs. */
static void
check_script(struct commit *c, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t slot;
	long e;

	base = base ? base + 1 : path;
	if (c->tcap && (e = find(c, base, &slot)) >= 0 &&
	    in_outdir(path, &c->dirs[c->ent[e].dir]))
		die("script %s would replace the config of run %.*s: choose "
		    "another place with -s", path, (int)strlen(base) - 5, base);
}

/* A temporary file in the directory of PATH, its name in *TMP; -1 with
   errno. */
static int
temp_beside(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) + 1 : 0;
	int fd, e;

	*tmp = xcalloc(1, n + sizeof STAGE_TEMPLATE);
	memcpy(*tmp, path, n);
	memcpy(*tmp + n, STAGE_TEMPLATE, sizeof STAGE_TEMPLATE);
	if ((fd = mkstemp(*tmp)) < 0) {
		e = errno;
		free(*tmp);
		*tmp = NULL;
		errno = e;
	}
	return fd;
}

void
commit_script(struct commit *c, const char *path, const char *head,
    size_t head_len, int body_fd, const char *tail, size_t tail_len)
{
	int fd;

	check_script(c, path);
	if (c->dry_run)
		return;
	c->script = xstrdup(path);
	if ((fd = temp_beside(path, &c->script_tmp)) < 0)
		die("cannot write script %s: %s: choose another with -s",
		    path, strerror(errno));
	if (write_all(fd, head, head_len) < 0 || copy_fd(body_fd, fd) < 0 ||
	    write_all(fd, tail, tail_len) < 0 || fchmod(fd, 0755) < 0 ||
	    close(fd) < 0)
		die("cannot write script %s: %s: %s", path, strerror(errno),
		    write_fix(errno, "free some space or choose another place "
		    "with -s"));
}

void
commit_beside(struct commit *c, const char *path, int from)
{
	int fd;

	c->beside = xstrdup(path);
	if ((fd = temp_beside(path, &c->beside_tmp)) < 0)
		die("cannot write %s: %s: choose another place with -s", path,
		    strerror(errno));
	if (copy_fd(from, fd) < 0 || fchmod(fd, 0644) < 0 || close(fd) < 0)
		die("cannot write %s: %s: %s", path, strerror(errno),
		    write_fix(errno, "free some space or choose another place "
		    "with -s"));
}

/* Moves the file beside the script into place, over an existing file
   only with FORCE; the old file then waits in the staging name until the
   script is in place too. */
static void
apply_beside(struct commit *c)
{
	if (!c->beside_tmp)
		return;
	if (renameat2(AT_FDCWD, c->beside_tmp, AT_FDCWD, c->beside,
	    RENAME_NOREPLACE) == 0)
		c->beside_state = BESIDE_NEW;
	else if (errno == EEXIST && c->force && renameat2(AT_FDCWD,
	    c->beside_tmp, AT_FDCWD, c->beside, RENAME_EXCHANGE) == 0)
		c->beside_state = BESIDE_SWAPPED;
	else if ((errno == EINVAL || errno == ENOSYS) && (c->force ?
	    rename(c->beside_tmp, c->beside) == 0 :
	    link(c->beside_tmp, c->beside) == 0))
		c->beside_state = BESIDE_NEW;	/* no going back here */
	else if (errno == EEXIST)
		die("%s exists: use -f to overwrite it", c->beside);
	else
		die("cannot write %s: %s: choose another place with -s",
		    c->beside, strerror(errno));
}

/* Puts back what was beside the script, or removes what was staged. */
static void
abort_beside(struct commit *c)
{
	if (c->beside_state == BESIDE_NEW)
		unlink(c->beside);
	else if (c->beside_state == BESIDE_SWAPPED)
		renameat2(AT_FDCWD, c->beside_tmp, AT_FDCWD, c->beside,
		    RENAME_EXCHANGE);
	if (c->beside_tmp)
		unlink(c->beside_tmp);
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

/* Moves the staged script into place, over an existing file only with
   FORCE. */
static void
move_script(struct commit *c)
{
	int ok;

	if (c->force)
		ok = rename(c->script_tmp, c->script) == 0;
	else if (!(ok = renameat2(AT_FDCWD, c->script_tmp, AT_FDCWD,
	    c->script, RENAME_NOREPLACE) == 0) &&
	    (errno == EINVAL || errno == ENOSYS) &&
	    link(c->script_tmp, c->script) == 0)
		ok = 1, unlink(c->script_tmp);
	if (ok)
		return;
	if (errno == EEXIST)
		die("script %s exists: use -f to overwrite it", c->script);
	die("cannot write script %s: %s: choose another place with -s",
	    c->script, strerror(errno));
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
	apply_beside(c);
	die_check_signal();
	if (c->script_tmp)
		move_script(c);
	c->script_done = 1;
	if (c->beside_tmp)
		unlink(c->beside_tmp);
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
	if (still_there(d->dirfd, d->stage, d->stage_st.st_dev,
	    d->stage_st.st_ino))
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
	free(c->beside);
	free(c->beside_tmp);
	free(c);
}

void
commit_abort(void *arg)
{
	struct commit *c = arg;

	for (size_t i = c->applied; i-- > 0;) {
		struct outdir *d = &c->dirs[c->ent[i].dir];
		const char *file = entry_file(c, i);

		if (!still_there(d->dirfd, file, d->stage_st.st_dev,
		    c->ent[i].ino))
			continue;	/* replaced since: no longer ours */
		if (c->ent[i].swapped)
			renameat2(d->stagefd, file, d->dirfd, file,
			    RENAME_EXCHANGE);
		else
			unlinkat(d->dirfd, file, 0);
	}
	if (c->script_tmp && !c->script_done)
		unlink(c->script_tmp);
	if (!c->script_done)
		abort_beside(c);
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

/* Adds PATH to B, an absolute path, cleaned as text: "." and empty
   parts dropped, ".." taking the part before it back. */
static void
path_clean(struct buf *b, const char *p)
{
	while (*p) {
		size_t n;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.')) {
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (b->len > 0 && b->p[--b->len] != '/')
				;
		} else {
			buf_addc(b, '/');
			buf_add(b, p, n);
		}
		p += n;
	}
}

/* The longest leading part of the absolute path P (a part ends before a
   '/' or at the end) that the file system resolves, resolved in *REAL;
   returns its length. */
static size_t
path_resolvable(char *p, char **real)
{
	size_t keep = strlen(p);

	for (;;) {
		char was = p[keep];

		p[keep] = '\0';
		*real = realpath(keep ? p : "/", NULL);
		p[keep] = was;
		if (*real || keep == 0)
			return keep;
		while (keep > 0 && p[keep - 1] == '/')
			keep--;
		while (keep > 0 && p[keep - 1] != '/')
			keep--;
	}
}

void
path_refuse(const char *path)
{
	die("%s: the path is not UTF-8, and sweep writes it into JSON, "
	    "which would name another file: rename it to UTF-8, or choose "
	    "another", path);
}

/* Dies, after freeing B, unless B holds UTF-8: sweep writes the paths
   it resolves into JSON (specs, runs, the script, the manifest). */
static void
path_utf8(struct buf *b)
{
	char shown[2 * PATH_MAX];	/* its bytes, which die escapes */

	if (parse_utf8(b->p, b->len))
		return;
	snprintf(shown, sizeof shown, "%.*s", (int)b->len, b->p);
	buf_free(b);
	path_refuse(shown);
}

jv
path_abs(const char *path)
{
	char cwd[PATH_MAX], *real;
	struct buf abs = { 0 }, b = { 0 };
	size_t keep;
	jv out;

	if (*path != '/') {
		if (!getcwd(cwd, sizeof cwd))
			die("cannot find the current directory: %s: cd to an "
			    "existing one", strerror(errno));
		buf_adds(&abs, cwd);
		buf_addc(&abs, '/');
	}
	buf_adds(&abs, path);
	buf_addc(&abs, '\0');
	keep = path_resolvable(abs.p, &real);
	path_clean(&b, real ? real : "");
	path_clean(&b, abs.p + keep);
	if (b.len == 0)
		buf_addc(&b, '/');
	free(real);
	buf_free(&abs);
	path_utf8(&b);
	out = json_string(b.p, b.len);
	buf_free(&b);
	return out;
}

jv
path_abs_file(const char *file)
{
	const char *base = strrchr(file, '/');
	struct buf b = { 0 };
	jv dir, out;

	base = base ? base + 1 : file;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return path_abs(file);
	dir = path_abs_dir(file);
	buf_adds(&b, jv_string_value(dir));
	if (strcmp(jv_string_value(dir), "/"))
		buf_addc(&b, '/');
	buf_adds(&b, base);
	jv_free(dir);
	path_utf8(&b);
	out = json_string(b.p, b.len);
	buf_free(&b);
	return out;
}

jv
path_abs_dir(const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir;
	jv out;

	if (!slash)
		return path_abs(".");
	dir = xcalloc(1, (size_t)(slash - file) + 2);
	memcpy(dir, file, slash == file ? 1 : (size_t)(slash - file));
	out = path_abs(dir);
	free(dir);
	return out;
}

/* The length of the part of FROM and TO that they share, whole parts
   only. */
static size_t
path_common(const char *from, const char *to)
{
	size_t i, n = 0;

	for (i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			n = i;
	if ((!from[i] && (!to[i] || to[i] == '/')) ||
	    (!to[i] && from[i] == '/'))
		n = i;
	return n;
}

jv
path_rel(const char *from, const char *to)
{
	size_t n = path_common(from, to);
	struct buf b = { 0 };
	jv out;

	for (const char *p = from + n; *p; p++)
		if (*p != '/' && (p == from || p[-1] == '/'))
			buf_adds(&b, "../");
	buf_adds(&b, to + n + (to[n] == '/'));
	if (b.len && b.p[b.len - 1] == '/')
		b.len--;
	out = json_string(b.p ? b.p : "", b.len);
	buf_free(&b);
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
