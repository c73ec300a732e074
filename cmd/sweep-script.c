/* sweep-script: write the configs and the launch script. */
#include <argp.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "commit.h"
#include "die.h"
#include "expand.h"
#include "launch.h"
#include "manifest.h"
#include "name.h"
#include "parse.h"
#include "spec.h"
#include "stream.h"
#include "template.h"

enum { OPT_DRY_RUN = 0x200, OPT_GPUS, OPT_PER_GPU, OPT_SBATCH, OPT_LOGS,
	OPT_RELATIVE };

static const char doc[] =
    "Write every run's config to OUTDIR/NAME.json and a script that "
    "launches them. Reads named runs (sweep-expand | sweep-name), or a "
    "sweep spec straight from sweep-add, which it expands and names "
    "itself."
    "\v"
    "All or nothing: files appear only once the whole input was read "
    "without error. Naming a spec here: " NAME_RULE " The naming "
    "options and -o given to sweep-add come with the spec and its runs; "
    "given here too, they win. In the command, {config} is the config's absolute "
    "path (with --relative, \"$SWEEP_DIR\"/PATH, its path from the "
    "script's directory, which the script finds when it starts; a slurm "
    "task takes it from SWEEP_DIR, which FILE --submit passes, else from "
    "scontrol show job), {name} the run name, {index} the run index, {args} a word "
    "--KEY=VALUE a parameter (--lr=0.1 --seed=0) and {overrides} a word "
    "KEY=VALUE a parameter in Hydra's override syntax (optim.lr=0.01 "
    "model=resnet), in parameter order. KEY is the dotted key (a jq path "
    "key gives its -n name); VALUE a string as it is (for Hydra, quoted "
    "where Hydra would read something else), a number as jq prints it, "
    "lists and objects as JSON ([1024,1024]; for Hydra, its {a:1}), "
    "true, false, null. Do not quote placeholders: sweep quotes each "
    "word where the shell needs it (one inside quotes is refused). A "
    "slurm script "
    "runs the runs from $SWEEP_OFFSET on, for a sweep submitted in parts "
    "(sbatch --array=0-999 --export=ALL,SWEEP_OFFSET=1000 FILE); "
    "FILE --submit [SBATCH_OPTION...] submits it in as many parts as the "
    "cluster's MaxArraySize (scontrol show config) asks. The "
    "parallel and slurm scripts, and the bash one with --logs, log each "
    "run to FILE.logs/NAME.log, mark its start and end there in NAME.run "
    "and NAME.exit for sweep-status, skip a run that succeeded with the "
    "config it has now when started again, and (bash, parallel) end with "
    "a line of counts and the failed runs with their logs.";

static const struct argp_option options[] = {
	{ "out-dir", 'o', "DIR", 0,
	  "Write configs to DIR, made if missing (default: sweep-add's -o, "
	  "else the directory of the run's base file, or . for a base from "
	  "stdin)", 0 },
	{ "command", 'c', "TEMPLATE", 0,
	  "Command for each run (default: " LAUNCH_DEFAULT_COMMAND ")", 0 },
	{ "script", 's', "FILE", 0,
	  "Write the script to FILE (else to stdout), and beside it "
	  "FILE.manifest, a JSON line a run (name, index, config, hash, "
	  "params); an existing FILE only with -f, never a config or the "
	  "base config", 0 },
	{ "force", 'f', 0, 0, "Replace existing config files (never the "
	  "base config), the script and its manifest", 0 },
	{ "dry-run", OPT_DRY_RUN, 0, 0,
	  "Check everything, write nothing, print the script", 0 },
	{ "quiet", 'q', 0, 0, "Do not report what was written", 0 },
	{ 0, 0, 0, 0, "Launching:", 2 },
	{ "launcher", 'l', "KIND", 0,
	  "What the script does with the commands: bash (one after another, "
	  "the default), parallel (GNU parallel) or slurm (an sbatch job "
	  "array)", 2 },
	{ "logs", OPT_LOGS, 0, 0,
	  "bash: log each run to FILE.logs/NAME.log, mark its start and "
	  "end, skip it when started again after it succeeded, and end with "
	  "a summary (parallel and slurm always do)", 2 },
	{ "relative", OPT_RELATIVE, 0, 0,
	  "With -s: write every path in the script and its manifest "
	  "relative to the script's directory, which the script finds when "
	  "it starts, so that the tree can be moved or copied elsewhere", 2 },
	{ "jobs", 'j', "N", 0,
	  "Run N at once (parallel: default one a GPU, or --per-gpu's K, "
	  "else one a CPU core; never more than that with --gpus; slurm: "
	  "the array's %N throttle)", 2 },
	{ "gpus", OPT_GPUS, "LIST", 0,
	  "parallel: give every running job a GPU of its own from LIST "
	  "(0,1,2,3) in CUDA_VISIBLE_DEVICES; all: every GPU that "
	  "CUDA_VISIBLE_DEVICES, else nvidia-smi -L, shows when the script "
	  "starts (none: it refuses)", 2 },
	{ "per-gpu", OPT_PER_GPU, "K", 0,
	  "parallel, with --gpus: let K runs share a GPU (default 1)", 2 },
	{ "sbatch", OPT_SBATCH, "OPTION", 0,
	  "slurm: add the line #SBATCH OPTION (repeatable, kept in order)",
	  2 },
	{ 0 }
};

