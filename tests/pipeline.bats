#!/usr/bin/env bats
# Whole sweeps, end to end.

load helper

SEED_NAMES='bc_rnn_hyper_plr_0.001_gmm_t_rnnd_400_mlp_1024
bc_rnn_hyper_plr_0.001_gmm_t_rnnd_1000_mlp_0
bc_rnn_hyper_plr_0.001_gmm_f_rnnd_400_mlp_1024
bc_rnn_hyper_plr_0.001_gmm_f_rnnd_1000_mlp_0
bc_rnn_hyper_plr_0.0001_gmm_t_rnnd_400_mlp_1024
bc_rnn_hyper_plr_0.0001_gmm_t_rnnd_1000_mlp_0
bc_rnn_hyper_plr_0.0001_gmm_f_rnnd_400_mlp_1024
bc_rnn_hyper_plr_0.0001_gmm_f_rnnd_1000_mlp_0'

# The expected file FILE of the seed fixtures, for the sweep in DIR.
expected() {
	sed "s#@DIR@#$2#g" "$FIX/seed/$1"
}

@test "the seed's tutorial: the same eight configs and script as robomimic" {
	local dir=$PWD/gen_configs
	mkdir "$dir"
	cp "$FIX/seed/base.json" "$dir/base.json"
	run --separate-stderr bash -c "set -o pipefail
		sweep-add -b $dir/base.json -k algo.rnn.enabled -g 0 true \\
		| sweep-add -k train.seq_length -g 0 10 \\
		| sweep-add -k algo.rnn.horizon -g 0 10 \\
		| sweep-add -k algo.optim_params.policy.learning_rate.initial -n plr -g 1 1e-3 1e-4 \\
		| sweep-add -k algo.gmm.enabled -n gmm -g 2 -N t,f true false \\
		| sweep-add -k algo.rnn.hidden_dim -n rnnd -g 3 400 1000 \\
		| sweep-add -k algo.actor_layer_dims -n mlp -g 3 -N 1024,0 '[1024,1024]' '[]' \\
		| sweep-expand | sweep-name | sweep-script -s $dir/out.sh"
	assert_success
	assert_output ''
	assert_equal "$stderr" "sweep-script: wrote 8 configs to $dir and the script to $dir/out.sh"
	# the names
	run bash -c "cd $dir && ls *_*.json | sort"
	assert_output "$(sort <<<"$SEED_NAMES" | sed 's/$/.json/')"
	# the script, line for line as the tutorial shows it
	run cat "$dir/out.sh"
	assert_output "$(expected out.sh "$dir")"
	assert_equal "$(sed -n '3,$p' "$dir/out.sh" | sed 's#.*/##; s#\.json$##')" "$SEED_NAMES"
	# one config, whole
	local first=bc_rnn_hyper_plr_0.001_gmm_t_rnnd_400_mlp_1024.json
	run cat "$dir/$first"
	assert_output "$(expected "$first" "$dir")"
	# and the same JSON as ConfigGenerator's json.dump writes
	assert_equal "$(jq -S . "$dir/$first")" "$(expected "python/$first" "$dir" | jq -S .)"
}

@test "every seed config equals what the Python ConfigGenerator peer writes" {
	mkdir theirs
	cp "$FIX/seed/base.json" theirs/base.json
	seed_spec ours | sweep-script -q -s ours/out.sh
	python3 "$TOP/bench/peer.py" "$PWD/theirs/base.json" theirs/out.sh '[
		{"key": "algo.rnn.enabled", "name": "", "group": 0, "values": [true]},
		{"key": "train.seq_length", "name": "", "group": 0, "values": [10]},
		{"key": "algo.rnn.horizon", "name": "", "group": 0, "values": [10]},
		{"key": "algo.optim_params.policy.learning_rate.initial", "name": "plr", "group": 1, "values": [1e-3, 1e-4]},
		{"key": "algo.gmm.enabled", "name": "gmm", "group": 2, "values": [true, false], "value_names": ["t", "f"]},
		{"key": "algo.rnn.hidden_dim", "name": "rnnd", "group": 3, "values": [400, 1000]},
		{"key": "algo.actor_layer_dims", "name": "mlp", "group": 3, "values": [[1024, 1024], []], "value_names": ["1024", "0"]}]'
	# the same files, and the manifest sweep adds beside the script
	assert_equal "$(ls ours)" "$(ls theirs; echo out.sh.manifest)"
	assert_equal "$(sed 's#/ours/#/theirs/#' ours/out.sh)" "$(cat theirs/out.sh)"
	for f in ours/bc_*.json; do
		assert_equal "$(sed 's#/ours/#/theirs/#' "$f" | jq -S .)" "$(jq -S . "theirs/${f#ours/}")"
	done
}

