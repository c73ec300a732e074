#!/usr/bin/env bats
# The README's recipes, run as the README writes them (with the jq
# module loaded from filters/ instead of its installed place), on the
# seed's robomimic config as base.json.

load helper

# recipe TITLE: the sh blocks under the README heading "#### Recipe: TITLE".
recipe() {
	awk -v title="#### Recipe: $1" '
		$0 == title { on = 1; next }
		on && !code && /^#/ { exit }
		on && $0 == "```sh" { code = 1; next }
		code && $0 == "```" { code = 0; next }
		code { print }
	' "$TOP/README.md" | sed "s|/usr/local/lib/jq|$TOP/filters|g"
}

# run_recipe TITLE: runs the recipe in bash with -e and pipefail.
run_recipe() {
	local code
	code=$(recipe "$1")
	[ -n "$code" ] || { echo "no recipe $1 in README.md" >&2; return 1; }
	cp "$FIX/seed/base.json" base.json
	run --separate-stderr bash -c "set -eo pipefail; $code"
}

# names DIR: the config names in DIR, in the order of DIR/run.sh.
names() {
	sed -n 's|.*/\([^/]*\)\.json$|\1|p' "$1/run.sh"
}

@test "recipe: the union of two sweeps" {
	run_recipe "the union of two sweeps"
	assert_success
	run names union
	assert_output 'bc_rnn_hyper_rnnd_400
bc_rnn_hyper_rnnd_1000
bc_rnn_hyper_gmm_t
bc_rnn_hyper_gmm_f'
	run jq -c '[.algo.rnn.hidden_dim, .algo.gmm.enabled, .meta.hp_keys]' union/bc_rnn_hyper_rnnd_1000.json union/bc_rnn_hyper_gmm_t.json
	assert_output '[1000,false,["rnnd"]]
[400,true,["gmm"]]'
}

@test "recipe: the union, numbered again by reindex" {
	cp "$FIX/seed/base.json" base.json
	sweep-add -b base.json -k algo.rnn.hidden_dim -n rnnd 400 1000 | sweep-expand > rnn.runs
	sweep-add -b base.json -k algo.gmm.enabled -n gmm true false | sweep-expand > gmm.runs
	run bash -c "cat rnn.runs gmm.runs | jq -nc -L '$TOP/filters' 'include \"sweep\"; reindex(inputs)' |
		sweep-name | sweep-script -q -c 'train {index} {name}'"
	assert_success
	assert_output '#!/bin/bash

train 0 bc_rnn_hyper_rnnd_400
train 1 bc_rnn_hyper_rnnd_1000
train 2 bc_rnn_hyper_gmm_true
train 3 bc_rnn_hyper_gmm_false'
}

@test "recipe: a sweep kept in a file" {
	run_recipe "a sweep kept in a file"
	assert_success
	assert_output '6'
	run names kept
	assert_output 'bc_rnn_hyper_plr_0.0001_bs_16_ep_100
bc_rnn_hyper_plr_0.0001_bs_32_ep_100
bc_rnn_hyper_plr_0.001_bs_16_ep_100
bc_rnn_hyper_plr_0.001_bs_32_ep_100
bc_rnn_hyper_plr_0.01_bs_16_ep_100
bc_rnn_hyper_plr_0.01_bs_32_ep_100'
	run jq -c '[.algo.optim_params.policy.learning_rate.initial, .train.batch_size, .train.num_epochs]' kept/bc_rnn_hyper_plr_0.001_bs_32_ep_100.json
	assert_output '[0.001,32,100]'
}

@test "recipe: dropping invalid combinations, by --where and by the module" {
	run_recipe "dropping invalid combinations"
	assert_success
	for dir in valid valid2; do
		run names "$dir"
		assert_output 'bc_rnn_hyper_rnn_on_rnnd_400
bc_rnn_hyper_rnn_on_rnnd_1000
bc_rnn_hyper_rnn_off_rnnd_400'
	done
	run bash -c 'for f in valid/*.json; do cmp "$f" "valid2/${f#valid/}" || exit; done'
	assert_success
}

@test "recipe: deriving one key from another" {
	run_recipe "deriving one key from another"
	assert_success
	run names derived
	assert_output 'bc_rnn_hyper_seq_10_bs_160
bc_rnn_hyper_seq_20_bs_80'
	run jq -c '[.train.seq_length, .algo.rnn.horizon, .train.batch_size, .meta.hp_keys, .meta.hp_values]' derived/bc_rnn_hyper_seq_10_bs_160.json derived/bc_rnn_hyper_seq_20_bs_80.json
	assert_output '[10,10,160,["seq","bs"],[10,160]]
[20,20,80,["seq","bs"],[20,80]]'
}

@test "recipe: seeds as replicas, named and hidden" {
	run_recipe "seeds as replicas"
	assert_success
	run names named
	assert_output 'bc_rnn_hyper_rnnd_400_seed_1
bc_rnn_hyper_rnnd_400_seed_2
bc_rnn_hyper_rnnd_400_seed_3
bc_rnn_hyper_rnnd_1000_seed_1
bc_rnn_hyper_rnnd_1000_seed_2
bc_rnn_hyper_rnnd_1000_seed_3'
	run jq -c .train.seed named/bc_rnn_hyper_rnnd_1000_seed_2.json
	assert_output '2'
	for seed in 1 2 3; do
		run names "seed$seed"
		assert_output 'bc_rnn_hyper_rnnd_400
bc_rnn_hyper_rnnd_1000'
		run jq -c '[.train.seed, .experiment.name, .meta.hp_keys, .meta.hp_values]' "seed$seed/bc_rnn_hyper_rnnd_1000.json"
		assert_output "[$seed,\"bc_rnn_hyper_rnnd_1000\",[\"rnnd\",\"seed\"],[1000,$seed]]"
	done
}

