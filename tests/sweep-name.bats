#!/usr/bin/env bats
# sweep-name: give each run its identity.

load helper

# names SPEC_PIPELINE [SWEEP-NAME OPTIONS]: the run names, one a line.
names() {
	local pipeline=$1
	shift
	local opts=
	[ $# -eq 0 ] || opts=$(printf '%q ' "$@")
	bash -c "$pipeline | sweep-expand | sweep-name $opts | jq -r .run.name"
}

@test "base, then _NAME_VALUE for every named parameter" {
	run names "sweep-add -b '$FIX/small.json' -k a -n lr 0.001 1e-4 | sweep-add -k b.c -n '' true"
	assert_success
	assert_output $'exp_lr_0.001\nexp_lr_0.0001'
}

@test "value texts: strings as is, numbers as jq prints them, arrays joined by _" {
	run names "sweep-add -b '$FIX/small.json' -k n -n v -- abc 1e-5 100000000000000000 true false null '[1,\"x\",[2,3]]' '[]' 2.50"
	assert_success
	assert_output 'exp_v_abc
exp_v_1e-05
exp_v_1e+17
exp_v_true
exp_v_false
exp_v_null
exp_v_1_x_2_3
exp_v
exp_v_2.5'
}

@test "value names replace values; an empty one leaves just the name" {
	run names "sweep-add -b '$FIX/small.json' -k o -n opt -N big, '{\"p\":1}' '{\"p\":2}'"
	assert_success
	assert_output $'exp_opt_big\nexp_opt'
}

@test "hidden and empty names stay out of the name" {
	run names "sweep-add -b '$FIX/small.json' -k a -n a --hide-name 1 2 | sweep-add -k b.d -n d x | sweep-add -k b.c -n '' true false"
	assert_output $'exp_d_x\nexp_d_x\nexp_d_x\nexp_d_x'
}

@test "--base-name, --no-base, and an empty base" {
	run names "sweep-add -b '$FIX/small.json' -k a 1 2" --base-name run
	assert_output $'run_a_1\nrun_a_2'
	run names "sweep-add -b '$FIX/small.json' -k a 1 2" --no-base
	assert_output $'a_1\na_2'
	run names "sweep-add -b - -k a 1 2 <<<'{\"a\": 0}'"
	assert_output $'a_1\na_2'
}

@test "a / in a name becomes -" {
	run names "sweep-add -b '$FIX/small.json' -k b.d -n data -- /data/x.hdf5 ../up"
	assert_output $'exp_data_-data-x.hdf5\nexp_data_..-up'
}

@test "the name goes to .run.name and the name key, which keeps its place" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name --no-meta | jq -c '[.run.name, .config]'"
	assert_output '["exp_a_1",{"experiment":{"name":"exp_a_1"},"a":1,"b":{"c":true,"d":"x"},"l":[1,2],"layers":[{"dim":1},{"dim":2}],"n":null,"o":{"p":1,"odd.key":2}}]'
}

@test "--name-key reads and writes another key, making it if needed" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name --no-meta --name-key b.d | jq -c '.config | [.b, .experiment]'"
	assert_output '[{"c":true,"d":"x_a_1"},{"name":"exp"}]'
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name --no-meta --name-key run.id | jq -c '.config.run'"
	assert_output '{"id":"a_1"}'
}

