/* launch: command templates, shell quoting, the launchers' scripts. */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
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

enum { PH_CONFIG, PH_NAME, PH_INDEX, PH_ARGS, PH_OVERRIDES };
static const char *const placeholders[] = { "{config}", "{name}",
    "{index}", "{args}", "{overrides}" };

/* Which of sweep's placeholders starts at P in the template TMPL, or -1;
   *N is the length of the {word} there, 0 if none. ${word} is the
   shell's. */
static int
placeholder_at(const char *tmpl, const char *p, size_t *n)
{
	*n = *p != '{' || (p > tmpl && p[-1] == '$') ? 0 : placeholder(p);
	for (int k = 0; *n && k < (int)(sizeof placeholders /
	    sizeof *placeholders); k++)
		if (*n == strlen(placeholders[k]) &&
		    !strncmp(p, placeholders[k], *n))
			return k;
	return -1;
}

/* The shell's quoting at P, the quote Q open before it ('\'', '"' or
   0): the quote open after P, and *SKIP set to step over what a
   backslash escapes. */
static int
quote_after(const char *p, int q, size_t *skip)
{
	*skip = 0;
	if (q == '\'')
		return *p == '\'' ? 0 : q;
	if (*p == '\\' && p[1])
		*skip = 1;
	else if (*p == '"')
		return q ? 0 : '"';
	else if (*p == '\'' && !q)
		return '\'';
	return q;
}

jv
launch_check(const struct launch *l)
{
	const char *t = l->command;
	int names_run = 0, q = 0;
	size_t n, skip;

	for (const char *p = t; *p; p += skip + 1) {
		int k = placeholder_at(t, p, &n);

		if (k >= 0 && q)
			return fail("%.*s is inside %s quotes in the command: "
			    "drop the quotes, sweep-script quotes what it puts "
			    "there itself", (int)n, p, q == '"' ? "double" :
			    "single");
		else if (k >= 0)
			names_run = 1;
		else if (n)
			return fail("unknown placeholder %.*s in the command: "
			    "use {config}, {name}, {index}, {args} or "
			    "{overrides}", (int)n, p);
		q = quote_after(p, q, &skip);
	}
	if (!names_run)
		return fail("the command %s names no run: put {config}, "
		    "{name}, {index}, {args} or {overrides} in it", t);
	return jv_true();
}

/* What a GPU id may hold: enough for CUDA's numbers and UUIDs, and
   nothing the shell would need quoted. */
static const char gpu_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_:/";