struct opts {
	const char *out_dir;
	const char *script;
	int force, dry_run, quiet;
	struct launch l;
	struct namer n;
};

/* The positive integer ARG of option WHAT ("jobs": -j). */
static long
parse_count(const char *arg, const char *what, struct argp_state *state)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (!*arg || *end || n < 1 || errno)
		usage_error(state, "%s %s is not a positive integer: give %s "
		    "4, say", what, arg, strcmp(what, "jobs") ? what : "-j");
	return n;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct opts *o = state->input;

	switch (key) {
	case 'o': o->out_dir = arg; break;
	case 'c': o->l.command = arg; break;
	case 's': o->script = arg; break;
	case 'f': o->force = 1; break;
	case OPT_DRY_RUN: o->dry_run = 1; break;
	case 'q': o->quiet = 1; break;
	case 'l':
		if (launch_kind(arg) < 0)
			usage_error(state, "unknown launcher %s: use bash, "
			    "parallel or slurm", arg);
		o->l.kind = (enum launcher)launch_kind(arg);
		break;
	case 'j':
		o->l.jobs = parse_count(arg, "jobs", state);
		break;
	case OPT_GPUS: o->l.gpus = arg; break;
	case OPT_PER_GPU:
		o->l.per_gpu = parse_count(arg, "--per-gpu", state);
		break;
	case OPT_LOGS: o->l.logs = 1; break;
	case OPT_RELATIVE: o->l.relative = 1; break;
	case OPT_SBATCH:
		o->l.sbatch = jv_array_append(o->l.sbatch, jv_string(arg));
		break;
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->n;
		break;
	case ARGP_KEY_END:
		if (o->l.relative && !o->script)
			usage_error(state, "--relative needs -s FILE: the "
			    "paths in the script are relative to its place");
		jv_free(argp_check(state, launch_options(&o->l), NULL));
		if (o->script)
			jv_free(argp_check(state, launch_room(&o->l,
			    o->script), NULL));
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &name_argp, 0, "Naming runs:", 1 },
	{ &help_argp, 0, 0, 0 },
	{ 0 }
};

static const struct argp argp = { options, parse_opt, 0, doc, children,
    0, 0 };

/* What the run loop shares. */
struct job {
	struct opts *o;
	struct commit *c;
	struct writer body;	/* the script's commands, in a temp file */
	struct writer manifest;	/* its lines, in a temp file; fd -1: none */
	struct arg *args;	/* one run's params, their jv owned */
	int nargs, cargs;
	struct buf params;	/* the same, as manifest members */
	struct buf config;	/* one config's text */
	struct buf command;
	struct canon *canon;	/* number literals judged canonical */
	jv out_dir;		/* absolute -o DIR, or null */
	jv script;		/* absolute -s FILE, or null */
	jv script_dir;		/* its directory, or null */
	jv rel_dir, rel;	/* the out dir last made relative, made */
	jv base;		/* the base config last checked, or null */
	jv base_dir, base_out;	/* the base_dir last resolved, resolved */
	jv manifest_path;	/* its manifest, or null */
	jv cwd;
};

