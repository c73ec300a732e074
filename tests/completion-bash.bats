#!/usr/bin/env bats
# bash completion, as a user sees it in an interactive bash (through tmux)
# with bash-completion loading sweep's completion from the prefix that
# make install filled.

load shell

@test "bash: keys of the base config after -k, one level at a time" {
	start_shell bash
	type_keys 'sweep-add -b base.json -k algo.optim' Tab
	screen_is '$ sweep-add -b base.json -k algo.optim_params'
	type_keys Tab Tab
	screen_is '$ sweep-add -b base.json -k algo.optim_params
algo.optim_params   algo.optim_params.
$ sweep-add -b base.json -k algo.optim_params'
	type_keys .p Tab
	screen_is '$ sweep-add -b base.json -k algo.optim_params
algo.optim_params   algo.optim_params.
$ sweep-add -b base.json -k algo.optim_params.policy'
	type_keys .learning_rate.i Tab 1e-3
	screen_is '$ sweep-add -b base.json -k algo.optim_params
algo.optim_params   algo.optim_params.
$ sweep-add -b base.json -k algo.optim_params.policy.learning_rate.initial 1e-3'
}

@test "bash: keys from an earlier stage of the pipeline, --key=, < FILE" {
	start_shell bash
	type_keys 'sweep-add -b base.json -k train.see' Tab
	screen_is '$ sweep-add -b base.json -k train.seed'
	type_keys '1 | sweep-add -k algo.rnn.hid' Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hidden_dim'
	completes '400 | sweep name --name-key=experiment.na' \
	    '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hidden_dim 400 | sweep name --name-key=experiment.name'
	type_keys 'sweep-add < base.json --key=train.seq' Tab '10 | sweep-add --key=train.ba' Tab
	screen_is '$ sweep-add < base.json --key=train.seq_length 10 | sweep-add --key=train.batch_size'
	next_line
	type_keys 'sweep-expand < spec.json | sweep-name --name-key experiment.na' Tab
	screen_is '$ sweep-expand < spec.json | sweep-name --name-key experiment.name'
}

@test "bash: no base config, no keys; a semicolon starts a new pipeline" {
	start_shell bash
	type_keys 'sweep-add -b base.json -k algo.rnn.en' Tab
	screen_is '$ sweep-add -b base.json -k algo.rnn.enabled'
	type_keys 'true; sweep-add -k algo.rnn.hid' Tab Tab Tab
	screen_is '$ sweep-add -b base.json -k algo.rnn.enabled true; sweep-add -k algo.rnn.hid'
}

@test "bash: options (--logs and --relative too), files after -b, directories after -o, launchers after -l" {
	start_shell bash
	completes 'sweep-add --gr' \
	    '$ sweep-add --group='
	type_keys 'sweep-add --h' Tab Tab
	screen_is '$ sweep-add --h
--help       --hide-name
$ sweep-add --h'
	next_line
	completes 'sweep-add -b od' \
	    '$ sweep-add -b odd.json'
	completes 'sweep-status od' \
	    '$ sweep-status odd.json'
	completes 'sweep-script -o ' \
	    '$ sweep-script -o out/'
	completes 'sweep-script --lo' \
	    '$ sweep-script --logs'
	completes 'sweep-script --rel' \
	    '$ sweep-script --relative'
	type_keys 'sweep-script -l ' Tab Tab
	screen_is '$ sweep-script -l
bash      parallel  slurm
$ sweep-script -l'
	type_keys 'sl' Tab
	screen_is '$ sweep-script -l
bash      parallel  slurm
$ sweep-script -l slurm'
}