@test "--base-name never puts the name over a name key that holds a number or an object (with swept values in it)" {
	sweep-add -b "$FIX/small.json" -k b.d -n d x y > spec
	sweep-expand < spec > runs
	jq . runs > pretty
	local input key kind
	for input in runs pretty; do
		for key in 'b:an object' 'a:a number' 'l:an array'; do
			kind=${key#*:} key=${key%%:*}
			run --separate-stderr sweep-name --name-key "$key" --base-name q < $input
			assert_equal "$input $key: $status $stderr" "$input $key: 1 sweep-name: <stdin>:1: the name key $key holds $kind, which the run name would replace: give --name-key a key that holds a string, or none"
			assert_output ''
		done
	done
	run --separate-stderr sweep-script --dry-run --name-key b --base-name q < spec
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: <stdin>:1: the name key b holds an object, which the run name would replace: give --name-key a key that holds a string, or none'
	# the swept key as name key keeps its value, as robomimic's does
	run bash -c "sweep-name --name-key b.d --base-name q < runs | jq -c '[.run.name, .config.b.d]'"
	assert_output '["q_d_x","x"]
["q_d_y","y"]'
}

@test "a config whose experiment is no object has no name key: named as one without it, on every path; --wandb-project says why it cannot" {
	echo '{"experiment": "baseline", "lr": 0.1}' > cfg.json
	sweep-add -b cfg.json -k lr 0.1 0.2 > spec
	sweep-expand < spec > runs
	jq . runs > pretty
	local input
	for input in runs pretty; do
		run bash -c "sweep-name < $input | jq -c '[.run.name, .config]'"
		assert_equal "$input: $output" "$input: "'["lr_0.1",{"experiment":"baseline","lr":0.1}]
["lr_0.2",{"experiment":"baseline","lr":0.2}]'
		run --separate-stderr sweep-name --wandb-project p < $input
		assert_equal "$input: $status $stderr" "$input: 1 sweep-name: <stdin>:1: --wandb-project: experiment in the config is a string, which cannot hold wandb_proj_name: leave out --wandb-project, or set the project with jq"
		assert_output ''
	done
	run --separate-stderr sweep-script -q -o out < spec
	assert_success
	assert_equal "$(jq -c . out/lr_0.1.json)" '{"experiment":"baseline","lr":0.1}'
	echo '{"experiment": {"logging": [1]}, "lr": 0.1}' > cfg.json
	run --separate-stderr bash -c "sweep-add -b cfg.json -k lr 0.1 0.2 | sweep-script --dry-run --wandb-project p"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: <stdin>:1: --wandb-project: experiment.logging in the config is an array, which cannot hold wandb_proj_name: leave out --wandb-project, or set the project with jq'
}

@test "meta: base file, keys (hidden too) and values, appended last" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a --hide-name 1 | sweep-add -k b.d -n d -N ex x | sweep-add -k b.c true |
		sweep-expand | sweep-name | jq -c '[(.config | keys_unsorted | last), .config.meta]'"
	assert_output "[\"meta\",{\"hp_base_config_file\":\"$FIX/small.json\",\"hp_keys\":[\"a\",\"d\"],\"hp_values\":[1,\"ex\"]}]"
}

@test "meta keeps its place and its other keys" {
	echo '{"meta": {"hp_keys": 0, "note": "keep"}, "experiment": {"name": "e"}, "a": 1}' > base.json
	run bash -c "sweep-add -b base.json -k a -n a 2 | sweep-expand | sweep-name | jq -c .config"
	assert_output '{"meta":{"hp_keys":["a"],"note":"keep","hp_base_config_file":"base.json","hp_values":[2]},"experiment":{"name":"e_a_2"},"a":2}'
}

@test "--no-meta and --wandb-project" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name --no-meta --wandb-project proj | jq -c '[.config.meta, .config.experiment]'"
	assert_output '[null,{"name":"exp_a_1","logging":{"wandb_proj_name":"proj"}}]'
}

@test "a config without the name key gets no name key and no meta: only the swept keys change" {
	sweep-add -b "$FIX/plain.json" -k optim.lr -n lr 0.01 | sweep-add -k model -n m vit | sweep-expand > runs
	sed 's/,"/, "/g' runs > pretty
	for input in runs pretty; do
		run bash -c "sweep-name < $input | jq -c '[.run.name, .config]'"
		assert_output '["lr_0.01_m_vit",{"model":"vit","optim":{"lr":0.01,"momentum":0.9},"layers":[64,64],"meta":{"owner":"me"}}]'
	done
	run bash -c "sweep-name < runs | jq -c .config | cmp - <(jq -c '.optim.lr = 0.01 | .model = \"vit\"' '$FIX/plain.json')"
	assert_success
}

@test "--name-key and --meta ask for the name key and meta in a config without it" {
	sweep-add -b "$FIX/plain.json" -k optim.lr -n lr 0.01 | sweep-expand > runs
	sed 's/,"/, "/g' runs > pretty
	for input in runs pretty; do
		run bash -c "sweep-name --name-key run_name < $input | jq -c .config"
		assert_output '{"model":"resnet","optim":{"lr":0.01,"momentum":0.9},"layers":[64,64],"meta":{"owner":"me"},"run_name":"lr_0.01"}'
		run bash -c "sweep-name --meta < $input | jq -c .config"
		assert_output "{\"model\":\"resnet\",\"optim\":{\"lr\":0.01,\"momentum\":0.9},\"layers\":[64,64],\"meta\":{\"owner\":\"me\",\"hp_base_config_file\":\"$FIX/plain.json\",\"hp_keys\":[\"lr\"],\"hp_values\":[0.01]}}"
		run bash -c "sweep-name --meta --name-key x.y --base-name b < $input | jq -c '.config | [.x, .meta.hp_keys]'"
		assert_output '[{"y":"b_lr_0.01"},["lr"]]'
	done
}

