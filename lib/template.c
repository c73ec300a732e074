/* template: the configs of one spec as one text with holes. */
#include <stdlib.h>
#include <string.h>

#include "die.h"
#include "keypath.h"
#include "template.h"

enum hole_kind { HOLE_VALUE, HOLE_NAME, HOLE_META };

/* One short text for each value of a parameter, packed in one buffer:
   text I runs from end[I - 1] (0 for the first) to end[I]. Per value
   this keeps the text and one offset, however many values there are. */
struct texts {
	struct buf all;
	size_t *end;
};

struct hole {
	enum hole_kind kind;
	int param;		/* VALUE, META: the parameter */
	jv path;		/* where in the config */
	size_t at;		/* where in the text: the value is cut out */
	size_t len;
	struct texts *texts;	/* VALUE, META: the text of each value */
	int owns;		/* texts is this hole's, not shared */
	int named, level;	/* what texts holds: see fill_texts */
};

struct tparam {
	int nvalues;
	int shown;		/* has a part in the name */
	struct texts part;	/* each value's part of the name */
};

struct template {
	struct expansion *x;
	struct buf text;	/* the first run's config */
	struct hole *holes;	/* in text order */
	int nholes;
	struct tparam *p;
	jv base;		/* the base name */
	struct buf name;
};

static void
texts_init(struct texts *s, int n)
{
	memset(&s->all, 0, sizeof s->all);
	s->end = xcalloc((size_t)n + 1, sizeof *s->end);
}

static void
texts_free(struct texts *s)
{
	buf_free(&s->all);
	free(s->end);
}

/* Appends text I of S to B. */
static void
texts_put(struct buf *b, const struct texts *s, uint64_t i)
{
	size_t from = i ? s->end[i - 1] : 0;

	buf_add(b, s->all.p + from, s->end[i] - from);
}

/* Whether path A (borrowed) holds B or B holds A. */
static int
overlap(jv a, jv b)
{
	return keypath_within(a, b) || keypath_within(b, a);
}

static void print(struct template *t, jv x, jv path, int indent, int level);

/* Where print is: the template, the path of the container whose members
   it prints, and the indent. */
struct print_walk {
	struct template *t;
	jv path;
	int indent;
};

static void
print_member(struct buf *b, jv value, jv key, int place, int level,
    void *arg)
{
	struct print_walk *w = arg;

	(void)b;
	print(w->t, value, jv_array_append(jv_copy(w->path),
	    jv_get_kind(key) == JV_KIND_STRING ? jv_copy(key) :
	    jv_number(place)), w->indent, level);
}

/* Prints X at PATH (consumed) as json_dump_at would, noting where each
   hole's value goes. */
static void
print(struct template *t, jv x, jv path, int indent, int level)
{
	struct print_walk w = { t, path, indent };

	for (int h = 0; h < t->nholes; h++) {
		if (jv_equal(jv_copy(t->holes[h].path), jv_copy(path))) {
			t->holes[h].at = t->text.len;
			json_dump_at(&t->text, x, indent, level);
			t->holes[h].len = t->text.len - t->holes[h].at;
			jv_free(path);
			return;
		}
	}
	if (json_has_members(x))
		json_dump_members(&t->text, x, indent, level, print_member, &w);
	else
		json_dump_at(&t->text, x, indent, level);
	jv_free(path);
}

static void
add_hole(struct template *t, enum hole_kind kind, int param, jv path)
{
	struct hole *h;

	t->holes = xreallocarray(t->holes, (size_t)t->nholes + 1,
	    sizeof *t->holes);
	h = &t->holes[t->nholes++];
	memset(h, 0, sizeof *h);
	h->kind = kind;
	h->param = param;
	h->path = path;
	h->at = (size_t)-1;
}

/* Whether every value of X (borrowed) prints the same at any depth. */
static int
flat(jv values)
{
	jv_array_foreach(values, i, v) {
		int members = json_has_members(v);

		jv_free(v);
		if (members)
			return 0;
		(void)i;
	}
	return 1;
}

/* Each value's text in hole H, printed at the hole's depth: the value,
   or for meta its value name where it has one. A hole of the same
   parameter whose texts are the same lends them. */
static void
fill_texts(struct template *t, struct hole *h, int indent)
{
	struct xparam *xp = &t->x->p[h->param];
	struct texts *s;

	h->named = h->kind == HOLE_META &&
	    jv_get_kind(xp->value_names) == JV_KIND_ARRAY;
	h->level = flat(xp->values) ? 0 : jv_array_length(jv_copy(h->path));
	for (struct hole *o = t->holes; o < h; o++) {
		if (o->texts && o->param == h->param &&
		    o->named == h->named && o->level == h->level) {
			h->texts = o->texts;
			return;
		}
	}
	h->owns = 1;
	h->texts = s = xcalloc(1, sizeof *s);
	texts_init(s, t->p[h->param].nvalues);
	jv_array_foreach(xp->values, i, v) {
		jv vname = h->named ?
		    jv_array_get(jv_copy(xp->value_names), i) : jv_null();
		json_dump_at(&s->all, name_shown(v, vname), indent, h->level);
		s->end[i] = s->all.len;
		jv_free(vname);
		jv_free(v);
	}
}

/* Each value's part of the name of parameter I; -1 when one has none
   (an object without a value name): then runs are made as values. */
