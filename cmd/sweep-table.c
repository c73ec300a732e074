/* sweep-table: runs as a table, for people or for spreadsheets. */
#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "json.h"
#include "stream.h"
#include "table.h"

enum { OPT_CSV = 0x100, OPT_TSV, OPT_MARKDOWN, OPT_SORT, OPT_REVERSE,
	OPT_COLUMNS };

static const char doc[] =
    "Print the runs on stdin (what sweep-collect or sweep-status writes) "
    "as a table: aligned columns, or CSV, TSV or Markdown."
    "\v"
    "A column for each member of the runs, in the order first met, "
    "except that params and metrics give a column for each of their "
    "members (a nested object's members are named by their dotted path, "
    "and a name met twice by its whole path, such as metrics.loss). A "
    "run without a value there has an empty cell (- in the aligned and "
    "Markdown forms). In the aligned and Markdown forms, a column of "
    "numbers is aligned to the right, columns are aligned by the width "
    "a terminal gives each character (two for a wide one), and control "
    "characters (line ends, tabs, escapes) show as spaces. CSV quotes as RFC 4180 does; TSV "
    "escapes tabs, line ends and backslashes as jq's @tsv does.\n\n"
    "--sort orders the rows by a column: numbers by value, other values "
    "as jq orders them, runs without a value last (with --reverse too). "
    "Rows that tie keep their order.";

static const struct argp_option options[] = {
	{ "csv", OPT_CSV, 0, 0, "Print CSV", 0 },
	{ "tsv", OPT_TSV, 0, 0, "Print tab-separated values", 0 },
	{ "markdown", OPT_MARKDOWN, 0, 0, "Print a Markdown table", 0 },
	{ "sort", OPT_SORT, "COLUMN", 0, "Order the rows by COLUMN", 0 },
	{ "reverse", OPT_REVERSE, 0, 0, "Reverse the order: the largest "
	  "first with --sort, else the last run first", 0 },
	{ "columns", OPT_COLUMNS, "LIST", 0, "Print only the columns of "
	  "the comma-separated LIST, in its order", 0 },
	{ 0 }
};

struct opts {
	enum table_form form;
	const char *form_opt;	/* the option that chose it */
	const char *sort;
	int reverse;
	jv columns;		/* array of names, or null */
};

/* The comma-separated names of LIST. */
static jv
split_list(const char *list)
{
	jv names = jv_array();
	const char *p = list;
	size_t n;

	do {
		n = strcspn(p, ",");
		names = jv_array_append(names, json_string(p, n));
		p += n;
	} while (*p++);
	return names;
}

static void
set_form(struct opts *o, enum table_form form, const char *opt,
    struct argp_state *state)
{
	if (o->form_opt && strcmp(o->form_opt, opt))
		usage_error(state, "%s and %s: give one form", o->form_opt,
		    opt);
	o->form = form;
	o->form_opt = opt;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case OPT_CSV: set_form(o, TABLE_CSV, "--csv", state); break;
	case OPT_TSV: set_form(o, TABLE_TSV, "--tsv", state); break;
	case OPT_MARKDOWN:
		set_form(o, TABLE_MARKDOWN, "--markdown", state);
		break;
	case OPT_SORT: o->sort = arg; break;
	case OPT_REVERSE: o->reverse = 1; break;
	case OPT_COLUMNS:
		jv_free(o->columns);
		o->columns = split_list(arg);
		break;
	case ARGP_KEY_ARG:
		usage_error(state, "%s: sweep-table reads stdin: pipe "
		    "sweep-collect into it", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static const struct argp argp = { options, parse_opt, 0, doc, children,
	0, 0 };

struct row {
	jv key;			/* the --sort cell, or invalid */
	int pos;
	int reverse;
};

/* Rows with a value first, in jq's order (reversed with --reverse),
   then those without; ties keep their order. */
static int
by_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int hx = jv_get_kind(x->key) != JV_KIND_INVALID &&
	    jv_get_kind(x->key) != JV_KIND_NULL;
	int hy = jv_get_kind(y->key) != JV_KIND_INVALID &&
	    jv_get_kind(y->key) != JV_KIND_NULL;
	int c;

	if (hx != hy)
		return hy - hx;
	c = hx ? jv_cmp(jv_copy(x->key), jv_copy(y->key)) : 0;
	if (x->reverse)
		c = -c;
	return c ? c : x->pos - y->pos;
}

/* The rows of RUNS (borrowed) under HEADER (borrowed), in the order of
   --sort and --reverse. */
static jv
rows_of(struct opts *o, jv runs, jv header)
{
	int n = jv_array_length(jv_copy(runs));
	struct row *rows = xcalloc(n + 1, sizeof *rows);
	jv out = jv_array();

	for (int i = 0; i < n; i++) {
		rows[i].pos = i;
		rows[i].reverse = o->reverse;
		rows[i].key = o->sort ? jv_object_get(jv_array_get(
		    jv_copy(runs), i), jv_string(o->sort)) : jv_invalid();
	}
	if (o->sort)
		qsort(rows, n, sizeof *rows, by_key);
	for (int i = 0; i < n; i++) {
		int at = o->reverse && !o->sort ? n - 1 - i : i;
		jv run = jv_array_get(jv_copy(runs), rows[at].pos);
		jv row = jv_array();

		jv_array_foreach(header, j, name) {
			jv cell = jv_object_get(jv_copy(run), name);

			if (!jv_is_valid(cell)) {
				jv_free(cell);
				cell = jv_null();
			}
			row = jv_array_append(row, cell);
		}
		out = jv_array_append(out, row);
		jv_free(run);
		jv_free(rows[i].key);
	}
	free(rows);
	return out;
}

int
main(int argc, char **argv)
{
	struct opts o = { .columns = jv_null() };
	struct writer out;
	jv names = jv_array(), runs, header, rows;

	sweep_init();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	runs = table_read_runs(&names);
	if (o.sort)
		table_check_column(names, o.sort, "--sort");
	header = names;
	if (jv_get_kind(o.columns) == JV_KIND_ARRAY) {
		jv_array_foreach(o.columns, i, name) {
			table_check_column(names, jv_string_value(name),
			    "--columns");
			jv_free(name);
		}
		jv_free(names);
		header = o.columns;
	}
	rows = rows_of(&o, runs, header);
	writer_init(&out, 1, "stdout");
	out.epipe_quiet = 1;
	table_print(&out.b, header, rows, o.form);
	writer_close(&out);
	jv_free(header);
	jv_free(rows);
	jv_free(runs);
	return 0;
}