/* Whether PATH and BASE are one file: by device and inode when both
   exist, else whether ABS (PATH made absolute) is BASE. */
static int
same_file(const char *path, const char *base, const char *abs)
{
	struct stat a, b;

	if (stat(path, &a) == 0 && stat(base, &b) == 0)
		return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	return !strcmp(abs, base);
}

/* Notes in j->base the base config of runs whose base_dir and
   base_file are BASE_DIR and BASE_FILE (borrowed), null when they have
   none, and refuses -s FILE there: by device and inode when both
   exist, else by path. */
static void
check_base(struct job *j, jv base_dir, jv base_file)
{
	const char *file, *slash;
	jv base;

	if (jv_get_kind(base_dir) != JV_KIND_STRING ||
	    jv_get_kind(base_file) != JV_KIND_STRING) {
		jv_free(j->base);
		j->base = jv_null();
		return;
	}
	file = jv_string_value(base_file);
	slash = strrchr(file, '/');
	base = jv_string_fmt("%s/%s", jv_string_value(base_dir),
	    slash ? slash + 1 : file);
	if (jv_equal(jv_copy(base), jv_copy(j->base))) {
		jv_free(base);
		return;
	}
	jv_free(j->base);
	j->base = base;
	if (j->o->script && same_file(j->o->script, jv_string_value(base),
	    jv_string_value(j->script)))
		die("script %s would replace the base config %s: choose "
		    "another place with -s", j->o->script, file);
}

/* Refuses DIR/NAME.json (DIR borrowed) at the base config of its run,
   even with -f: the sweep would lose what it was made from. */
static void
check_not_base(struct job *j, const char *name, jv dir)
{
	const char *base, *file;
	size_t n = strlen(name);
	jv path;

	if (jv_get_kind(j->base) != JV_KIND_STRING)
		return;
	base = jv_string_value(j->base);
	file = strrchr(base, '/') + 1;
	if (strncmp(file, name, n) || strcmp(file + n, ".json"))
		return;
	path = jv_string_fmt("%s/%s.json", jv_string_value(dir), name);
	if (same_file(jv_string_value(path), base, jv_string_value(path)))
		die("the config of run %s would replace its base config %s: "
		    "write the configs elsewhere with -o", name, base);
	jv_free(path);
}

/* The absolute output directory of runs whose base_dir is BASE_DIR
   and whose options are OPTIONS (both borrowed): -o DIR, else the
   out_dir of the options, else BASE_DIR, else the current directory. */
static jv
out_dir(struct job *j, jv base_dir, jv options)
{
	jv dir;

	if (jv_get_kind(j->out_dir) == JV_KIND_STRING)
		return jv_copy(j->out_dir);
	dir = json_get(options, "out_dir");
	if (jv_get_kind(dir) == JV_KIND_STRING)
		return dir;
	jv_free(dir);
	if (jv_get_kind(base_dir) != JV_KIND_STRING) {
		if (jv_get_kind(j->cwd) != JV_KIND_STRING)
			j->cwd = path_abs(".");	/* only when it is needed */
		return jv_copy(j->cwd);
	}
	/* resolved once for the runs of one base, not once a run */
	if (!jv_equal(jv_copy(base_dir), jv_copy(j->base_dir))) {
		jv_free(j->base_dir);
		jv_free(j->base_out);
		j->base_dir = jv_copy(base_dir);
		j->base_out = path_abs(jv_string_value(base_dir));
	}
	return jv_copy(j->base_out);
}

/* Sets the run's params to none. */
static void
args_clear(struct job *j)
{
	for (int i = 0; i < j->nargs; i++) {
		jv_free(j->args[i].key);
		jv_free(j->args[i].name);
		jv_free(j->args[i].value);
	}
	j->nargs = 0;
}

/* Adds a param to the run's: KEY, NAME and VALUE, consumed. */
static void
args_add(struct job *j, jv key, jv name, jv value)
{
	if (j->nargs == j->cargs) {
		j->cargs = j->cargs ? 2 * j->cargs : 8;
		j->args = xreallocarray(j->args, (size_t)j->cargs,
		    sizeof *j->args);
	}
	j->args[j->nargs++] = (struct arg){ key, name, value };
}

