/* program: a jq program compiled once, with jq's complaint as one line. */
#ifndef SWEEP_PROGRAM_H
#define SWEEP_PROGRAM_H

#include <jq.h>

/* Compiles the jq PROGRAM. Returns its state, or NULL with *WHY set to
   the first message jq gave, shortened to its gist ("syntax error,
   unexpected ..."). */
jq_state *program_compile(const char *program, jv *why);

/* The text of jq's error value MSG (consumed): a string as it is, else
   its JSON. */
jv program_error_text(jv msg);

/* After JQ's last output: when it halted (halt, halt_error), the text
   of the message it gave ("" for none); else false. */
jv program_halted(jq_state *jq);

/* Why JQ ended with LAST (consumed, jq_next's invalid): the text of the
   error it raised, "it halts" and the message it gave, or false when
   its outputs simply ran out. */
jv program_failure(jq_state *jq, jv last);

#endif
