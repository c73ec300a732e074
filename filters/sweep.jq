# sweep: jq functions for sweep's run stream (sweep-expand's output).
#
#   sweep-expand | jq -c -L DIR 'include "sweep"; where(.lr < 0.1)'
#
# DIR holds this file: filters/ in the source tree, PREFIX/lib/jq once
# installed. Every function takes and gives runs, {"run": {...},
# "config": {...}}, unless it says otherwise; it works with jq 1.6.

# The input when it is a run, else an error saying that FN (the
# caller's name) was given none: a spec or a config would otherwise pass
# through where or derive, or stop hp with "Cannot iterate over null".
def _run($fn):
	if type == "object" and (.run | type) == "object"
	    and (.run.params | type) == "array"
	    and (.config | type) == "object" then .
	elif type == "object" and has("sweep") then
		error("\($fn): not a run but a sweep spec: expand it into "
		    + "runs with sweep-expand first")
	else
		error("\($fn): not a run: \(tojson | if length > 40
		    then .[:40] + "..." else . end): give it runs, as "
		    + "sweep-expand writes them")
	end;

# The value of the run's parameter named NAME, or else of the one whose
# key is NAME; an error when the run has neither.
#   hp("plr")  hp("algo.rnn.hidden_dim")
def hp($name):
	_run("hp") | first((.run.params[] | select(.name == $name) | .value),
	    (.run.params[] | select(.key == $name) | .value),
	    error("hp: run \(.run.index) has no parameter \($name | tojson)"));

# An object of the run's named parameters and their values.
#   hps  gives  {"plr": 0.001, "gmm": true}
def hps:
	_run("hps") | reduce (.run.params[] | select((.name // "") != "")) as $p
	    ({}; .[$p.name] = $p.value);

# The run if COND, applied to its config, gives anything but false or
# null (once, however many outputs COND has); else nothing.
#   where(.algo.rnn.enabled or .algo.rnn.hidden_dim == 400)
def where(cond):
	_run("where") | select(first((.config | cond | select(. != false and . != null)
	    | true), false));

# The run with the config's path P set to F, which is applied to the
# config; P may name several places and need not exist yet.
#   derive(.train.batch_size; .train.seq_length * 8)
def derive(p; f):
	_run("derive") | .config = (.config | p = f);

# The run with one more parameter in its name: NAME and VALUE (applied
# to the run) go into .run.params as sweep-add would have put them, so
# sweep-name adds _NAME_VALUE and lists them in meta. A parameter of that
# name already there gets the new value instead. The config is left as
# it is: set it with derive.
#   tag("bs"; .config.train.batch_size)
def tag($name; $value):
	_run("tag")
	| if ($name | type) != "string" or $name == "" then
		error("tag: the name is \($name | tojson): give a name that is "
		    + "a non-empty string, as sweep-add -n takes")
	elif any(.run.params[]; .name == $name) then
		.run.params |= map(if .name == $name
		    then .value = $value | .value_name = null else . end)
	else
		.run.params += [{"key": $name, "name": $name, "value": $value,
		    "value_name": null, "hidename": false}]
	end;

# The run with parameter NAME kept out of its name (still in meta), as
# sweep-add --hide-name would have done; an error when the run has no
# parameter of that name.
#   hide("seed")
def hide($name):
	_run("hide")
	| if any(.run.params[]; .name == $name) then
		.run.params |= map(if .name == $name then .hidename = true
		    else . end)
	else error("hide: run \(.run.index) has no parameter named "
	    + "\($name | tojson)")
	end;

# Numbers the runs of RUNS from 0 in stream order, as one sweep's: for a
# union of sweeps whose indexes repeat. Run it with -n and inputs:
#   cat a.runs b.runs | jq -nc -L DIR 'include "sweep"; reindex(inputs)'
def reindex(runs):
	foreach runs as $r (-1; . + 1; . as $i | $r | _run("reindex")
	    | .run.index = $i);