@test "a config with the name key gets it and meta as before; --no-meta still wins" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 2 | sweep-expand | sweep-name | jq -c '.config | [.experiment, .meta.hp_keys]'"
	assert_output '[{"name":"exp_a_2"},["a"]]'
	run bash -c "sweep-add -b - -k a -n a 2 <<<'{\"experiment\": {\"name\": null}, \"a\": 1}' | sweep-expand | sweep-name --no-meta | jq -c .config"
	assert_output '{"experiment":{"name":"a_2"},"a":2}'
}

@test "the options a run carries apply; sweep-name's own win" {
	sweep-add -b "$FIX/small.json" --name-key=b.d --no-meta --base-name=B -k a -n a 2 | sweep-expand > runs
	sed 's/,"/, "/g' runs > pretty
	for input in runs pretty; do
		run bash -c "sweep-name < $input | jq -c '[.run.name, .config.b, .config.experiment, .config.meta]'"
		assert_output '["B_a_2",{"c":true,"d":"B_a_2"},{"name":"exp"},null]'
		run bash -c "sweep-name --name-key=experiment.name --meta --no-base < $input | jq -c '[.run.name, .config.b, .config.experiment, .config.meta.hp_keys]'"
		assert_output '["a_2",{"c":true,"d":"x"},{"name":"a_2"},["a"]]'
	done
	sweep-add -b "$FIX/plain.json" -k optim.lr -n lr 0.1 | sweep-expand > plain.runs
	run bash -c "cat runs plain.runs | sweep-name | jq -c '[.run.name, .config.b.d, .config.run_name]'"
	assert_output '["B_a_2","B_a_2",null]
["lr_0.1",null,null]'
	jq -c '.run.options.meta = 1' runs > bad
	run --separate-stderr sweep-name < bad
	assert_failure 1
	assert_equal "$stderr" 'sweep-name: <stdin>:1: malformed options: they hold name_key, base_name, wandb_project and out_dir as strings and meta as true or false: give them to sweep-add'
}

@test "--meta and --no-meta exclude each other" {
	run sweep-name --meta --no-meta < /dev/null
	assert_failure 64
	assert_line --index 0 'sweep-name: --meta and --no-meta exclude each other: give one'
	run sweep-script --no-meta --meta < /dev/null
	assert_failure 64
	assert_line --index 0 'sweep-script: --meta and --no-meta exclude each other: give one'
}

@test "no runs in, no runs out, quietly" {
	run --separate-stderr sweep-name < /dev/null
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
}

@test "an object value without a value name is refused" {
	sweep-add -b "$FIX/small.json" -k o -n '' '{"p":3}' | sweep-expand | jq -c '.run.params[0].name = "o"' > runs
	run --separate-stderr sweep-name < runs
	assert_failure 1
	assert_equal "$stderr" 'sweep-name: <stdin>:1: o has an object value, which cannot go in a run name: give the values names with -N'
	assert_output ''
}

@test "a name over 250 bytes is refused; 250 is fine" {
	run bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d $(printf 'x%.0s' {1..244}) | sweep-expand | sweep-name | jq -r '.run.name | length'"
	assert_output 250
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d $(printf 'x%.0s' {1..245}) | sweep-expand | sweep-name"
	assert_failure 1
	assert_equal "$stderr" 'sweep-name: <stdin>:1: run name exp_d_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is 251 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name'
}

@test "an empty name is refused" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-expand | sweep-name --no-base"
	assert_failure 1
	assert_equal "$stderr" 'sweep-name: <stdin>:1: a run has an empty name: give a base name with --base-name, or name a parameter with -n'
}

