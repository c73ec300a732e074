/* sweep: run the sweep command NAME, that is the program sweep-NAME. */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "die.h"
#include "json.h"

enum { OPT_COMMANDS = 0x100 };

static const char doc[] =
    "Run the sweep command COMMAND with ARGs: sweep add ARG... runs "
    "sweep-add ARG..., found beside sweep first, else on PATH. Any "
    "program named sweep-NAME on PATH is the command NAME."
    "\v"
    "sweep help COMMAND (or sweep COMMAND --help) tells more about each.";

static const struct argp_option options[] = {
	{ "commands", OPT_COMMANDS, 0, 0,
	  "List the commands installed, one a line", 0 },
	{ 0 }
};

struct opts {
	char *dir;		/* where sweep is */
	int list;		/* --commands */
	char **argv;		/* COMMAND ARG... */
};

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	(void)arg;
	switch (key) {
	case OPT_COMMANDS:
		o->list = 1;
		break;
	case ARGP_KEY_ARG:
		/* COMMAND: the rest is its own. */
		o->argv = &state->argv[state->next - 1];
		state->next = state->argc;
		break;
	case ARGP_KEY_END:
		if (!o->argv && !o->list)
			usage_error(state, "no COMMAND: give one of those that "
			    "sweep --help lists");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The commands installed, joined by SEP, after TITLE. */
static char *
commands_text(const char *dir, const char *title, const char *sep)
{
	jv names = command_list(dir);
	struct buf b = { 0 };

	buf_adds(&b, title);
	jv_array_foreach(names, i, name) {
		if (i)
			buf_adds(&b, sep);
		buf_adds(&b, jv_string_value(name));
		jv_free(name);
	}
	if (!jv_array_length(jv_copy(names)))
		buf_adds(&b, "none");
	buf_addc(&b, '\0');
	jv_free(names);
	return b.p;
}

/* The commands installed, after the options in --help. */
static char *
help_filter(int key, const char *text, void *input)
{
	const struct opts *o = input;
	char *list, *out;

	if (key != ARGP_KEY_HELP_POST_DOC || !o)
		return (char *)text;
	list = commands_text(o->dir,
	    "Commands installed (beside sweep, then on PATH): ", ", ");
	if (asprintf(&out, "%s.\n\n%s", list, text) < 0)
		die("out of memory");
	free(list);
	return out;
}

static const struct argp argp = { options, parse_opt,
	"COMMAND [ARG...]", doc, help_children, help_filter, 0 };

/* "sweep help COMMAND" is "sweep COMMAND --help"; "sweep help" is
   "sweep --help". */
static char **
help_argv(char **argv, char *self, struct opts *o)
{
	static char help[] = "--help";
	static char *alone[3];

	if (!argv[1]) {
		alone[0] = self;
		alone[1] = help;
		argp_parse(&argp, 2, alone, ARGP_IN_ORDER, 0, o);
	}
	alone[0] = argv[1];
	alone[1] = help;
	return alone;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char *list;

	sweep_init();
	o.dir = command_self_dir(argv[0]);
	argp_parse(&argp, argc, argv, ARGP_IN_ORDER, 0, &o);
	if (o.list) {
		list = commands_text(o.dir, "", "\n");
		puts(list);
		free(list);
	} else {
		if (!strcmp(o.argv[0], "help"))
			o.argv = help_argv(o.argv, argv[0], &o);
		command_exec(o.dir, o.argv[0], o.argv);
		if (errno != ENOENT)
			die("sweep-%s: %s", o.argv[0], strerror(errno));
		warnx("no command %s (no sweep-%s beside sweep or on PATH): "
		    "sweep --help lists the commands installed", o.argv[0],
		    o.argv[0]);
		free(o.dir);
		return EXIT_USAGE;
	}
	free(o.dir);
	return 0;
}
