/* table: rows of JSON cells as text. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "die.h"
#include "keypath.h"
#include "stream.h"
#include "table.h"

/* The text of CELL (borrowed) in FORM. */
static jv
cell_text(jv cell, enum table_form form)
{
	switch (jv_get_kind(cell)) {
	case JV_KIND_STRING:
		return jv_copy(cell);
	case JV_KIND_NULL:
		return jv_string(form == TABLE_ALIGNED ||
		    form == TABLE_MARKDOWN ? "-" : "");
	default:
		return jv_dump_string(jv_copy(cell), 0);
	}
}

/* The length of the control character at S (C0, DEL, or C1 in UTF-8),
   or 0: a terminal would act on it, so a table for people shows a
   space instead. */
static size_t
control_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u < ' ' || *u == 0x7f)
		return 1;
	return u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f ? 2 : 0;
}

/* LC_CTYPE of C.UTF-8, made once, or 0 when the system has none. */
static locale_t
utf8_ctype(void)
{
	static locale_t utf8 = (locale_t)0;
	static int tried;

	if (!tried++)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	return utf8;
}

/* The columns a terminal gives the character at S (LEN bytes left),
   its length into *K: wcwidth's in the UTF-8 locale (two for a wide
   character, none for a combining one), one for a control character
   (shown as a space) or a code point it does not know. Without UTF8,
   one a code point. */
static size_t
char_width(const char *s, size_t len, int utf8, size_t *k)
{
	mbstate_t st;
	wchar_t wc;
	int w;

	if ((*k = control_at(s)))
		return 1;
	if (!utf8) {
		*k = 1;
		return ((unsigned char)*s & 0xc0) != 0x80;
	}
	memset(&st, 0, sizeof st);
	*k = mbrtowc(&wc, s, len, &st);
	if (*k == (size_t)-1 || *k == (size_t)-2 || *k == 0) {
		*k = 1;
		return 1;
	}
	return (w = wcwidth(wc)) < 0 ? 1 : (size_t)w;
}

/* The columns a terminal gives S, as char_width counts them. */
static size_t
width(const char *s)
{
	locale_t utf8 = utf8_ctype(), was = (locale_t)0;
	size_t n = 0, len = strlen(s), k;

	if (utf8)
		was = uselocale(utf8);
	for (; *s; s += k, len -= k)
		n += char_width(s, len, utf8 != (locale_t)0, &k);
	if (utf8)
		uselocale(was);
	return n;
}

/* The width of S as a cell of FORM shows it: a | or \\ in Markdown
   takes a \\ before it (GFM reads \\| as a \\ and a cell's end). */
static size_t
shown_width(const char *s, enum table_form form)
{
	size_t n = width(s);

	if (form == TABLE_MARKDOWN)
		for (; *(s += strcspn(s, "|\\")); s++)
			n++;
	return n;
}

static void
pad(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_addc(b, ' ');
}

/* Appends S as a cell of FORM: quoted or escaped where FORM needs. */
static void
put_text(struct buf *b, const char *s, enum table_form form)
{
	if (form == TABLE_CSV && s[strcspn(s, ",\"\r\n")]) {
		buf_addc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				buf_addc(b, '"');
			buf_addc(b, *s);
		}
		buf_addc(b, '"');
		return;
	}
	for (; *s; s++) {
		if (form == TABLE_TSV && strchr("\\\t\n\r", *s)) {
			buf_addc(b, '\\');
			buf_addc(b, *s == '\\' ? '\\' : *s == '\t' ? 't' :
			    *s == '\n' ? 'n' : 'r');
		} else if (form != TABLE_TSV && form != TABLE_CSV &&
		    control_at(s)) {
			buf_addc(b, ' ');
			s += control_at(s) - 1;
		} else {
			if (form == TABLE_MARKDOWN && (*s == '|' || *s == '\\'))
				buf_addc(b, '\\');
			buf_addc(b, *s);
		}
	}
}

/* Column widths and which columns hold numbers only, for the aligned
   and Markdown forms: into WIDE and RIGHT (NCOL each). */
