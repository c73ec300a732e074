/* table: rows of JSON cells as a table for people (aligned columns,
   Markdown) or for spreadsheets (CSV, TSV). */
#ifndef SWEEP_TABLE_H
#define SWEEP_TABLE_H

#include <jv.h>

#include "json.h"

enum table_form { TABLE_ALIGNED, TABLE_CSV, TABLE_TSV, TABLE_MARKDOWN };

/* Appends to B the table of ROWS (borrowed: an array of rows, each an
   array of cells, one a column) under HEADER (borrowed: an array of
   column names) in FORM. A cell prints a string as it is, a number as
   jq prints it, null as nothing (as - in the aligned and Markdown
   forms), anything else as compact JSON. In the aligned and Markdown
   forms a column of numbers is aligned to the right, columns are aligned
   by display width (wcwidth in C.UTF-8), and control characters print
   as spaces. */
void table_print(struct buf *b, jv header, jv rows, enum table_form form);

/* The cells of ROW (consumed), an object, by column name: its members,
   except that a member that is an object (params, metrics) gives its
   members in its place, and theirs, named by their dotted path below it
   ({"params": {"opt": {"lr": 1}}} gives "opt.lr"), or by their whole
   path ("params.opt.lr") when that name is taken already. */
jv table_cells(jv row);

/* The runs on stdin (JSON objects, as sweep-collect writes them) as
   table_cells gives them, in an array; the names of their cells into
   *NAMES (an array), in the order first met. Dies when there are none,
   or on a value that is not an object. */
jv table_read_runs(jv *names);

/* How many column names a message lists at most. */
#define TABLE_NAMES_SHOWN 20

/* Dies unless NAME is one of NAMES (borrowed): "OPT: no column NAME:
   did you mean N?" when a name is close (a third of its bytes off, or
   case), else "the columns are ..." (the first TABLE_NAMES_SHOWN, and
   how many). */
void table_check_column(jv names, const char *name, const char *opt);

#endif
