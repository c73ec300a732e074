/* manifest: the runs of a sweep beside its script, for the commands
   that watch it. One compact JSON line a run, in run order:
   {"name", "index", "config", "hash", "params": {NAME: VALUE...}}, where
   "config" is the config's path as the script uses it (null without
   one), "hash" the FNV-1a 64 hash, 16 hex digits, of the config's bytes
   (or of the run's command without a config), and NAME a parameter's
   -n name, or its key when it has none. */
#ifndef SWEEP_MANIFEST_H
#define SWEEP_MANIFEST_H

#include <stdint.h>
#include <jv.h>

#include "json.h"

/* The FNV-1a 64 hash of the N bytes at P. */
uint64_t manifest_hash(const void *p, size_t n);

/* Appends the member "NAME":VALUE of params for the parameter of KEY
   and NAME (NAME empty or null: KEY), all borrowed, with a comma before
   it unless FIRST. */
void manifest_param(struct buf *b, int first, jv key, jv name, jv value);

/* Appends the line of run INDEX named NAME, whose config CONFIG (or
   NULL) hashes to HASH; PARAMS (LEN bytes) holds its params' members. */
void manifest_run(struct buf *b, const char *name, uint64_t index,
    const char *config, uint64_t hash, const char *params, size_t len);

#endif