@test "recipe: random search" {
	run_recipe "random search"
	assert_success
	assert_output '16000'
	names search > names
	run bash -c "sort -u names | wc -l"
	assert_output '20'
	names random > drawn
	run bash -c "sort -u drawn | wc -l"
	assert_output '32'
	run bash -c "jq -r '.algo.optim_params.policy.learning_rate.initial | log10 | floor' random/*.json | sort | uniq -c | awk '{ print \$1, \$2 }' | tr '\n' ' '"
	assert_output '8 -2 8 -3 8 -4 8 -5 '
	sweep-expand --sample=20 --seed=1 < search.sweep | jq -r .run.index > picked
	run bash -c "sort -n picked | diff - picked && sort -u picked | wc -l"
	assert_success
	assert_output '20'
}

@test "the README's first example of generated values" {
	cp "$FIX/seed/base.json" base.json
	run bash -c "$(sed -n '/^#### Generating values/,/^#### /{/^sweep-add -b/,/sweep-script/p}' "$TOP/README.md")"
	assert_success
	run bash -c "sed -n 's|.*/\([^/]*\)\.json$|\1|p' out.sh | sed -n '1p;2p;\$p'"
	assert_output 'bc_rnn_hyper_plr_1e-05_bs_64
bc_rnn_hyper_plr_1e-05_bs_128
bc_rnn_hyper_plr_0.1_bs_256'
	run bash -c "grep -c train.py out.sh"
	assert_output '20'
}

@test "the README's counting example makes the sweeps it reads, from examples/base.json" {
	cp "$TOP/examples/base.json" base.json
	bash -c "$(sed -n '/^#### Counting, sampling, filtering/,/^#### /{/^```sh/,/^```/p}' "$TOP/README.md" | sed '/^```/d; s/ *#.*//')" > out
	run bash -c "sed -n 1p out; wc -l < out"
	assert_output '1000000000000
54'
	run grep -c 'lib/jq" .include' "$TOP/README.md"
	assert_output 1
}

@test "the README's example of a training script that takes flags: the script, and the configs it says are written" {
	run --separate-stderr bash -c "set -o pipefail; $(readme_block '### A training script that takes flags' 1)" < /dev/null
	assert_success
	assert_equal "$stderr" "sweep-script: wrote 4 configs to $PWD and the script to run.sh"
	run cat run.sh
	assert_output "#!/bin/bash

python train.py --lr=0.1 --seed=0
python train.py --lr=0.1 --seed=1
python train.py --lr=0.01 --seed=0
python train.py --lr=0.01 --seed=1"
	assert_equal "$(jq -c . lr_0.1_seed_0.json)" '{"lr":0.1,"seed":0}'
	run ls
	assert_output 'lr_0.01_seed_0.json
lr_0.01_seed_1.json
lr_0.1_seed_0.json
lr_0.1_seed_1.json
run.sh
run.sh.manifest'
}

@test "the README's plain-config example: options given at the head, applied by every stage" {
	printf '{"lr": 0.001, "epochs": 10}\n' > cfg.json
	run --separate-stderr bash -c "set -o pipefail; $(readme_block '### A plain config' 1)"
	assert_success
	assert_output "#!/bin/bash

python train.py --config $PWD/out/lr_0.1.json
python train.py --config $PWD/out/lr_0.01.json"
	assert_equal "$stderr" "sweep-script: wrote 2 configs to $PWD/out"
	run cat out/lr_0.1.json
	assert_output '{
    "lr": 0.1,
    "epochs": 10,
    "run_name": "lr_0.1"
}'
	run ls out
	assert_output $'lr_0.01.json\nlr_0.1.json'
}

@test "the README's opening plain-config example, as written" {
	printf '{"optim": {"lr": 0.5, "momentum": 0.9}, "epochs": 10}\n' > cfg.json
	run --separate-stderr bash -c "set -o pipefail; $(readme_block 'Any other JSON config comes out' 1)"
	assert_success
	assert_equal "$stderr" "sweep-script: wrote 2 configs to $PWD/out and the script to run.sh"
	run cat run.sh
	assert_output "#!/bin/bash

python train.py --config $PWD/out/lr_0.1.json
python train.py --config $PWD/out/lr_0.01.json"
	run jq -c . out/lr_0.1.json
	assert_output '{"optim":{"lr":0.1,"momentum":0.9},"epochs":10}'
}

@test "the README's robomimic example, as written: the seed's eight configs and its script" {
	local dir=$PWD/gen_configs
	mkdir "$dir"
	cp "$FIX/seed/base.json" "$dir/base.json"
	run --separate-stderr bash -c "set -o pipefail; $(readme_block "### robomimic's tutorial" 1 | sed "s|/tmp/gen_configs|$dir|g")"
	assert_success
	run cat "$dir/out.sh"
	assert_output "$(readme_block "### robomimic's tutorial" 2 | sed "s|/tmp/gen_configs|$dir|g")"
	sed "s|@DIR@|$dir|" "$FIX/seed/bc_rnn_hyper_plr_0.001_gmm_t_rnnd_400_mlp_1024.json" |
	    cmp - "$dir/bc_rnn_hyper_plr_0.001_gmm_t_rnnd_400_mlp_1024.json"
	run ls "$dir"
	assert_equal "$(wc -l <<< "$output")" 11	# base.json, 8 configs, out.sh, out.sh.manifest
}
