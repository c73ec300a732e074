/* command: the sweep-NAME programs beside sweep and on PATH. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "die.h"
#include "json.h"

#define PREFIX "sweep-"

char *
command_self_dir(const char *argv0)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	char *slash;

	if (n > 0)
		path[n] = '\0';
	else if (strchr(argv0, '/') && strlen(argv0) < sizeof path)
		strcpy(path, argv0);
	else
		return NULL;
	slash = strrchr(path, '/');
	if (slash == path)
		slash++;
	*slash = '\0';
	return strdup(path);
}

/* Whether DIR/NAME is a file we may run. */
static int
runnable(const char *dir, const char *name)
{
	struct buf b = { 0 };
	struct stat st;
	int ok;

	buf_adds(&b, dir);
	buf_addc(&b, '/');
	buf_adds(&b, name);
	buf_addc(&b, '\0');
	ok = stat(b.p, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(b.p, X_OK) == 0;
	buf_free(&b);
	return ok;
}

/* SET (consumed) with the commands in DIR as keys. */
static jv
add_dir(jv set, const char *dir)
{
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;

	if (!d)
		return set;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, PREFIX, strlen(PREFIX)) &&
		    e->d_name[strlen(PREFIX)] &&
		    runnable(*dir ? dir : ".", e->d_name))
			set = jv_object_set(set,
			    jv_string(e->d_name + strlen(PREFIX)), jv_true());
	closedir(d);
	return set;
}

jv
command_list(const char *dir)
{
	jv set = jv_object();
	const char *path = getenv("PATH");
	char *copy, *p, *part;

	if (dir)
		set = add_dir(set, dir);
	if (!path || !(copy = strdup(path)))
		return jv_keys(set);
	for (p = copy; (part = strsep(&p, ":"));)
		set = add_dir(set, part);
	free(copy);
	return jv_keys(set);
}

void
command_exec(const char *dir, const char *name, char **argv)
{
	struct buf b = { 0 };
	char *argv0 = argv[0];
	int err;

	if (strchr(name, '/')) {
		errno = ENOENT;
		return;
	}
	buf_adds(&b, PREFIX);
	buf_adds(&b, name);
	buf_addc(&b, '\0');
	argv[0] = b.p;
	if (dir) {
		struct buf full = { 0 };

		buf_adds(&full, dir);
		buf_addc(&full, '/');
		buf_add(&full, b.p, b.len);
		execv(full.p, argv);
		err = errno;
		buf_free(&full);
		errno = err;
	}
	if (!dir || errno == ENOENT)
		execvp(b.p, argv);
	argv[0] = argv0;
	err = errno;
	buf_free(&b);
	errno = err;
}
