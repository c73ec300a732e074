#!/usr/bin/env bats
# fish completion: what fish offers (complete -C, candidate and
# description) in a fish that finds sweep's completions in the prefix
# that make install filled, and no user configuration.

load shell

# complete LINE: what fish offers at the end of LINE.
complete() {
	local home=$BATS_TEST_TMPDIR/home
	mkdir -p "$home/config"
	run env -i HOME="$home" XDG_CONFIG_HOME="$home/config" LANG=C.UTF-8 \
	    SWEEP_COMPLETION_TIMEOUT="${SWEEP_COMPLETION_TIMEOUT:-2}" \
	    PATH="$PREFIX/bin:/usr/bin:/bin" XDG_DATA_DIRS="$PREFIX/share" \
	    fish -c 'complete -C $argv[1]' "$1"
	assert_success
}

KEY='Where the value goes: a dotted key (algo.rnn.enabled, / separates too) or a jq path (.a["odd.key"], .layers[].dim)'

@test "fish: keys of the base config after -k, one level at a time" {
	complete 'sweep-add -b base.json -k algo.optim'
	assert_output "algo.optim_params	$KEY
algo.optim_params.	$KEY"
	complete 'sweep-add -b base.json -k algo.optim_params.policy.learning_rate.'
	assert_output "algo.optim_params.policy.learning_rate.decay_factor	$KEY
algo.optim_params.policy.learning_rate.epoch_schedule	$KEY
algo.optim_params.policy.learning_rate.initial	$KEY
algo.optim_params.policy.learning_rate.scheduler_type	$KEY"
}

@test "fish: keys from earlier stages, earlier lines too, --key=, < FILE" {
	complete 'sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hid'
	assert_output "algo.rnn.hidden_dim	$KEY"
	complete 'sweep-add -b base.json -k train.seed 1 | sweep name --name-key=experiment.na'
	assert_output '--name-key=experiment.name	Read the base name from KEY and write the run name there, made if missing (default: experiment.name, written only where the config has it)'
	complete 'sweep-add -b base.json -k train.seed 1 \
| sweep-add --key=algo.gmm.en'
	assert_output "--key=algo.gmm.enabled	$KEY"
	complete 'sweep-expand < spec.json | sweep-name --name-key experiment.na'
	assert_output 'experiment.name	Read the base name from KEY and write the run name there, made if missing (default: experiment.name, written only where the config has it)'
}

@test "fish: no base config, no keys; a semicolon starts a new pipeline" {
	complete 'sweep-add -b base.json -k train.seed 1; sweep-add -k algo.rnn.hid'
	assert_output ''
}

@test "fish: options with their --help text, files, directories, launchers" {
	complete 'sweep-add --h'
	assert_output $'--help\tGive this help list\n--hide-name\tKeep the parameter in meta but out of run names'
	complete 'sweep-add -b od'
	assert_output 'odd.json'
	complete 'sweep-status od'
	assert_output 'odd.json'
	complete 'sweep-script -o '
	assert_output $'out/\tDirectory'
	complete 'sweep-script --lo'
	assert_output $'--logs\tbash: log each run to FILE.logs/NAME.log, mark its start and end, skip it when started again after it succeeded, and end with a summary (parallel and slurm always do)'
	complete 'sweep-script --rel'
	assert_output $'--relative\tWith -s: write every path in the script and its manifest relative to the script\'s directory, which the script finds when it starts, so that the tree can be moved or copied elsewhere'
	complete 'sweep-script -l '
	assert_output "bash	What the script does with the commands: bash (one after another, the default), parallel (GNU parallel) or slurm (an sbatch job array)
parallel	What the script does with the commands: bash (one after another, the default), parallel (GNU parallel) or slurm (an sbatch job array)
slurm	What the script does with the commands: bash (one after another, the default), parallel (GNU parallel) or slurm (an sbatch job array)"
}

@test "fish: sweep's commands, and completion after one as after sweep-COMMAND" {
	complete 'sweep '
	assert_output $'add\tsweep command\ncollect\tsweep command\nexpand\tsweep command\nkeys\tsweep command\nname\tsweep command\nplot\tsweep command\nscript\tsweep command\nstatus\tsweep command\ntable\tsweep command'
	complete 'sweep add -b iris.json -k algo.value_planner.planner.optim_params.goal_network.learning_rate.dec'
	assert_output "algo.value_planner.planner.optim_params.goal_network.learning_rate.decay_factor	$KEY"
	complete 'sweep script --o'
	assert_output $'--out-dir\tWrite configs to DIR, made if missing (default: sweep-add\'s -o, else the directory of the run\'s base file, or . for a base from stdin)'
}

@test "fish: keys that need the jq form" {
	complete 'sweep-add -b odd.json -k .'
	assert_output "."'["odd.key"]'"	$KEY
."'["odd.key"]['"	$KEY"
	complete "sweep-add -b odd.json -k '.[\"odd.key\"]["
	assert_output "."'["odd.key"]["if"]'"	$KEY
."'["odd.key"]["x/y"]'"	$KEY"
}

@test "fish: a hostile key typed inside ' or \" stays text: Enter runs nothing of it" {
	printf '{"a'"'"'$(touch PWNED)'"'"'b": 1}\n' > evil.json
	start_shell fish
	type_keys "sweep-add -b evil.json -k 'a" Tab
	screen_is "\$ sweep-add -b evil.json -k 'a\\'\$(touch PWNED)\\'b'"
	type_keys '1 > single.json' Enter
	screen_is "\$ sweep-add -b evil.json -k 'a\\'\$(touch PWNED)\\'b' 1 > single.json
\$"
	assert_equal "$(jq -c .sweep.params[0].key single.json)" '"a'"'"'$(touch PWNED)'"'"'b"'
	[ ! -e PWNED ]
}

@test "fish: the distributions of sweep-add and --sobol of sweep-expand" {
	complete 'sweep-add --log'
	assert_output $'--log-uniform\tReal numbers from A to B whose log is uniform; A, B above 0'
	complete 'sweep-expand --so'
	assert_output $'--sobol\tDraw the distributions of --sample from a Sobol sequence, which covers the space evenly; --seed scrambles it'
}

@test "fish: sweep-add's naming and writing options, keys after --name-key, directories after -o" {
	complete 'sweep-add -b base.json --no-'
	assert_output $'--no-base\tStart run names with nothing\n--no-meta\tNever write meta'
	complete 'sweep-add -b base.json --name-key=experiment.na'
	assert_output '--name-key=experiment.name	Read the base name from KEY and write the run name there, made if missing (default: experiment.name, written only where the config has it)'
	complete 'sweep-add -b base.json -k train.seed 1 | sweep-add -o '
	assert_output $'out/\tDirectory'
}

@test "fish: a base config that is a FIFO is left to the command: completion takes none of its data" {
	mkfifo fifo
	# the writer gives up by itself if the test fails before it is read
	timeout 30 sh -c "printf '{\"abc\": 1}' > fifo" 3>&- &
	complete 'sweep-add -b fifo -k a'
	assert_output ''
	assert_equal "$(timeout 10 cat fifo)" '{"abc": 1}'
}