static void
measure(jv header, jv rows, enum table_form form, size_t *wide, int *right)
{
	int ncol = jv_array_length(jv_copy(header));

	for (int c = 0; c < ncol; c++) {
		jv h = jv_array_get(jv_copy(header), c);

		wide[c] = shown_width(jv_string_value(h), form);
		if (form == TABLE_MARKDOWN && wide[c] < 3)
			wide[c] = 3;
		right[c] = 1;
		jv_free(h);
	}
	jv_array_foreach(rows, i, row) {
		for (int c = 0; c < ncol; c++) {
			jv cell = jv_array_get(jv_copy(row), c);
			jv t = cell_text(cell, form);
			size_t n = shown_width(jv_string_value(t), form);

			if (n > wide[c])
				wide[c] = n;
			if (jv_get_kind(cell) != JV_KIND_NUMBER &&
			    jv_get_kind(cell) != JV_KIND_NULL)
				right[c] = 0;
			jv_free(cell);
			jv_free(t);
		}
		jv_free(row);
	}
}

/* Appends one line of CELLS (borrowed; jv strings for the header). */
static void
put_line(struct buf *b, jv cells, int ncol, enum table_form form,
    const size_t *wide, const int *right)
{
	const char *sep = form == TABLE_CSV ? "," : form == TABLE_TSV ?
	    "\t" : "  ";

	if (form == TABLE_MARKDOWN)
		buf_adds(b, "| ");
	for (int c = 0; c < ncol; c++) {
		jv cell = jv_array_get(jv_copy(cells), c);
		jv t = cell_text(cell, form);
		const char *s = jv_string_value(t);
		size_t room = wide ? wide[c] - shown_width(s, form) : 0;
		int last = c == ncol - 1;

		if (c)
			buf_adds(b, form == TABLE_MARKDOWN ? " | " : sep);
		if (right && right[c])
			pad(b, room);
		put_text(b, s, form);
		if (right && !right[c] && (!last || form == TABLE_MARKDOWN))
			pad(b, room);
		jv_free(cell);
		jv_free(t);
	}
	buf_adds(b, form == TABLE_MARKDOWN ? " |\n" : "\n");
}

/* The line under a Markdown header: ---, or ---: for numbers. */
static void
put_rule(struct buf *b, int ncol, const size_t *wide, const int *right)
{
	buf_addc(b, '|');
	for (int c = 0; c < ncol; c++) {
		buf_addc(b, ' ');
		for (size_t i = 0; i < wide[c] - (size_t)right[c]; i++)
			buf_addc(b, '-');
		if (right[c])
			buf_addc(b, ':');
		buf_adds(b, " |");
	}
	buf_addc(b, '\n');
}

void
table_print(struct buf *b, jv header, jv rows, enum table_form form)
{
	int ncol = jv_array_length(jv_copy(header));
	size_t *wide = NULL;
	int *right = NULL;

	if (form == TABLE_ALIGNED || form == TABLE_MARKDOWN) {
		wide = xcalloc(ncol + 1, sizeof *wide);
		right = xcalloc(ncol + 1, sizeof *right);
		measure(header, rows, form, wide, right);
	}
	put_line(b, header, ncol, form, wide, right);
	if (form == TABLE_MARKDOWN)
		put_rule(b, ncol, wide, right);
	jv_array_foreach(rows, i, row) {
		put_line(b, row, ncol, form, wide, right);
		jv_free(row);
	}
	free(wide);
	free(right);
}

/* Whether ROW (borrowed) has a member NAME (borrowed) that is no
   object: a cell of its own, which a spread member may not take. */
static int
own_member(jv row, jv name)
{
	jv v = jv_object_get(jv_copy(row), jv_copy(name));
	int own = jv_is_valid(v) && jv_get_kind(v) != JV_KIND_OBJECT;

	jv_free(v);
	return own;
}

/* Adds the members of OBJ (consumed) to CELLS, named PREFIX.KEY (KEY
   alone at the top), or TOP.PREFIX.KEY when that name is taken, in
   CELLS or by a member of the row's own in ROW (borrowed). */