@test "jq between stages: drop runs, edit configs" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 3 | sweep-add -k b.c -n c true false | sweep-expand |
		jq -c 'select(.config.a != 2 or .config.b.c) | .config.o.p = .config.a * 10' |
		sweep-name | sweep-script -q -o out -c 'echo {index} {name}'"
	assert_success
	assert_output '#!/bin/bash

echo 0 exp_a_1_c_true
echo 1 exp_a_1_c_false
echo 2 exp_a_2_c_true
echo 4 exp_a_3_c_true
echo 5 exp_a_3_c_false'
	assert_equal "$(jq .o.p out/exp_a_3_c_false.json)" 30
}

@test "the union of two sweeps" {
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 | sweep-expand > a.runs
	sweep-add -b "$FIX/small.json" -k b.d -n d x y | sweep-expand > b.runs
	run bash -c "cat a.runs b.runs | sweep-name | sweep-script -q -o out -c 'echo {name}'"
	assert_success
	assert_output $'#!/bin/bash\n\necho exp_a_1\necho exp_a_2\necho exp_d_x\necho exp_d_y'
}

@test "under pipefail a failing stage fails the pipeline and writes nothing" {
	run bash -c "set -o pipefail; sweep-add -b '$FIX/small.json' -k nope 1 2 | sweep-expand | sweep-name | sweep-script -o out"
	assert_failure
	assert_line --index 0 'sweep-add: no key nope in the config: list the keys with sweep-keys, or add it with --create'
	assert_line --index 1 'sweep-expand: no sweep spec on stdin: the stage before gave nothing (did it fail? see its error above)'
	[ ! -e out ]
}

@test "options given once at the head write what they write given at every stage, on both paths" {
	mkdir gen && cp "$FIX/seed/base.json" gen/base.json
	local opts dir params="-k algo.optim_params.policy.learning_rate.initial -n plr 1e-3 1e-4"
	local want='["B_plr_0.001_rnnd_400",{"wandb_proj_name":"P"},null,[]]|["bc_rnn_hyper",null,"plr_0.001_rnnd_400",["hp_base_config_file","hp_keys","hp_values"]]'
	for opts in '--no-meta --base-name=B --wandb-project=P' \
	    '--name-key=experiment.rollout.tag --meta --no-base'; do
		rm -rf once fast every
		sweep-add -b gen/base.json $opts -o once $params | sweep-add -k algo.rnn.hidden_dim -n rnnd 400 1000 |
			sweep-expand | sweep-name | sweep-script -q -s once/run.sh
		sweep-add -b gen/base.json $opts -o fast $params | sweep-add -k algo.rnn.hidden_dim -n rnnd 400 1000 |
			sweep-script -q -s fast/run.sh
		sweep-add -b gen/base.json $params | sweep-add -k algo.rnn.hidden_dim -n rnnd 400 1000 |
			sweep-expand | sweep-name $opts | sweep-script -q -o every -s every/run.sh
		for dir in fast every; do
			run diff -r -x 'run.sh*' once $dir
			assert_success
			assert_equal "$(sed "s#/$dir/#/once/#" $dir/run.sh)" "$(cat once/run.sh)"
			assert_equal "$(sed "s#/$dir/#/once/#" $dir/run.sh.manifest)" "$(cat once/run.sh.manifest)"
		done
		run bash -c "ls once | wc -l; cat once/*plr_0.001_rnnd_400.json |
			jq -c '[.experiment.name, .experiment.logging, .experiment.rollout.tag, (.meta // {} | keys)]'"
		assert_output "6
${want%%|*}"
		want=${want#*|}
	done
}

@test "sweeping the name key itself: named from the base's name, the swept value kept, as robomimic does" {
	printf '{"experiment": {"name": "test"}, "a": 1}\n' > base.json
	sweep-add -b base.json -k experiment.name -n en a b | sweep-expand |
	    sweep-name | sweep-script -q -o out
	run ls out
	assert_output $'test_en_a.json\ntest_en_b.json'
	run jq -c '[.experiment.name, .meta.hp_keys, .meta.hp_values]' out/test_en_a.json out/test_en_b.json
	assert_output '["a",["en"],["a"]]
["b",["en"],["b"]]'
	# the fast path, the text lane (a pretty stream) and jq's alike
	sweep-add -b base.json -k experiment/name -n en a b | sweep-script -q -o fast
	sweep-add -b base.json -k experiment.name -n en a b | sweep-expand | jq . |
	    sweep-name | sweep-script -q -o text
	run diff -r out fast
	assert_success
	run diff -r out text
	assert_success
	# --base-name still wins
	run bash -c "sweep-add -b base.json -k experiment.name -n en a | sweep-expand | sweep-name --base-name x | jq -r '.run.name, .config.experiment.name'"
	assert_output $'x_en_a\na'
}
