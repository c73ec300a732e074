/* metrics: what a run measured, from the file it wrote.  A metrics file
   is a JSON object, JSON lines (the last value counts), or CSV (the last
   row counts, under the header's names: a field that is a JSON number is
   that number, an empty one null, any other a string). A last line
   without its newline that does not parse, or that has too few fields,
   or a CSV record that ends inside quotes, is still being written: the
   line before counts; while the run runs, so is any CSV record without
   its newline (its last field may be cut short). A UTF-8 byte order
   mark is skipped. */
#ifndef SWEEP_METRICS_H
#define SWEEP_METRICS_H

#include <jv.h>

struct metrics;

/* How to find and read the runs' metrics: PATTERN is a path with
   {name}, {index} and {config_dir} (the directory of the run's config);
   FILTER (may be NULL) a jq filter that makes the metrics of each file,
   compiled once. NULL with *ERR set when either is bad. */
struct metrics *metrics_new(const char *pattern, const char *filter,
    jv *err);
void metrics_free(struct metrics *m);

/* The path of the metrics of RUN (borrowed; a manifest's run), or an
   invalid jv saying why there is none. */
jv metrics_path(struct metrics *m, jv run);

/* The metrics in the file PATH, RUNNING when the run that writes it
   runs: an object, {} when there is no file or
   nothing in it yet, or an invalid jv that names PATH and says what is
   wrong (a file that is not a regular one or holds a NUL byte, too). Without a filter the file's last JSON value must be an object.
   The filter gets that value, or the CSV's last row, as its input
   (null when the file is neither), $values (every value or row) and
   $text (the file's text); its first output is the metrics, an object
   (none, or null: {}; halt or halt_error is an error). */
jv metrics_read(struct metrics *m, const char *path, int running);

#endif