/* The path of NAME's config in DIR (borrowed) as the script and the
   manifest hold it: absolute, or with --relative relative to the
   script's directory. */
static jv
config_path(struct job *j, const char *name, jv dir)
{
	const char *d;

	if (!j->o->l.relative)
		return jv_string_fmt("%s%s%s.json", jv_string_value(dir),
		    strcmp(jv_string_value(dir), "/") ? "/" : "", name);
	/* made relative once for the runs of one directory */
	if (!jv_equal(jv_copy(dir), jv_copy(j->rel_dir))) {
		jv_free(j->rel_dir);
		jv_free(j->rel);
		j->rel_dir = jv_copy(dir);
		j->rel = path_rel(jv_string_value(j->script_dir),
		    jv_string_value(dir));
	}
	d = jv_string_value(j->rel);
	return jv_string_fmt("%s%s%s.json", d, *d ? "/" : "", name);
}

/* Stages the config whose text is in j->config as DIR/NAME.json (DIR
   borrowed), and adds the run's command; the run's params are in
   j->args. */
static void
stage_at(struct job *j, const char *name, uint64_t index, jv dir)
{
	uint64_t hash = manifest_hash(j->config.p, j->config.len);
	jv path, ok;

	check_not_base(j, name, dir);
	commit_config(j->c, jv_string_value(dir), name, index, j->config.p,
	    j->config.len);
	path = config_path(j, name, dir);
	j->command.len = 0;
	ok = launch_command(&j->command, j->o->l.command,
	    jv_string_value(path), j->o->l.relative, name, index, j->args,
	    j->nargs);
	if (!jv_is_valid(ok)) {
		jv_free(path);
		die_jv(NULL, ok);
	}
	buf_addc(&j->command, '\0');
	launch_run(&j->body.b, &j->o->l, name, hash, j->command.p);
	writer_flush(&j->body, 65536);
	if (j->manifest.fd >= 0) {
		j->params.len = 0;
		for (int i = 0; i < j->nargs; i++)
			manifest_param(&j->params, i == 0, j->args[i].key,
			    j->args[i].name, j->args[i].value);
		manifest_run(&j->manifest.b, name, index, jv_string_value(path),
		    hash, j->params.p, j->params.len);
		writer_flush(&j->manifest, 65536);
	}
	jv_free(path);
}

/* The params of RUN (borrowed) in j->args. */
static void
run_params(struct job *j, jv run)
{
	jv params = json_get(run, "params");

	args_clear(j);
	if (jv_get_kind(params) == JV_KIND_ARRAY)
		jv_array_foreach(params, i, p) {
			args_add(j, json_get(p, "key"), json_get(p, "name"),
			    json_get(p, "value"));
			jv_free(p);
			(void)i;
		}
	jv_free(params);
}

/* The params of the run of X whose group digits are DIGITS in
   j->args. */
static void
grid_params(struct job *j, const struct expansion *x,
    const uint64_t *digits)
{
	args_clear(j);
	for (int i = 0; i < x->grid.nparams; i++)
		args_add(j, jv_copy(x->p[i].key), jv_copy(x->p[i].name),
		    jv_array_get(jv_copy(x->p[i].values),
		    (int)digits[x->grid.group[i]]));
}

/* stage_at for RUN (borrowed, the "run" member of a named run). */
static void
stage(struct job *j, jv run)
{
	jv name = jv_object_get(jv_copy(run), jv_string("name"));
	jv index = jv_object_get(jv_copy(run), jv_string("index"));
	jv base_dir = json_get(run, "base_dir"), opts = json_get(run, "options");
	jv base_file = json_get(run, "base_file");
	jv dir = out_dir(j, base_dir, opts);
	double d = jv_get_kind(index) == JV_KIND_NUMBER ?
	    jv_number_value(index) : 0;
	uint64_t i = d >= 0 && d < 18446744073709551616.0 ? (uint64_t)d : 0;

	if (strlen(jv_string_value(name)) !=
	    (size_t)jv_string_length_bytes(jv_copy(name)))
		die("a run name holds a NUL character: name the runs with "
		    "sweep-name");
	check_base(j, base_dir, base_file);
	run_params(j, run);
	stage_at(j, jv_string_value(name), i, dir);
	jv_free(dir);
	jv_free(base_file);
	jv_free(opts);
	jv_free(base_dir);
	jv_free(index);
	jv_free(name);
}