static jv
spread(jv cells, jv obj, jv row, const char *top, const char *prefix)
{
	jv_object_foreach(obj, key, value) {
		jv name = *prefix ? jv_string_fmt("%s.%s", prefix,
		    jv_string_value(key)) : jv_copy(key);

		if (jv_get_kind(value) == JV_KIND_OBJECT) {
			cells = spread(cells, value, row, top,
			    jv_string_value(name));
		} else {
			if (jv_object_has(jv_copy(cells), jv_copy(name)) ||
			    own_member(row, name)) {
				jv whole = jv_string_fmt("%s.%s", top,
				    jv_string_value(name));
				jv_free(name);
				name = whole;
			}
			cells = jv_object_set(cells, jv_copy(name), value);
		}
		jv_free(name);
		jv_free(key);
	}
	jv_free(obj);
	return cells;
}

jv
table_cells(jv row)
{
	jv cells = jv_object();

	jv_object_foreach(row, key, value) {
		if (jv_get_kind(value) == JV_KIND_OBJECT)
			cells = spread(cells, value, row, jv_string_value(key),
			    "");
		else
			cells = jv_object_set(cells, jv_copy(key), value);
		jv_free(key);
	}
	jv_free(row);
	return cells;
}

jv
table_read_runs(jv *names)
{
	struct reader *r = reader_open("-", "pipe sweep-collect here");
	jv runs = jv_array(), seen = jv_object(), v;

	while (jv_is_valid(v = reader_next(r))) {
		if (jv_get_kind(v) != JV_KIND_OBJECT)
			die("%s: a run is an object, not %s: pipe "
			    "sweep-collect here", reader_where(r),
			    jv_kind_name(jv_get_kind(v)));
		v = table_cells(v);
		jv_object_foreach(v, key, value) {
			jv_free(value);
			if (!jv_object_has(jv_copy(seen), jv_copy(key))) {
				seen = jv_object_set(seen, jv_copy(key),
				    jv_true());
				*names = jv_array_append(*names, jv_copy(key));
			}
			jv_free(key);
		}
		runs = jv_array_append(runs, v);
	}
	reader_close(r);
	jv_free(seen);
	if (jv_array_length(jv_copy(runs)) == 0)
		die("no runs on stdin: " STDIN_EMPTY);
	return runs;
}

/* The name of NAMES (borrowed) closest to NAME, if it is close enough
   to be a slip (a third of its bytes at most, or the same but for
   case), else NULL; until NAMES changes. */
static const char *
closest(jv names, const char *name)
{
	size_t n = strlen(name), best = n / 3 + 1, *row;
	const char *out = NULL;

	row = xcalloc(strlen(name) + 1, sizeof *row);
	jv_array_foreach(names, i, c) {
		const char *s = jv_string_value(c);
		size_t d = strcasecmp(s, name) ? keypath_distance(s, name, n,
		    row) : 0;

		if (d < best) {
			best = d;
			out = s;
		}
		jv_free(c);
	}
	free(row);
	return out;
}

void
table_check_column(jv names, const char *name, const char *opt)
{
	struct buf known = { 0 };
	int all = jv_array_length(jv_copy(names));
	const char *near;

	if (!*name) {
		jv first = jv_array_get(jv_copy(names), 0);

		die("%s: an empty column name: name a column, such as %s", opt,
		    jv_is_valid(first) ? jv_string_value(first) : "name");
	}
	jv_array_foreach(names, i, n) {
		int same = !strcmp(jv_string_value(n), name);

		if (i && i < TABLE_NAMES_SHOWN)
			buf_adds(&known, ", ");
		if (i < TABLE_NAMES_SHOWN)
			buf_adds(&known, jv_string_value(n));
		jv_free(n);
		if (same) {
			buf_free(&known);
			return;
		}
	}
	if ((near = closest(names, name)))
		die("%s: no column %s: did you mean %s?", opt, name, near);
	if (all > TABLE_NAMES_SHOWN) {
		char more[128];

		snprintf(more, sizeof more, ", ... (%d in all: sweep-table "
		    "--csv | head -1 lists them)", all);
		buf_adds(&known, more);
	}
	buf_addc(&known, '\0');
	die("%s: no column %s: the columns are %s", opt, name, known.p);
}

