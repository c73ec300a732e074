/* launch: command templates, shell quoting, the launchers' scripts. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "die.h"
#include "launch.h"

static const char *const kinds[] = { "bash", "parallel", "slurm" };

int
launch_kind(const char *name)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(name, kinds[i]))
			return (int)i;
	return -1;
}

/* The length of the placeholder "{word}" at P, or 0 if there is none. */
static size_t
placeholder(const char *p)
{
	size_t n = 1;

	if (*p != '{')
		return 0;
	while (islower((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n > 1 && p[n] == '}' ? n + 1 : 0;
}

static int
known(const char *p, size_t n)
{
	return (n == 8 && !strncmp(p, "{config}", n)) ||
	    (n == 6 && !strncmp(p, "{name}", n)) ||
	    (n == 7 && !strncmp(p, "{index}", n));
}

jv
launch_check(const struct launch *l)
{
	const char *t = l->command;

	for (size_t i = 0; t[i]; i++) {
		size_t n = placeholder(t + i);

		if (n && !(i > 0 && t[i - 1] == '$') && !known(t + i, n))
			return fail("unknown placeholder %.*s in the command: "
			    "use {config}, {name} or {index}", (int)n, t + i);
	}
	if (!strstr(t, "{config}") && !strstr(t, "{name}") &&
	    !strstr(t, "{index}"))
		return fail("the command %s names no run: put {config}, "
		    "{name} or {index} in it", t);
	return jv_true();
}

void
shell_quote(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_@%+=:,./-", s[i]))
			break;
	if (n > 0 && i == n) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			buf_add(b, "'\\''", 4);
		else
			buf_addc(b, s[i]);
	}
	buf_addc(b, '\'');
}

void
launch_command(struct buf *b, const char *tmpl, const char *config,
    const char *name, uint64_t index)
{
	char num[24];

	for (const char *p = tmpl; *p;) {
		/* ${word} is the shell's, as launch_check says */
		size_t n = p > tmpl && p[-1] == '$' ? 0 : placeholder(p);

		if (n == 8 && !strncmp(p, "{config}", n))
			shell_quote(b, config, strlen(config));
		else if (n == 6 && !strncmp(p, "{name}", n))
			shell_quote(b, name, strlen(name));
		else if (n == 7 && !strncmp(p, "{index}", n))
			buf_add(b, num, (size_t)snprintf(num, sizeof num,
			    "%" PRIu64, index));
		else
			n = 1, buf_addc(b, *p);
		p += n;
	}
}

void
launch_begin(struct buf *b, const struct launch *l, uint64_t nruns)
{
	(void)l;
	(void)nruns;
	buf_adds(b, "#!/bin/bash\n\n");
}

void
launch_run(struct buf *b, const struct launch *l, const char *command,
    const char *name, uint64_t index)
{
	(void)l;
	(void)name;
	(void)index;
	buf_adds(b, command);
	buf_addc(b, '\n');
}

void
launch_end(struct buf *b, const struct launch *l, uint64_t nruns)
{
	(void)b;
	(void)l;
	(void)nruns;
}