/* Stages the config of the named run R (consumed) and adds its command;
   CACHE holds the text of its base, or is NULL. */
static void
emit(struct job *j, jv r, const struct json_cache *cache)
{
	jv run = jv_object_get(jv_copy(r), jv_string("run"));
	jv config = jv_object_get(r, jv_string("config"));

	j->config.len = 0;
	if (cache)
		json_dump_cached(&j->config, config, cache);
	else
		json_dump(&j->config, config, 4);
	buf_addc(&j->config, '\n');
	stage(j, run);
	jv_free(config);
	jv_free(run);
}

/* Dies: the runs of a spec with a distribution are drawn by
   sweep-expand --sample, not listed here. */
static void
refuse_drawn(struct expansion *x, const char *where)
{
	int i = 0;

	while (!x->p[i].drawn)
		i++;
	die("%s: %s is drawn from a distribution: draw the runs first, "
	    "with sweep-expand --sample=N | sweep-name | sweep-script", where,
	    jv_string_value(x->p[i].key));
}

/* The fast path: expand and name the runs of SPEC (consumed) here. */
static void
emit_spec(struct job *j, jv spec, const char *where)
{
	struct expansion x;
	struct json_cache *cache;
	struct template *t;
	uint64_t *digits;
	jv ok, dir;

	spec = spec_check(spec);
	if (!jv_is_valid(spec))
		die_jv(where, spec);
	if (!jv_is_valid(ok = expand_init(&x, spec)))
		die_jv(where, ok);
	if (x.drawn)
		refuse_drawn(&x, where);
	if (!jv_is_valid(ok = namer_use(&j->o->n, x.options)))
		die_jv(where, ok);
	digits = xcalloc((size_t)x.grid.ngroups + 1, sizeof *digits);
	cache = NULL;	/* made for the first run the template cannot make */
	t = template_new(&x, &j->o->n, 4);
	dir = out_dir(j, x.base_dir, x.options);
	check_base(j, x.base_dir, x.base_file);
	for (uint64_t i = 0; i < x.grid.total; i++, grid_next(&x.grid, digits)) {
		jv run, name = jv_invalid();

		j->config.len = 0;
		if (t && jv_is_valid(name = template_run(t, digits,
		    &j->config))) {
			buf_addc(&j->config, '\n');
			grid_params(j, &x, digits);
			stage_at(j, jv_string_value(name), i, dir);
			jv_free(name);
			continue;
		}
		jv_free(name);
		run = name_run(&j->o->n, expand_run(&x, i, digits));
		if (!jv_is_valid(run))
			die_jv(where, run);
		if (!cache)
			cache = json_cache_new(x.base, 4);
		emit(j, run, cache);
	}
	jv_free(dir);
	template_free(t);
	json_cache_free(cache);
	free(digits);
	expand_free(&x);
}

/* The named run R (consumed). */
static void
emit_run(struct job *j, jv r, const char *where)
{
	jv run = json_get(r, "run"), name = json_get(run, "name");
	jv ok = name_options_ok(run);

	jv_free(run);
	if (jv_get_kind(name) != JV_KIND_STRING)
		die("%s: the run has no name: pipe it through sweep-name "
		    "first", where);
	jv_free(name);
	if (!jv_is_valid(ok)) {
		jv_free(r);
		die_jv(where, ok);
	}
	emit(j, r, NULL);
}

/* Whether the options RUN (borrowed) carries are well-formed. */
static int
options_ok(jv run)
{
	jv ok = name_options_ok(run);
	int yes = jv_is_valid(ok);

	jv_free(ok);
	return yes;
}

/* The run whose text is TEXT, when its config is in the form sweep-name
   writes (compact, as json_dump prints it): re-indented as it is, with
   no jv values made of it. Returns 0 when it is not, leaving it to
   emit_run. */
