/* commit: staging, the all-or-nothing commit, cleanup on errors and
   signals.  Configs are written into a staging directory inside each
   output directory, moved into place only once the whole input was read,
   and removed again on any error; the script comes last. */
#ifndef SWEEP_COMMIT_H
#define SWEEP_COMMIT_H

#include <stddef.h>
#include <stdint.h>
#include <jv.h>

struct commit;

/* A commit for one command; FORCE replaces existing configs, DRY_RUN
   checks all and writes nothing. Registers its cleanup with die(). */
struct commit *commit_new(int force, int dry_run);

/* Stages DATA (LEN bytes) as DIR/NAME.json, DIR absolute, making DIR if
   missing. Dies (and cleans up) on a second run named NAME, an existing
   file without FORCE, or a write error. */
void commit_config(struct commit *c, const char *dir, const char *name,
    uint64_t index, const void *data, size_t len);

/* Stages the script for PATH from HEAD, the file BODY_FD and TAIL, once
   all configs are staged; dies if PATH is where one of them goes. In a
   dry run it only checks. */
void commit_script(struct commit *c, const char *path, const char *head,
    size_t head_len, int body_fd, const char *tail, size_t tail_len);

/* Stages the file PATH from the file FD: it replaces any file there, as
   the script does, just before the script, and is put back on error. */
void commit_beside(struct commit *c, const char *path, int fd);

/* Moves every staged file into place, the script last; dies and undoes
   all on error. */
void commit_apply(struct commit *c);

/* Ends the commit: nothing is undone after this. Frees C. */
void commit_done(struct commit *c);

/* Undoes all: the cleanup hook. */
void commit_abort(void *c);

/* Configs staged, and the directories they go to. */
size_t commit_count(const struct commit *c);
int commit_ndirs(const struct commit *c);
const char *commit_dir(const struct commit *c, int i);

/* Dies saying that PATH is not UTF-8, which libjq would turn into the
   name of another file (U+FFFD for the rest) in the JSON sweep writes. */
_Noreturn void path_refuse(const char *path);

/* The absolute form of PATH as the file system resolves it: its longest
   leading part that exists through realpath (symlinks followed, so that
   "link/.." is link's real parent), the rest cleaned as text. */
jv path_abs(const char *path);

/* The absolute path of FILE, its directory resolved as path_abs does,
   its last part as it is (a symlink there is not followed). */
jv path_abs_file(const char *file);

/* The absolute directory of FILE, resolved as path_abs does. */
jv path_abs_dir(const char *file);

/* The path of TO relative to the directory FROM, both as path_abs gives
   them: "" when they are one, "../" where TO is outside FROM. */
jv path_rel(const char *from, const char *to);

/* How to go on after a write failed with errno E: FIX, or for a file
   cut short by a file size limit, raising it. */
const char *write_fix(int e, const char *fix);

/* Copies the rest of FROM to TO; -1 with errno on error. */
int copy_fd(int from, int to);

#endif