/* The number of GPUs in the --gpus LIST, which launch_options checked. */
static long
gpu_count(const char *list)
{
	long n = 1;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

/* Whether --gpus is "all": the GPUs the script finds when it starts. */
static int
gpus_all(const struct launch *l)
{
	return l->gpus && !strcmp(l->gpus, "all");
}

/* How many runs share a GPU: --per-gpu's K, or 1. */
static long
per_gpu(const struct launch *l)
{
	return l->per_gpu ? l->per_gpu : 1;
}

/* Whether the --gpus LIST names distinct GPUs, each once. */
static jv
gpu_check(const char *list)
{
	for (const char *p = list;; p++) {
		size_t n = strcspn(p, ",");

		if (n == 0)
			return fail("--gpus %s has an empty GPU id: give ids "
			    "separated by commas, like 0,1,2,3", list);
		if (strspn(p, gpu_chars) < n)
			return fail("--gpus %s: the GPU id %.*s holds more than "
			    "letters, digits, -, _, : and /: give ids like "
			    "0,1,2,3", list, (int)n, p);
		for (const char *q = list; q < p; q += strcspn(q, ",") + 1)
			if (strcspn(q, ",") == n && !strncmp(q, p, n))
				return fail("--gpus %s lists GPU %.*s twice: "
				    "every running job gets a GPU of its own",
				    list, (int)n, p);
		if (!p[n])
			return jv_true();
		p += n;
	}
}

/* Whether the --sbatch OPTION S fits on an #SBATCH line of its own and
   leaves the job array to sweep. */
static jv
sbatch_check(const char *s)
{
	if (strpbrk(s, "\n\r"))
		return fail("--sbatch takes one sbatch option, without line "
		    "breaks: give --sbatch once for each");
	if (*s != '-')
		return fail("--sbatch %s is not an sbatch option: give one "
		    "like --sbatch=--partition=gpu", s);
	if (!strncmp(s, "--array", 7) || !strncmp(s, "-a", 2))
		return fail("--sbatch %s: sweep writes the job array: "
		    "throttle it with -j N", s);
	return jv_true();
}

jv
launch_options(const struct launch *l)
{
	jv ok = jv_true();

	if (l->gpus && l->kind != LAUNCH_PARALLEL)
		return fail("--gpus is for -l parallel: %s", l->kind ==
		    LAUNCH_SLURM ? "ask Slurm for a GPU a task with "
		    "--sbatch=--gres=gpu:1" : "add -l parallel");
	if (l->jobs && l->kind == LAUNCH_BASH)
		return fail("-j is for -l parallel or -l slurm: the bash "
		    "launcher runs one command after another");
	if (jv_array_length(jv_copy(l->sbatch)) > 0 &&
	    l->kind != LAUNCH_SLURM)
		return fail("--sbatch is for -l slurm: add -l slurm");
	jv_array_foreach(l->sbatch, i, o) {
		if (jv_is_valid(ok))
			ok = sbatch_check(jv_string_value(o));
		jv_free(o);
	}
	if (l->per_gpu && !l->gpus)
		return fail("--per-gpu is for --gpus: add --gpus=all or "
		    "--gpus=LIST");
	if (!jv_is_valid(ok) || !l->gpus || gpus_all(l))
		return ok;
	if (!jv_is_valid(ok = gpu_check(l->gpus)))
		return ok;
	if (l->jobs > gpu_count(l->gpus) * per_gpu(l))
		return fail("-j %ld with %ld GPUs (--gpus %s) would put more "
		    "than %ld run%s on one GPU: give -j %ld or less, or more "
		    "GPUs", l->jobs, gpu_count(l->gpus), l->gpus, per_gpu(l),
		    per_gpu(l) == 1 ? "" : "s", gpu_count(l->gpus) * per_gpu(l));
	return ok;
}

jv
launch_room(const struct launch *l, const char *script)
{
	const char *base = strrchr(script, '/'), *suffix = NULL;

	base = base ? base + 1 : script;
	if (l->kind == LAUNCH_PARALLEL)
		suffix = ".joblog";
	else if (launch_logs(l))
		suffix = ".logs";
	if (!suffix || strlen(base) + strlen(suffix) <= NAME_MAX)
		return jv_true();
	return fail("%s%s, beside the script, would be a name over %d bytes: "
	    "give -s a name of at most %d bytes", base, suffix, NAME_MAX,
	    NAME_MAX - (int)strlen(suffix));
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

/* Appends the words of the parameters A (N of them) in STYLE, each
   shell-quoted, one space between two. */
static jv
put_args(struct buf *b, enum args_style style, const struct arg *a, int n)
{
	struct buf words = { 0 };
	jv ok = args_words(&words, style, a, n);

	for (size_t at = 0; jv_is_valid(ok) && at < words.len;) {
		size_t len = strlen(words.p + at);

		if (at)
			buf_addc(b, ' ');
		shell_quote(b, words.p + at, len);
		at += len + 1;
	}
	buf_free(&words);
	return ok;
}

jv
launch_command(struct buf *b, const char *tmpl, const char *config,
    int relative, const char *name, uint64_t index, const struct arg *args,
    int nargs)
{
	char num[24];
	jv ok = jv_true();

	for (const char *p = tmpl; *p && jv_is_valid(ok);) {
		size_t n;

		switch (placeholder_at(tmpl, p, &n)) {
		case PH_CONFIG:
			if (relative)
				buf_adds(b, "\"$SWEEP_DIR\"/");
			shell_quote(b, config, strlen(config));
			break;
		case PH_NAME:
			shell_quote(b, name, strlen(name));
			break;
		case PH_INDEX:
			buf_add(b, num, (size_t)snprintf(num, sizeof num,
			    "%" PRIu64, index));
			break;
		case PH_ARGS:
		case PH_OVERRIDES:
			jv_free(ok);
			ok = put_args(b, placeholder_at(tmpl, p, &n) == PH_ARGS ?
			    ARGS_FLAGS : ARGS_OVERRIDES, args, nargs);
			break;
		default:	/* up to the next {, as it is */
			n = 1 + strcspn(p + 1, "{");
			buf_add(b, p, n);
		}
		p += n;
	}
	return ok;
}

/* Appends the formatted text. */
static void
addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The script's own absolute path in $self (realpath's, with a "/"
   after its newline, so that $(...) takes off no newline a name ends
   in), and with --relative its
   directory in $SWEEP_DIR, what the paths in it are relative to; a
   script read from a pipe has no path: it says so and exits, WHY it
   needs one. */
static void
self_find(struct buf *b, const struct launch *l, const char *why)
{
	addf(b, "self=$(realpath -e -- \"${BASH_SOURCE[0]}\" 2> /dev/null "
	    "&& echo /) || {\n"
	    "\techo \"$0: start this script from its file, not a pipe: "
	    "%s\" >&2\n"
	    "\texit 2\n"
	    "}\n"
	    "self=${self%%?/}\n", why);
	if (l->relative)
		buf_adds(b, "SWEEP_DIR=${self%/*}\n");
}

/* self_find, and the logs' directory in $logs, made. */
static void
self_path(struct buf *b, const struct launch *l, const char *why)
{
	self_find(b, l, why);
	buf_adds(b, "logs=$self.logs\n"
	    "mkdir -p -- \"$logs\" || exit 2\n");
}

/* sweep_run NAME HASH COMMAND: what each run goes through when the
   script logs. Its marks are sweep-status's: NAME.run holds "START PID
   HOST", its start and the shell that runs it (whose end without a mark
   sweep-status can see), and NAME.exit "STATUS END HASH", times in epoch
   seconds. Every
   suffix is at most 5 bytes, as ".json" is: a name that fits a config
   fits its marks. INT, TERM or HUP during a run (Ctrl-C, scancel, a
   closed terminal) end the script once the run ended, marked with its
   status; a mark that cannot be written (a full disk) fails the run
   and leaves no mark that says it runs. With $SWEEP_RESULTS, it adds
   "INDEX\0STATUS\0NAME\0" there, INDEX from $index, the run's index,
   which it counts up. */
static const char sweep_run[] =
    "# sweep_mark NAME HASH STATUS: marks the end of run NAME, or says it "
    "cannot.\n"
    "sweep_mark() {\n"
    "\tprintf '%s %(%s)T %s\\n' \"$3\" -1 \"$2\" 2> /dev/null > "
    "\"$logs/$1.exit\" && return\n"
    "\trm -f -- \"$logs/$1.exit\" \"$logs/$1.run\"\n"
    "\techo \"$0: cannot write $logs/$1.exit: run $1 ended ($3) but counts "
    "as failed: make room there and start the script again\" >&2\n"
    "\treturn 1\n"
    "}\n"
    "# sweep_run NAME HASH COMMAND: runs COMMAND, its output in NAME.log, "
    "its start\n"
    "# in NAME.run and its exit status, end and config hash in "
    "NAME.exit;\n"
    "# skipped when NAME.exit says it succeeded with a config of this "
    "HASH.\n"
    "# INT, TERM or HUP during the run end the script once the run is "
    "marked.\n"
    "sweep_run() {\n"
    "\tlocal s e h\n"
    "\tif ! read -r s e h 2> /dev/null < \"$logs/$1.exit\" ||\n"
    "\t    [ \"$s $h\" != \"0 $2\" ]; then\n"
    "\t\trm -f -- \"$logs/$1.exit\"\n"
    "\t\tif printf '%(%s)T %s %s\\n' -1 \"$$\" \"$HOSTNAME\" 2> /dev/null \\\n"
    "\t\t    > \"$logs/$1.run\"; then\n"
    "\t\t\tsweep_signal=\n"
    "\t\t\ttrap 'sweep_signal=130' INT\n"
    "\t\t\ttrap 'sweep_signal=143' TERM\n"
    "\t\t\ttrap 'sweep_signal=129' HUP\n"
    "\t\t\t(eval \"$3\") > \"$logs/$1.log\" 2>&1\n"
    "\t\t\ts=$?\n"
    "\t\t\ttrap - INT TERM HUP\n"
    "\t\t\tsweep_mark \"$1\" \"$2\" \"$s\" || s=1\n"
    "\t\t\t[ -z \"$sweep_signal\" ] || exit \"$sweep_signal\"\n"
    "\t\telse\n"
    "\t\t\trm -f -- \"$logs/$1.run\"\n"
    "\t\t\techo \"$0: cannot write $logs/$1.run: run $1 not started: "
    "make room there and start the script again\" >&2\n"
    "\t\t\ts=1\n"
    "\t\tfi\n"
    "\tfi\n"
    "\t[ -z \"$SWEEP_RESULTS\" ] ||\n"
    "\t    printf '%s\\0%s\\0%s\\0' \"$index\" \"$s\" \"$1\" >> "
    "\"$SWEEP_RESULTS\"\n"
    "\tindex=$((index + 1))\n"
    "\treturn \"$s\"\n"
    "}\n";

/* sweep_summary, and the file of results it reads: a line of counts,
   then each failed run with its log, in run order; fails when a run
   failed. */
static const char sweep_summary[] =
    "# sweep_summary: how many runs succeeded and failed, then the failed "
    "ones\n"
    "# with their logs.\n"
    "sweep_summary() {\n"
    "\tlocal n=0 ok=0 i s name failed=()\n"
    "\twhile IFS= read -r -d '' i && IFS= read -r -d '' s &&\n"
    "\t    IFS= read -r -d '' name; do\n"
    "\t\tn=$((n + 1))\n"
    "\t\tif [ \"$s\" = 0 ]; then\n"
    "\t\t\tok=$((ok + 1))\n"
    "\t\telse\n"
    "\t\t\tfailed[i]=$name\n"
    "\t\tfi\n"
    "\tdone < \"$SWEEP_RESULTS\"\n"
    "\techo \"sweep: $n run$([ \"$n\" = 1 ] || echo s): $ok done, "
    "${#failed[@]} failed\"\n"
    "\tfor name in \"${failed[@]}\"; do\n"
    "\t\techo \"$name: $logs/$name.log\"\n"
    "\tdone\n"
    "\t[ \"${#failed[@]}\" -eq 0 ]\n"
    "}\n";

/* The file of results, INDENTed. */
static void
results_file(struct buf *b, const char *indent)
{
	addf(b, "%sSWEEP_RESULTS=$(mktemp) || exit 2\n"
	    "%strap 'rm -f -- \"$SWEEP_RESULTS\"' EXIT\n", indent, indent);
}

/* Why a --relative script needs its file. */
#define RELATIVE_WHY "the paths in it are relative to its directory"

/* What the logs are, for the head's comment. */
static const char logs_comment[] =
    "# Each run logs to NAME.log in this script's name + .logs/, with its "
    "start\n"
    "# and end in NAME.run and NAME.exit. Start the script again to run "
    "only\n"
    "# the runs that have not succeeded with the config they have now.\n";

/* --gpus=all: the parent finds the GPUs, CUDA_VISIBLE_DEVICES's if
   set, else nvidia-smi -L's, or refuses; the runs get them in
   $SWEEP_GPUS. -j may not put more than --per-gpu runs on one. */
static void
find_gpus(struct buf *b, const struct launch *l)
{
	buf_adds(b, "\tif [ -n \"${CUDA_VISIBLE_DEVICES+set}\" ]; then\n"
	    "\t\tIFS=, read -r -a gpus <<< \"$CUDA_VISIBLE_DEVICES\"\n"
	    "\telse\n"
	    "\t\tmapfile -t gpus < <(nvidia-smi -L 2> /dev/null |\n"
	    "\t\t    sed -n 's/^GPU \\([0-9][0-9]*\\):.*/\\1/p')\n"
	    "\tfi\n"
	    "\tif [ \"${#gpus[@]}\" -eq 0 ]; then\n"
	    "\t\techo \"$0: no GPU: neither CUDA_VISIBLE_DEVICES nor "
	    "nvidia-smi -L shows one: make the script with --gpus=LIST, or "
	    "without --gpus\" >&2\n"
	    "\t\texit 2\n"
	    "\tfi\n");
	if (l->jobs)
		addf(b, "\tif [ %ld -gt $((${#gpus[@]} * %ld)) ]; then\n"
		    "\t\techo \"$0: -j %ld with ${#gpus[@]} GPUs would put "
		    "more than %ld run%s on one GPU: make the script with -j "
		    "$((${#gpus[@]} * %ld)) or less\" >&2\n"
		    "\t\texit 2\n"
		    "\tfi\n", l->jobs, per_gpu(l), l->jobs, per_gpu(l),
		    per_gpu(l) == 1 ? "" : "s", per_gpu(l));
	buf_adds(b, "\tSWEEP_GPUS=${gpus[*]}\n"
	    "\texport SWEEP_GPUS\n");
}

/* GNU parallel starts the script once a run, as "bash SCRIPT --run I
   SLOT"; the job slot, from 1, picks the GPU. $PARALLEL_JOBSLOT is the
   slot too, and right even in retries, but older releases lack it. */
static void
parallel_head(struct buf *b, const struct launch *l, uint64_t nruns)
{
	long jobs = l->jobs ? l->jobs : l->gpus && !gpus_all(l) ?
	    gpu_count(l->gpus) * per_gpu(l) : 0;

	addf(b, "# sweep: %" PRIu64 " run%s with GNU parallel, ", nruns,
	    nruns == 1 ? "" : "s");
	if (jobs)
		addf(b, "%ld at a time", jobs);
	else if (gpus_all(l))
		addf(b, "%ld a GPU at a time", per_gpu(l));
	else
		buf_adds(b, "as many at a time as there are CPU cores");
	if (l->gpus && per_gpu(l) == 1)
		buf_adds(b, ",\n# each on a GPU of its own from ");
	else if (l->gpus)
		addf(b, ",\n# %ld runs sharing a GPU, from ", per_gpu(l));
	if (gpus_all(l))
		buf_adds(b, "those that CUDA_VISIBLE_DEVICES,\n# else nvidia-smi "
		    "-L, shows when it starts");
	else if (l->gpus)
		buf_adds(b, l->gpus);
	if (l->gpus)
		buf_adds(b, " (CUDA_VISIBLE_DEVICES)");
	buf_adds(b, ".\n");
	buf_adds(b, logs_comment);
	buf_adds(b, "# GNU parallel's job log is beside it (its name + "
	    ".joblog).\n");
	self_path(b, l, "it runs itself for each run");
	buf_adds(b, sweep_run);
	buf_adds(b, sweep_summary);
	buf_adds(b, "if [ \"$1\" != --run ]; then\n");
	results_file(b, "\t");
	if (gpus_all(l))
		find_gpus(b, l);
	addf(b, "\texport SWEEP_RESULTS\n"
	    "\tseq 0 %" PRIu64 " | SWEEP_SCRIPT=$self parallel", nruns - 1);
	if (jobs)
		addf(b, " --jobs %ld", jobs);
	else if (gpus_all(l))
		addf(b, " --jobs $((${#gpus[@]} * %ld))", per_gpu(l));
	buf_adds(b, " --line-buffer \\\n"
	    "\t    --joblog \"$self.joblog\" "
	    "'bash \"$SWEEP_SCRIPT\" --run {} {%}'\n"
	    "\tstatus=$?\n"
	    "\tsweep_summary\n"
	    "\texit \"$status\"\n"
	    "fi\n");
	if (gpus_all(l)) {
		buf_adds(b, "read -r -a gpus <<< \"$SWEEP_GPUS\"\n");
	} else if (l->gpus) {
		buf_adds(b, "gpus=(");
		for (const char *p = l->gpus; *p; p++)
			buf_addc(b, *p == ',' ? ' ' : *p);
		buf_adds(b, ")\n");
	}
	if (l->gpus && per_gpu(l) > 1)
		addf(b, "export CUDA_VISIBLE_DEVICES="
		    "${gpus[(${PARALLEL_JOBSLOT:-$3} - 1) / %ld]}\n",
		    per_gpu(l));
	else if (l->gpus)
		buf_adds(b, "export CUDA_VISIBLE_DEVICES="
		    "${gpus[${PARALLEL_JOBSLOT:-$3} - 1]}\n");
	buf_adds(b, "index=$2\ncase $2 in\n");
}

/* bash --logs: the runs one after another, each through sweep_run. */
static void
bash_head(struct buf *b, const struct launch *l, uint64_t nruns)
{
	addf(b, "# sweep: %" PRIu64 " run%s, one after another.\n", nruns,
	    nruns == 1 ? "" : "s");
	buf_adds(b, logs_comment);
	self_path(b, l, "its runs log beside it");
	buf_adds(b, sweep_run);
	buf_adds(b, sweep_summary);
	results_file(b, "");
	buf_adds(b, "index=0\n");
}

/* The script's file name, its directory left out. */
static const char *
script_base(const struct launch *l)
{
	const char *slash = strrchr(l->script, '/');

	return slash ? slash + 1 : l->script;
}

/* --relative: the script's directory in $SWEEP_DIR. Slurm runs a copy
   of the script, so a task cannot ask BASH_SOURCE: ./SCRIPT --submit
   passes the directory in SWEEP_DIR; for a plain sbatch, scontrol show
   job names the script's absolute path (Command=); else, where -s named
   a relative place, that place from the directory it was submitted
   from, if it holds this very script. */
static void
slurm_dir(struct buf *b, const struct launch *l)
{
	const char *given = l->script_arg;

	buf_adds(b, "# The paths below are relative to this script's "
	    "directory, $SWEEP_DIR. A task\n# runs Slurm's copy of the "
	    "script: ./SCRIPT --submit passes the directory,\n# else "
	    "scontrol show job names the script.\n"
	    "if [ -z \"$SLURM_JOB_ID\" ]; then\n"
	    "\tself=$(realpath -e -- \"${BASH_SOURCE[0]}\" && echo /) || exit 2\n"
	    "\tself=${self%?/}\n"
	    "\tSWEEP_DIR=${self%/*}\n"
	    "elif [ -z \"$SWEEP_DIR\" ]; then\n"
	    "\tself=$(scontrol show job \"$SLURM_JOB_ID\" 2> /dev/null |\n"
	    "\t    sed -n 's/^ *Command=\\(\\/.*\\)/\\1/p' | head -n 1)\n"
	    "\tself=$(realpath -e -- \"$self\" 2> /dev/null)\n");
	if (given && *given != '/' && !strchr(given, '\n')) {
		buf_adds(b, "\t[ -n \"$self\" ] || ! cmp -s -- "
		    "\"$SLURM_SUBMIT_DIR\"/");
		shell_quote(b, given, strlen(given));
		buf_adds(b, " \"$0\" ||\n"
		    "\t    self=$(realpath -e -- \"$SLURM_SUBMIT_DIR\"/");
		shell_quote(b, given, strlen(given));
		buf_adds(b, ")\n");
	}
	buf_adds(b, "\tif [ -z \"$self\" ]; then\n"
	    "\t\techo \"$0: cannot find this script's directory: scontrol "
	    "show job $SLURM_JOB_ID names no script: submit it with "
	    "./SCRIPT --submit\" >&2\n"
	    "\t\texit 2\n"
	    "\tfi\n"
	    "\tSWEEP_DIR=${self%/*}\n"
	    "fi\n"
	    "export -n SWEEP_DIR\n");
}

/* Where a Slurm task logs: beside SCRIPT, or where the script was
   submitted for a script on stdout. Slurm's own output file is
   /dev/null, so a task's messages other than its run's (a bad
   SWEEP_OFFSET, no run for its index) go to slurm-tasks in there: a
   name no run's log or marker can have. */
static void
slurm_logs(struct buf *b, const struct launch *l)
{
	if (l->relative)
		slurm_dir(b, l);
	buf_adds(b, "logs=");
	if (l->relative) {
		buf_adds(b, "$SWEEP_DIR/");
		shell_quote(b, script_base(l), strlen(script_base(l)));
		buf_adds(b, ".logs\n");
	} else if (l->script) {
		shell_quote(b, l->script, strlen(l->script));
		buf_adds(b, ".logs\n");
	} else {
		buf_adds(b, "${SLURM_SUBMIT_DIR:-$PWD}/sweep.logs\n");
	}
	buf_adds(b, "mkdir -p -- \"$logs\" || exit 2\n"
	    "# A task's own messages (its run logs to NAME.log) go to "
	    "slurm-tasks there.\n"
	    "[ -z \"$SLURM_ARRAY_TASK_ID\" ] || exec >> \"$logs/slurm-tasks\" "
	    "2>&1\n");
}

/* Slurm's default MaxArraySize: array indexes stay below it. */
#define SLURM_MAX_ARRAY 1001
#define SLURM_PART (SLURM_MAX_ARRAY - 1)

/* The -j throttle of an array, "%N", if any. */
static void
slurm_throttle(struct buf *b, const struct launch *l)
{
	if (l->jobs)
		addf(b, "%%%ld", l->jobs);
}

/* "--array=0-LAST", with the -j throttle. */
static void
slurm_array(struct buf *b, const struct launch *l, uint64_t last)
{
	addf(b, "--array=0-%" PRIu64, last);
	slurm_throttle(b, l);
}

/* For more runs than one array of Slurm's default size takes: comment
   lines that submit the script in parts, each from its first run. */
static void
slurm_parts(struct buf *b, const struct launch *l, uint64_t nruns)
{
	if (nruns <= SLURM_MAX_ARRAY)
		return;
	addf(b, "# Slurm's default MaxArraySize is %d: where sbatch refuses "
	    "the array,\n# submit it in parts, each from its first run:\n",
	    SLURM_MAX_ARRAY);
	for (uint64_t first = 0; first < nruns; first += SLURM_PART) {
		uint64_t n = nruns - first < SLURM_PART ? nruns - first :
		    SLURM_PART;
		buf_adds(b, "#   sbatch ");
		slurm_array(b, l, n - 1);
		if (first)
			addf(b, " --export=ALL,SWEEP_OFFSET=%" PRIu64, first);
		buf_addc(b, ' ');
		if (l->script && !strchr(l->script, '\n'))
			shell_quote(b, l->relative ? script_base(l) : l->script,
			    strlen(l->relative ? script_base(l) : l->script));
		else
			buf_adds(b, "SCRIPT");
		buf_addc(b, '\n');
	}
}

/* "SCRIPT --submit [SBATCH_OPTION...]": sbatch the script in as many
   arrays as the cluster's MaxArraySize (scontrol show config; Slurm's
   default without it) asks, each from its first run. */
static void
slurm_submit(struct buf *b, const struct launch *l, uint64_t nruns)
{
	addf(b, "# ./SCRIPT --submit [SBATCH_OPTION...] submits it in as many "
	    "parts as the\n# cluster's MaxArraySize asks.\n"
	    "if [ \"$1\" = --submit ]; then\n"
	    "\tshift\n"
	    "\tself=$(realpath -e -- \"${BASH_SOURCE[0]}\" && echo /) || exit 2\n"
	    "\tself=${self%%?/}\n"
	    "\tmax=$(scontrol show config 2> /dev/null |\n"
	    "\t    sed -n 's/^MaxArraySize *= *\\([0-9][0-9]*\\).*/\\1/p')\n"
	    "\tmax=${max:-%d}\n"
	    "\tfor ((first = 0; first < %" PRIu64 "; first += max)); do\n"
	    "\t\tlast=$((first + max < %" PRIu64 " ? max - 1 : %" PRIu64
	    " - 1 - first))\n"
	    "\t\t", SLURM_MAX_ARRAY, nruns, nruns, nruns);
	if (l->relative)
		buf_adds(b, "SWEEP_DIR=${self%/*} ");
	buf_adds(b, "sbatch --array=0-$last");
	slurm_throttle(b, l);
	buf_adds(b, " --export=ALL,SWEEP_OFFSET=$first \"$@\" "
	    "\"$self\" || {\n"
	    "\t\t\techo \"$0: sbatch refused the runs from $first on: "
	    "submit them with sbatch --array=0-$last");
	slurm_throttle(b, l);
	buf_adds(b, " --export=ALL,SWEEP_OFFSET=$first and the parts "
	    "after\" >&2\n"
	    "\t\t\texit 1\n"
	    "\t\t}\n"
	    "\tdone\n"
	    "\texit\n"
	    "fi\n");
}

/* An sbatch job array of one task a run; SWEEP_OFFSET in the
   environment shifts the tasks to a part of the runs. */
static void
slurm_head(struct buf *b, const struct launch *l, uint64_t nruns)
{
	buf_adds(b, "#SBATCH ");
	slurm_array(b, l, nruns - 1);
	buf_addc(b, '\n');
	buf_adds(b, "#SBATCH --output=/dev/null\n");
	jv_array_foreach(l->sbatch, i, o) {
		addf(b, "#SBATCH %s\n", jv_string_value(o));
		jv_free(o);
	}
	addf(b, "# sweep: %" PRIu64 " run%s as a Slurm job array: submit it "
	    "with sbatch.\n"
	    "# Task I runs the I-th command below, from 0 (from "
	    "$SWEEP_OFFSET if set).\n",
	    nruns, nruns == 1 ? "" : "s");
	buf_adds(b, logs_comment);
	slurm_parts(b, l, nruns);
	slurm_submit(b, l, nruns);
	slurm_logs(b, l);
	buf_adds(b, "offset=${SWEEP_OFFSET:-0}\n"
	    "if [[ $offset == *[!0-9]* ]]; then\n"
	    "\techo \"$0: SWEEP_OFFSET=$offset is not a run number: give "
	    "the first run of this part\" >&2\n"
	    "\texit 2\n"
	    "fi\n");
	buf_adds(b, sweep_run);
	buf_adds(b, "case ${SLURM_ARRAY_TASK_ID:+$((SLURM_ARRAY_TASK_ID + "
	    "10#$offset))} in\n");
}

int
launch_logs(const struct launch *l)
{
	return l->logs || l->kind != LAUNCH_BASH;
}

void
launch_begin(struct buf *b, const struct launch *l, uint64_t nruns)
{
	buf_adds(b, "#!/bin/bash\n");
	if (l->kind == LAUNCH_BASH && l->logs)
		bash_head(b, l, nruns);
	else if (l->kind == LAUNCH_BASH)
		buf_addc(b, '\n');
	else if (l->kind == LAUNCH_PARALLEL)
		parallel_head(b, l, nruns);
	else
		slurm_head(b, l, nruns);
	if (l->kind == LAUNCH_BASH && !l->logs && l->relative)
		self_find(b, l, RELATIVE_WHY);
}

void
launch_run(struct buf *b, struct launch *l, const char *name,
    uint64_t hash, const char *command)
{
	if (l->kind != LAUNCH_BASH)
		addf(b, "%" PRIu64 ")\n\t", l->nrun);
	if (launch_logs(l)) {
		buf_adds(b, "sweep_run ");
		shell_quote(b, name, strlen(name));
		addf(b, " %016" PRIx64 " ", hash);
		shell_quote(b, command, strlen(command));
	} else {
		buf_adds(b, command);
	}
	buf_adds(b, l->kind != LAUNCH_BASH ? "\n\t;;\n" : "\n");
	l->nrun++;
}

void
launch_end(struct buf *b, const struct launch *l)
{
	if (l->kind == LAUNCH_BASH && l->logs)
		buf_adds(b, "sweep_summary\n");
	if (l->kind == LAUNCH_BASH)
		return;
	buf_adds(b, "*)\n\techo \"$0: no run ");
	buf_adds(b, l->kind == LAUNCH_PARALLEL ? "$2: start this script "
	    "without arguments" : "for array task "
	    "${SLURM_ARRAY_TASK_ID:-(none)}${SWEEP_OFFSET:+ from run "
	    "$SWEEP_OFFSET}: submit this script with sbatch");
	buf_adds(b, "\" >&2\n\texit 2\n\t;;\nesac\n");
}