static int
emit_text(struct job *j, const char *text, size_t len)
{
	static const char *const keys[] = { "run", "config" };
	struct span s[2];
	const char *end;
	jv run, name = jv_null(), params = jv_null();
	int ok;

	if (parse_members(text, len, keys, 2, s) < 0 || *s[1].p != '{' ||
	    parse_value(s[0].p, s[0].p + s[0].len, 1, &run, &end) != PARSE_OK)
		return 0;
	if (jv_get_kind(run) == JV_KIND_OBJECT) {
		name = jv_object_get(jv_copy(run), jv_string("name"));
		params = jv_object_get(jv_copy(run), jv_string("params"));
	}
	j->config.len = 0;
	ok = jv_get_kind(name) == JV_KIND_STRING &&
	    jv_get_kind(params) == JV_KIND_ARRAY && options_ok(run) &&
	    json_reindent(j->canon, &j->config, s[1].p, s[1].len, 4) == 0;
	if (ok) {
		buf_addc(&j->config, '\n');
		stage(j, run);
	}
	jv_free(name);
	jv_free(params);
	jv_free(run);
	return ok;
}

static void
read_runs(struct job *j)
{
	struct reader *r = reader_open("-",
	    "pipe runs from sweep-name, or a spec from sweep-add, here");
	const char *text, *end;
	size_t len;
	int rc;
	jv v, ok;

	while ((rc = reader_next_text(r, &text, &len)) != 0) {
		if (rc > 0 && emit_text(j, text, len))
			continue;
		if (rc > 0)
			parse_value(text, text + len, 1, &v, &end);
		else if (!jv_is_valid(v = reader_next(r)))
			break;
		if (spec_is(v))
			emit_spec(j, v, reader_where(r));
		else if (run_is(v))
			emit_run(j, v, reader_where(r));
		else if (!jv_is_valid(ok = run_flaw(v)))
			die_jv(reader_where(r), ok);
		else
			die("%s: neither a run nor a sweep spec: pipe runs from "
			    "sweep-name, or a spec from sweep-add, here",
			    reader_where(r));
	}
	reader_close(r);
}

/* An unlinked temporary file for the script's commands. */
static int
temp_file(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int fd;

	snprintf(path, sizeof path, "%s/sweep-script.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		die("cannot make a temporary file in %s: %s: set TMPDIR to a "
		    "writable directory", tmp && *tmp ? tmp : "/tmp",
		    strerror(errno));
	unlink(path);
	return fd;
}

static void
write_script(struct job *j, struct buf *head, struct buf *tail)
{
	struct opts *o = j->o;

	writer_flush(&j->body, 0);
	if (o->script)
		commit_script(j->c, o->script, head->p, head->len, j->body.fd,
		    tail->p, tail->len);
	if (o->dry_run || !o->script) {
		if (!o->dry_run)
			commit_apply(j->c);
		if (write_all(1, head->p, head->len) < 0 ||
		    copy_fd(j->body.fd, 1) < 0 ||
		    write_all(1, tail->p, tail->len) < 0) {
			/* a dry run wrote nothing: a reader that has seen
			   enough (| head) ends it quietly, as it ends a stage */
			if (o->dry_run && errno == EPIPE)
				exit(0);
			die("cannot write the script to stdout: %s: %s",
			    strerror(errno), o->dry_run ? "check the disk and "
			    "the reader" : write_fix(errno, "the configs are "
			    "removed again"));
		}
		return;
	}
	if (j->manifest.fd >= 0) {
		writer_flush(&j->manifest, 0);
		commit_beside(j->c, jv_string_value(j->manifest_path),
		    j->manifest.fd);
	}
	commit_apply(j->c);
}

/* Whether SCRIPT.manifest is a name the file system takes; if not, a
   warning says that the sweep has no manifest, and why. */
static int
manifest_fits(const char *script)
{
	const char *base = strrchr(script, '/');

	base = base ? base + 1 : script;
	if (strlen(base) + strlen(".manifest") <= NAME_MAX)
		return 1;
	warnx("no manifest: %s.manifest would be a name over %d bytes: give "
	    "-s a name of at most %d bytes for sweep-status and sweep-collect "
	    "to read", base, NAME_MAX, NAME_MAX - (int)strlen(".manifest"));
	return 0;
}

