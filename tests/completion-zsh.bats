#!/usr/bin/env bats
# zsh completion, as a user sees it in an interactive zsh (through tmux)
# whose compinit finds _sweep in the prefix that make install filled.

load shell

@test "zsh: keys of the base config after -k, one level at a time" {
	start_shell zsh
	type_keys 'sweep-add -b base.json -k algo.optim' Tab
	screen_is '$ sweep-add -b base.json -k algo.optim_params'
	type_keys Tab
	screen_is '$ sweep-add -b base.json -k algo.optim_params
algo.optim_params   algo.optim_params.'
	type_keys .p Tab
	screen_is '$ sweep-add -b base.json -k algo.optim_params.policy'
	type_keys .learning_rate.i Tab 1e-3
	screen_is '$ sweep-add -b base.json -k algo.optim_params.policy.learning_rate.initial 1e-3'
}

@test "zsh: keys from earlier stages, earlier lines too, --key=, < FILE" {
	start_shell zsh
	type_keys 'sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hid' Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hidden_dim'
	completes '400 | sweep name --name-key=experiment.na' \
	    '$ sweep-add -b base.json -k train.seed 1 | sweep-add -k algo.rnn.hidden_dim 400 | sweep name --name-key=experiment.name'
	type_keys 'sweep-add -b base.json -k train.seed 1 \' Enter '| sweep-add --key=algo.gmm.en' Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1 \
> | sweep-add --key=algo.gmm.enabled'
	next_line
	type_keys 'sweep-expand < spec.json | sweep-name --name-key experiment.na' Tab
	screen_is '$ sweep-expand < spec.json | sweep-name --name-key experiment.name'
}

@test "zsh: no base config, no keys; a semicolon starts a new pipeline" {
	start_shell zsh
	type_keys 'sweep-add -b base.json -k train.seed 1; sweep-add -k algo.rnn.hid' Tab
	screen_is '$ sweep-add -b base.json -k train.seed 1; sweep-add -k algo.rnn.hid'
}

@test "zsh: options with their --help text, files, directories, launchers" {
	start_shell zsh
	type_keys 'sweep-add --h' Tab
	screen_is '$ sweep-add --h
--help       -- Give this help list
--hide-name  -- Keep the parameter in meta but out of run names'
	next_line
	completes 'sweep-add --gr' \
	    '$ sweep-add --group='
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
	type_keys 'sweep-script -l ' Tab
	screen_is '$ sweep-script -l
bash      parallel  slurm'
}

@test "zsh: sweep's commands, and completion after one as after sweep-COMMAND" {
	start_shell zsh
	type_keys 'sweep ' Tab
	screen_is '$ sweep
add      collect  expand   keys     name     plot     script   status   table'
	type_keys 'ex' Tab
	screen_is '$ sweep expand
add      collect  expand   keys     name     plot     script   status   table'
	next_line
	completes 'sweep add -b iris.json -k algo.value_planner.planner.optim_params.goal_network.learning_rate.dec' \
	    '$ sweep add -b iris.json -k algo.value_planner.planner.optim_params.goal_network.learning_rate.decay_factor'
	type_keys 'sweep script --o' Tab
	screen_is '$ sweep script --out-dir='
}

@test "zsh: keys that need the jq form come quoted" {
	start_shell zsh
	type_keys 'sweep-add -b odd.json -k .' Tab
	screen_is '$ sweep-add -b odd.json -k .\[\"odd.key\"\]'
	type_keys '\[' Tab
	screen_is '$ sweep-add -b odd.json -k .\[\"odd.key\"\]\[\"'
	type_keys Tab
	screen_is '$ sweep-add -b odd.json -k .\[\"odd.key\"\]\[\"
.\[\"odd.key\"\]\[\"if\"\]   .\[\"odd.key\"\]\[\"x/y\"\]'
}

@test "zsh: a hostile key typed inside ' or \" stays text: Enter runs nothing of it" {
	printf '{"a'"'"'$(touch PWNED)'"'"'b": 1, "c\\"$(touch PWNED)\\"d": 2}\n' > evil.json
	start_shell zsh
	type_keys "sweep-add -b evil.json -k 'a" Tab
	screen_is "\$ sweep-add -b evil.json -k 'a'\\''\$(touch PWNED)'\\''b'"
	type_keys ' 1 > single.json' Enter
	screen_is "\$ sweep-add -b evil.json -k 'a'\\''\$(touch PWNED)'\\''b' 1 > single.json
\$"
	assert_equal "$(jq -c .sweep.params[0].key single.json)" '"a'"'"'$(touch PWNED)'"'"'b"'
	[ ! -e PWNED ]
}

@test "zsh: the distributions of sweep-add and --sobol of sweep-expand" {
	start_shell zsh
	completes 'sweep-add --log' \
	    '$ sweep-add --log-uniform='
	completes 'sweep-expand --so' \
	    '$ sweep-expand --sobol'
}

@test "zsh: sweep-add's naming and writing options, keys after --name-key, directories after -o" {
	sweep_add_naming_tab zsh
}

@test "zsh: a base config that is a FIFO is left to the command: completion takes none of its data" {
	mkfifo fifo
	# the writer gives up by itself if the test fails before it is read
	timeout 30 sh -c "printf '{\"abc\": 1}' > fifo" 3>&- &
	start_shell zsh
	type_keys 'sweep-add -b fifo -k a' Tab X
	screen_is '$ sweep-add -b fifo -k aX'
	assert_equal "$(timeout 10 cat fifo)" '{"abc": 1}'
}