static int
name_parts(struct template *t, int i)
{
	struct xparam *xp = &t->x->p[i];
	struct tparam *tp = &t->p[i];
	struct buf one = { 0 };
	int rc = 0;

	tp->nvalues = jv_array_length(jv_copy(xp->values));
	texts_init(&tp->part, tp->nvalues);
	jv_array_foreach(xp->values, j, v) {
		jv vname = jv_get_kind(xp->value_names) == JV_KIND_ARRAY ?
		    jv_array_get(jv_copy(xp->value_names), j) : jv_null();
		int part;

		one.len = 0;
		part = name_part(&one, xp->name, v, vname, xp->hidename);
		buf_add(&tp->part.all, one.p, one.len);
		tp->part.end[j] = tp->part.all.len;
		if (part < 0)
			rc = -1;
		tp->shown = part > 0;
		jv_free(vname);
		jv_free(v);
	}
	buf_free(&one);
	return rc;
}

static int
by_place(const void *a, const void *b)
{
	const struct hole *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

/* The holes of a run named by N, whose name key is at NAME_PATH
   (borrowed), naming writing what WRITES says (name_writes): -1 when a
   parameter sets a place that naming sets too. */
static int
find_holes(struct template *t, struct namer *n, jv name_path, int writes)
{
	jv meta = JV_ARRAY(jv_string("meta"));
	jv wandb = name_wandb_path();
	int shown = 0, rc = 0, no_meta = !(writes & NAME_WRITES_META);

	if (writes & NAME_WRITES_KEY)
		add_hole(t, HOLE_NAME, -1, jv_copy(name_path));
	for (int i = 0; i < t->x->grid.nparams && rc == 0; i++) {
		struct xparam *xp = &t->x->p[i];

		jv_array_foreach(xp->paths, j, path) {
			if (overlap(path, name_path) ||
			    (!no_meta && keypath_within(meta, path)) ||
			    (n->o.wandb_project && overlap(path, wandb)))
				rc = -1;
			add_hole(t, HOLE_VALUE, i, path);
			(void)j;
		}
		if (!no_meta && jv_string_length_bytes(jv_copy(xp->name)))
			add_hole(t, HOLE_META, i, JV_ARRAY(jv_string("meta"),
			    jv_string("hp_values"), jv_number(shown++)));
	}
	if ((!no_meta && keypath_within(meta, name_path)) ||
	    (n->o.wandb_project && overlap(name_path, wandb)))
		rc = -1;
	jv_free(meta);
	jv_free(wandb);
	return rc;
}

struct template *
template_new(struct expansion *x, struct namer *n, int indent)
{
	struct template *t = xcalloc(1, sizeof *t);
	uint64_t *digits = xcalloc((size_t)x->grid.ngroups + 1,
	    sizeof *digits);
	jv run, config = jv_null(), path = jv_null();
	int ok = 1, writes = 0;

	t->x = x;
	t->base = jv_null();
	t->p = xcalloc((size_t)x->grid.nparams + 1, sizeof *t->p);
	for (int i = 0; i < x->grid.nparams; i++)
		ok &= name_parts(t, i) == 0;
	run = x->grid.total && ok ? expand_run(x, 0, digits) : jv_invalid();
	if (jv_is_valid(run)) {
		/* the base name as the first run has it before naming */
		config = json_get(run, "config");
		path = name_key_path(n, config);
		t->base = jv_is_valid(path) ? name_base(n, config, path) :
		    jv_invalid();
		writes = jv_is_valid(path) ? name_writes(n, config, path) : 0;
		jv_free(config);
		run = name_run(n, run);
		config = jv_is_valid(run) ? json_get(run, "config") : jv_null();
	}
	ok = ok && jv_is_valid(run) && jv_is_valid(t->base) &&
	    find_holes(t, n, path, writes) == 0;
	if (ok) {
		print(t, config, jv_array(), indent, 0);
		for (int h = 0; h < t->nholes; h++) {
			ok &= t->holes[h].at != (size_t)-1;
			if (t->holes[h].kind != HOLE_NAME)
				fill_texts(t, &t->holes[h], indent);
		}
		qsort(t->holes, (size_t)t->nholes, sizeof *t->holes, by_place);
	}
	jv_free(run);
	jv_free(config);
	jv_free(path);
	free(digits);
	if (!ok) {
		template_free(t);
		return NULL;
	}
	return t;
}

void
template_free(struct template *t)
{
	if (!t)
		return;
	for (int h = 0; h < t->nholes; h++) {
		struct hole *hole = &t->holes[h];

		if (hole->owns) {
			texts_free(hole->texts);
			free(hole->texts);
		}
		jv_free(hole->path);
	}
	for (int i = 0; t->p && i < t->x->grid.nparams; i++)
		texts_free(&t->p[i].part);
	free(t->p);
	free(t->holes);
	buf_free(&t->text);
	buf_free(&t->name);
	jv_free(t->base);
	free(t);
}

jv
template_run(struct template *t, const uint64_t *digits, struct buf *b)
{
	struct buf *name = &t->name;
	size_t from = 0;
	jv full;

	name->len = 0;
	buf_add(name, jv_string_value(t->base),
	    (size_t)jv_string_length_bytes(jv_copy(t->base)));
	for (int i = 0; i < t->x->grid.nparams; i++) {
		if (!t->p[i].shown)
			continue;
		if (name->len)
			buf_addc(name, '_');
		texts_put(name, &t->p[i].part, digits[t->x->grid.group[i]]);
	}
	full = name_finish(name);
	if (!jv_is_valid(full))
		return full;
	for (int h = 0; h < t->nholes; h++) {
		struct hole *hole = &t->holes[h];

		buf_add(b, t->text.p + from, hole->at - from);
		if (hole->kind == HOLE_NAME)
			json_dump_string(b, full);
		else
			texts_put(b, hole->texts,
			    digits[t->x->grid.group[hole->param]]);
		from = hole->at + hole->len;
	}
	buf_add(b, t->text.p + from, t->text.len - from);
	return full;
}