static void
report(struct job *j)
{
	struct opts *o = j->o;
	size_t n = commit_count(j->c);
	int ndirs = commit_ndirs(j->c);
	char where[4200];

	if (o->quiet)
		return;
	if (ndirs == 1)
		snprintf(where, sizeof where, "%s", commit_dir(j->c, 0));
	else
		snprintf(where, sizeof where, "%d directories", ndirs);
	if (o->dry_run)
		warnx("dry run: would write %zu config%s to %s", n,
		    n == 1 ? "" : "s", where);
	else if (o->script)
		warnx("wrote %zu config%s to %s and the script to %s", n,
		    n == 1 ? "" : "s", where, o->script);
	else
		warnx("wrote %zu config%s to %s", n, n == 1 ? "" : "s", where);
}

/* The length of PATH without its trailing slashes. */
static size_t
trimmed_len(const char *path)
{
	size_t n = strlen(path);

	while (n > 0 && path[n - 1] == '/')
		n--;
	return n;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct job j = { 0 };
	struct buf head = { 0 }, tail = { 0 };
	struct stat st;
	jv ok;

	sweep_init();
	o.l.command = LAUNCH_DEFAULT_COMMAND;
	o.l.sbatch = jv_array();
	argp_parse(&argp, argc, argv, 0, 0, &o);
	if (!jv_is_valid(ok = launch_check(&o.l)))
		die_usage_jv(NULL, ok);
	namer_init(&o.n);
	j.o = &o;
	if (o.script && lstat(o.script, &st) == 0 && S_ISDIR(st.st_mode))
		die("script %s is a directory: give -s a file name, such as "
		    "%.*s/run.sh", o.script, (int)trimmed_len(o.script),
		    o.script);
	if (o.script && !o.force && lstat(o.script, &st) == 0)
		die("script %s exists: use -f to overwrite it", o.script);
	j.script = o.script ? path_abs_file(o.script) : jv_null();
	j.script_dir = o.script ? path_abs_dir(o.script) : jv_null();
	j.base = j.base_dir = j.base_out = jv_null();
	j.rel_dir = j.rel = jv_null();
	o.l.script = o.script ? jv_string_value(j.script) : NULL;
	o.l.script_arg = o.script;
	j.out_dir = o.out_dir ? path_abs(o.out_dir) : jv_null();
	j.cwd = jv_null();
	j.c = commit_new(o.force, o.dry_run);
	j.canon = canon_new();
	writer_init(&j.body, temp_file(), "the script's temporary file");
	j.body.epipe_quiet = 0;
	j.manifest_path = jv_null();
	writer_init(&j.manifest, -1, "the manifest's temporary file");
	if (o.script && !o.dry_run && manifest_fits(o.script)) {
		j.manifest_path = jv_string_fmt("%s.manifest", o.script);
		writer_init(&j.manifest, temp_file(), j.manifest.name);
	}
	j.manifest.epipe_quiet = 0;
	read_runs(&j);
	if (commit_count(j.c) == 0)
		die("no runs on stdin: " STDIN_EMPTY);
	launch_begin(&head, &o.l, commit_count(j.c));
	launch_end(&tail, &o.l);
	write_script(&j, &head, &tail);
	report(&j);
	commit_done(j.c);
	writer_close(&j.body);
	close(j.body.fd);
	writer_close(&j.manifest);
	if (j.manifest.fd >= 0)
		close(j.manifest.fd);
	jv_free(j.manifest_path);
	args_clear(&j);
	free(j.args);
	buf_free(&j.params);
	buf_free(&head);
	buf_free(&tail);
	buf_free(&j.config);
	buf_free(&j.command);
	canon_free(j.canon);
	jv_free(j.out_dir);
	jv_free(j.script);
	jv_free(j.script_dir);
	jv_free(j.rel_dir);
	jv_free(j.rel);
	jv_free(j.base);
	jv_free(j.base_dir);
	jv_free(j.base_out);
	jv_free(j.cwd);
	jv_free(o.l.sbatch);
	namer_free(&o.n);
	return 0;
}