@test "a run edited so its config or params lost their shape says which, not just 'not a run'" {
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 | sweep-expand > runs
	local r edits=(
		'.config = [1]:config is an array, not an object'
		'.config = "x":config is a string, not an object'
		'del(.config):config is missing'
		'.run.params = {}:run.params is not an array'
	)
	for r in "${edits[@]}"; do
		run --separate-stderr bash -c "jq -c '${r%%:*}' runs | sweep-name"
		assert_equal "${r%%:*}: $status $stderr" "${r%%:*}: 1 sweep-name: <stdin>:1: a run whose ${r#*:}: keep .config an object and .run.params an array when editing runs"
		assert_output ''
	done
}

@test "a spec is not a run" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-name"
	assert_failure 1
	assert_equal "$stderr" 'sweep-name: <stdin>:1: not a run but a sweep spec: pipe runs from sweep-expand here'
}

@test "--base-name and --no-base exclude each other" {
	run sweep-name --base-name x --no-base < /dev/null
	assert_failure 64
	assert_line --index 0 'sweep-name: --base-name and --no-base exclude each other: give one'
}

@test "runs named in their text and as jv values come out the same" {
	echo '{"meta": null, "experiment": {"name": "e", "logging": {"wandb_proj_name": "x"}}, "a": {"b/c": 1, "d\"q": [1, {"e": 2}]}, "f": 0.5}' > odd.json
	for base in "$FIX/robomimic/bc.json" "$FIX/robomimic/iris.json" "$FIX/seed/base.json" odd.json "$FIX/small.json" "$FIX/plain.json"; do
		sweep-add -b "$base" -k .experiment --create -n ex -N one,two '{"name": "n1"}' '{"name": "n2", "logging": {}}' > spec1
		sweep-add -b "$base" -k experiment.zz_new --create -n v -- true false '"s/t"' > spec2
		for spec in spec1 spec2; do
			sweep-expand < "$spec" > runs
			sed 's/,"/, "/g' runs > pretty
			for opts in "" "--no-meta" "--meta" "--meta --name-key zz" "--wandb-project p" "--base-name b" "--no-base" "--name-key experiment.name" "--name-key zz.top" "--name-key .experiment.name" "--name-key meta.x"; do
				sweep-name $opts < runs > lane 2> lane.err || true
				sweep-name $opts < pretty > path 2> path.err || true
				assert_equal "$(cat lane)" "$(cat path)"
				assert_equal "$(sed 's/:[0-9]*:/:/' lane.err)" "$(sed 's/:[0-9]*:/:/' path.err)"
			done
		done
	done
}

@test "fields added to a run keep their places" {
	sweep-add -b "$FIX/small.json" -k a -n a 1 | sweep-expand | jq -c '{note: 1} + . + {tail: [2]}' > runs
	run bash -c "sweep-name --no-meta < runs | jq -c 'keys_unsorted, .run.name, .note, .tail'"
	assert_output '["note","run","config","tail"]
"exp_a_1"
1
[2]'
}

@test "naming twice names once: a run that has a name keeps it" {
	runs 1 2 > named
	run bash -c "sweep-name < named | sweep-name"
	assert_success
	assert_output "$(cat named)"
	# in the text lane and through jq alike
	run bash -c "jq . named | sweep-name --wandb-project p | jq -c '[.run.name, .config.experiment.name, .config.meta.hp_values]'"
	assert_success
	assert_output '["exp_a_1","exp_a_1",[1]]
["exp_a_2","exp_a_2",[2]]'
	run bash -c "sweep-name --no-base < named | jq -r .run.name"
	assert_output $'exp_a_1\nexp_a_2'
}

@test "a name a run brings is held to the rules of a name made here" {
	local long
	long=$(printf 'n%.0s' {1..251})
	runs 1 | jq -c --arg n "$long" '.run.name = $n' > named
	run --separate-stderr sweep-name < named
	assert_failure 1
	assert_equal "$stderr" "sweep-name: <stdin>:1: run name $(printf 'n%.0s' {1..40})... is 251 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name"
	assert_output ''
	runs 1 | jq -c '.run.name = ""' > named
	run --separate-stderr sweep-name < named
	assert_failure 1
	assert_equal "$stderr" "sweep-name: <stdin>:1: a run has an empty name: give a base name with --base-name, or name a parameter with -n"
	# in the text lane and through jq alike
	runs 1 | jq '.run.name = "a/b"' > named
	run bash -c "sweep-name < named | jq -r '.run.name, .config.experiment.name'"
	assert_output $'a-b\na-b'
}