@test "bash: sweep's commands, and completion after one as after sweep-COMMAND" {
	start_shell bash
	type_keys 'sweep ' Tab Tab
	screen_is '$ sweep
add      collect  expand   keys     name     plot     script   status   table
$ sweep'
	type_keys 'ex' Tab
	screen_is '$ sweep
add      collect  expand   keys     name     plot     script   status   table
$ sweep expand'
	next_line
	completes 'sweep add -b iris.json -k algo.value_planner.planner.optim_params.goal_network.learning_rate.dec' \
	    '$ sweep add -b iris.json -k algo.value_planner.planner.optim_params.goal_network.learning_rate.decay_factor'
	type_keys 'sweep script --o' Tab
	screen_is '$ sweep script --out-dir='
}

@test "bash: keys that need the jq form come quoted" {
	start_shell bash
	type_keys 'sweep-add -b odd.json -k .' Tab
	screen_is '$ sweep-add -b odd.json -k .\[\"odd.key\"\]'
	type_keys '[' Tab Tab Tab
	screen_is '$ sweep-add -b odd.json -k .\[\"odd.key\"\]\[\"
.\[\"odd.key\"\]\[\"if\"\]   .\[\"odd.key\"\]\[\"x/y\"\]
$ sweep-add -b odd.json -k .\[\"odd.key\"\]\[\"'
}

@test "bash: TAB sees earlier stages once the completion is loaded" {
	# On demand, the first sweep completion of a session loads it.
	start_shell bash
	type_keys 'sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hid' Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hid'
	type_keys Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hidden_dim'
	teardown
	# Sourced from ~/.bashrc, it is there from the first TAB on.
	start_shell bash ". '$PREFIX/share/bash-completion/completions/sweep'"
	type_keys 'sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hid' Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hidden_dim'
}

# evil.json: a key that runs a command when it lands in a line unquoted.
evil_config() {
	printf '{"a'"'"'$(touch PWNED)'"'"'b": 1, "c\\"$(touch PWNED)\\"d": 2}\n' > evil.json
}

@test "bash: a hostile key typed inside ' or \" stays text: Enter runs nothing of it" {
	evil_config
	start_shell bash
	type_keys "sweep-add -b evil.json -k 'a" Tab
	screen_is "\$ sweep-add -b evil.json -k 'a'\\''\$(touch PWNED)'\\''b'"
	type_keys '1 > single.json' Enter
	screen_is "\$ sweep-add -b evil.json -k 'a'\\''\$(touch PWNED)'\\''b' 1 > single.json
\$"
	assert_equal "$(jq -c .sweep.params[0].key single.json)" '"a'"'"'$(touch PWNED)'"'"'b"'
	next_line
	type_keys 'sweep-add -b evil.json -k "c' Tab
	screen_is '$ sweep-add -b evil.json -k "c\"\$(touch PWNED)\"d"'
	type_keys '1 > double.json' Enter
	screen_is '$ sweep-add -b evil.json -k "c\"\$(touch PWNED)\"d" 1 > double.json
$'
	assert_equal "$(jq -c .sweep.params[0].key double.json)" '"c\"$(touch PWNED)\"d"'
	[ ! -e PWNED ]
}

@test "bash: the distributions of sweep-add and --sobol of sweep-expand" {
	start_shell bash
	completes 'sweep-add --log' \
	    '$ sweep-add --log-uniform='
	completes 'sweep-add --int' \
	    '$ sweep-add --int-uniform='
	completes 'sweep-expand --so' \
	    '$ sweep-expand --sobol'
}

@test "bash: sweep-add's naming and writing options, keys after --name-key, directories after -o" {
	sweep_add_naming_tab bash
}

@test "bash: a base config that is a FIFO is left to the command: completion takes none of its data" {
	mkfifo fifo
	# the writer gives up by itself if the test fails before it is read
	timeout 30 sh -c "printf '{\"abc\": 1}' > fifo" 3>&- &
	start_shell bash
	type_keys 'sweep-add -b fifo -k a' Tab X
	screen_is '$ sweep-add -b fifo -k aX'
	assert_equal "$(timeout 10 cat fifo)" '{"abc": 1}'
}
