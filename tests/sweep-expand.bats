#!/usr/bin/env bats
# sweep-expand: spec in, one run per line out.

load helper

@test "a run is one compact line with its whole config" {
	printf '{"x": 1, "y": {"z": "a"}}' > base.json
	run bash -c "sweep-add -b base.json -k x -N one,two 2 3 | sweep-expand"
	assert_success
	assert_output "{\"run\":{\"index\":0,\"base_file\":\"base.json\",\"base_dir\":\"$PWD\",\"params\":[{\"key\":\"x\",\"name\":\"x\",\"value\":2,\"value_name\":\"one\",\"hidename\":false}],\"name\":null},\"config\":{\"x\":2,\"y\":{\"z\":\"a\"}}}
{\"run\":{\"index\":1,\"base_file\":\"base.json\",\"base_dir\":\"$PWD\",\"params\":[{\"key\":\"x\",\"name\":\"x\",\"value\":3,\"value_name\":\"two\",\"hidename\":false}],\"name\":null},\"config\":{\"x\":3,\"y\":{\"z\":\"a\"}}}"
}

@test "the seed's groups: zipped within, multiplied across, first slowest" {
	seed_spec > seed.spec
	run bash -c "sweep-expand < seed.spec |
		jq -c '[.run.index, (.config.algo | .optim_params.policy.learning_rate.initial, .gmm.enabled, .rnn.hidden_dim, .actor_layer_dims, .rnn.enabled), .config.train.seq_length]'"
	assert_success
	assert_output '[0,0.001,true,400,[1024,1024],true,10]
[1,0.001,true,1000,[],true,10]
[2,0.001,false,400,[1024,1024],true,10]
[3,0.001,false,1000,[],true,10]
[4,0.0001,true,400,[1024,1024],true,10]
[5,0.0001,true,1000,[],true,10]
[6,0.0001,false,400,[1024,1024],true,10]
[7,0.0001,false,1000,[],true,10]'
}

@test "groups are ordered by their first parameter; own groups multiply" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -g 5 1 2 | sweep-add -k b.d x y z |
		sweep-add -k o.p -g 5 10 20 | sweep-expand | jq -c '[.config.a, .config.b.d, .config.o.p]'"
	assert_success
	assert_output '[1,"x",10]
[1,"y",10]
[1,"z",10]
[2,"x",20]
[2,"y",20]
[2,"z",20]'
}

@test "--prepend reorders the groups" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a 1 2 | sweep-add -k b.d --prepend x y |
		sweep-expand | jq -c '[.config.a, .config.b.d]'"
	assert_output '[1,"x"]
[2,"x"]
[1,"y"]
[2,"y"]'
}

@test "a jq path that names several places sets all of them" {
	run bash -c "sweep-add -b '$FIX/small.json' -k '.layers[].dim' 7 8 | sweep-expand | jq -c .config.layers"
	assert_output '[{"dim":7},{"dim":7}]
[{"dim":8},{"dim":8}]'
}

@test "--create makes the key" {
	run bash -c "sweep-add -b '$FIX/small.json' -k new.deep --create 1 | sweep-expand | jq -c .config.new"
	assert_output '{"deep":1}'
}

@test "several specs expand one after the other, each from index 0" {
	run bash -c "{ sweep-add -b '$FIX/small.json' -k a 1 2; sweep-add -b '$FIX/small.json' -k b.d x y z; } |
		sweep-expand | jq -c '[.run.index, .config.a, .config.b.d]'"
	assert_output '[0,1,"x"]
[1,2,"x"]
[0,1,"x"]
[1,1,"y"]
[2,1,"z"]'
}

@test "a spec saved to a file expands later, from pretty JSON too" {
	sweep-add -b "$FIX/small.json" -k a 1 2 | jq . > spec.json
	run bash -c "sweep-expand < spec.json | jq -c .config.a"
	assert_success
	assert_output $'1\n2'
}

@test "a closed pipe downstream ends it quietly" {
	run --separate-stderr bash -c "set -o pipefail; sweep-add -b '$FIX/small.json' -k a \$(seq 1 100000) | sweep-expand | head -2 | jq -c .config.a"
	assert_success
	assert_output $'1\n2'
	assert_equal "$stderr" ''
}

@test "no spec is an error" {
	run --separate-stderr sweep-expand < /dev/null
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: no sweep spec on stdin: the stage before gave nothing (did it fail? see its error above)'
	assert_output ''
}

@test "runs are not specs" {
	sweep-add -b "$FIX/small.json" -k a 1 | sweep-expand > runs
	run --separate-stderr sweep-expand < runs
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: not a sweep spec but a run: pipe one from sweep-add'
}

@test "a bad spec anywhere on stdin stops it before any run is written" {
	sweep-add -b "$FIX/small.json" -k a 1 > specs
	echo '{"sweep": {"version": 1}, "base": {}}' >> specs
	run --separate-stderr sweep-expand < specs
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:2: not a sweep spec: make one with sweep-add -b BASE'
	assert_output ''
}

@test "a spec edited by jq is checked again" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 2 | jq -c '.sweep.params[0].values = []' | sweep-expand"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: no values for a: give at least one VALUE'
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 2 | jq -c '.sweep.params[0].values = [\"s\"]' | sweep-expand"
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: value "s" for a is a string, but the base has a number there: write a number'
}

@test "a newer spec version is refused" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 | jq -c '.sweep.version = 3' | sweep-expand"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: the spec has version 3, newer than this sweep reads: upgrade sweep'
}

@test "a spec edited so a dotted key and its paths disagree is refused, never run" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | jq -c '.sweep.params[0].key = \"b.d\"' | sweep-expand"
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: parameter b.d sets a, not the place its key names: edit key and paths together, or make specs with sweep-add'
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | jq -c '.sweep.params[0].paths = [[\"l\", 0]]' | sweep-script --dry-run -c 'echo {args}'"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: <stdin>:1: parameter a sets l.0, not the place its key names: edit key and paths together, or make specs with sweep-add'
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | jq -c '.sweep.params[0].key = \"a\"' | sweep-expand --count"
	assert_success
	assert_output 2
}

# A spec of 10 x 3 runs: a from 1 to 10 (slowest), b.d x, y, z.
ten_by_three() {
	sweep-add -b "$FIX/small.json" -k a $(seq 10) | sweep-add -k b.d x y z
}

# A spec of 1000^4 = 10^12 runs over {"a", "b", "c", "d"}.
trillion() {
	echo '{"a": 0, "b": 0, "c": 0, "d": 0}' > four.json
	sweep-add -b four.json -k a $(seq 0 999) | sweep-add -k b $(seq 0 999) |
		sweep-add -k c $(seq 0 999) | sweep-add -k d $(seq 0 999)
}

@test "--count: the number of runs, of all specs on stdin" {
	seed_spec > seed.spec
	run sweep-expand --count < seed.spec
	assert_success
	assert_output '8'
	run bash -c "{ cat seed.spec; sweep-add -b '$FIX/small.json' -k a 1 2 3; } | sweep-expand --count"
	assert_output '11'
}

@test "--count is computed: 10^12 runs at once" {
	trillion > big.spec
	run sweep-expand --count < big.spec
	assert_success
	assert_output '1000000000000'
}

@test "a grid of more than 2^64 runs: --count, --sample and expanding refuse it" {
	echo '{"a": 0, "b": 0, "c": 0, "d": 0, "e": 0}' > five.json
	sweep-add -b five.json -k a $(seq 10000) | sweep-add -k b $(seq 10000) | sweep-add -k c $(seq 10000) |
		sweep-add -k d $(seq 10000) | sweep-add -k e $(seq 10000) > huge.spec
	for opt in --count --sample=3 --where=true ''; do
		run --separate-stderr sweep-expand $opt < huge.spec
		assert_failure 1
		assert_equal "$stderr" 'sweep-expand: the sweep has more than 2^64 runs, more than sweep can count or draw from: sweep fewer values'
		assert_output ''
	done
}

@test "specs that add up to more than 2^64 runs" {
	echo '{"a": 0, "b": 0, "c": 0, "d": 0}' > four.json
	sweep-add -b four.json -k a $(seq 65536) | sweep-add -k b $(seq 65536) | sweep-add -k c $(seq 65536) |
		sweep-add -k d $(seq 65535) > part.spec
	run --separate-stderr bash -c "cat part.spec part.spec | sweep-expand --count"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: the specs have more than 2^64 runs in all: expand them one at a time'
	run sweep-expand --count < part.spec
	assert_output '18446462598732840960'
}

@test "--sample: distinct runs in grid order, with their index, fixed by the seed" {
	ten_by_three > spec
	run bash -c "sweep-expand --sample=4 < spec | jq -c '[.run.index, .config.a, .config.b.d]'"
	assert_success
	assert_output '[17,6,"z"]
[18,7,"x"]
[20,7,"z"]
[28,10,"y"]'
	run bash -c "sweep-expand --sample=4 --seed=1 < spec | jq -c '[.run.index, .config.a, .config.b.d]'"
	assert_output '[5,2,"z"]
[6,3,"x"]
[7,3,"y"]
[29,10,"z"]'
	run bash -c "sweep-expand --sample=4 --seed=1 < spec | jq -c .run.index | tr '\n' ' '"
	assert_output '5 6 7 29 '
}

@test "--sample: each sampled run is the run of that index" {
	ten_by_three > spec
	sweep-expand --sample=7 --seed=3 < spec > sample
	sweep-expand < spec > all
	run bash -c "jq -c .run.index sample | while read i; do sed -n \"\$((i + 1))p\" all; done | diff - sample"
	assert_success
}

@test "--sample: a larger sample holds the smaller one of the same seed" {
	ten_by_three > spec
	run bash -c "sweep-expand --sample=2 --seed=9 < spec | jq .run.index > small; sweep-expand --sample=20 --seed=9 < spec | jq .run.index > large; comm -23 <(sort small) <(sort large) | wc -l; wc -l < small"
	assert_output $'0\n2'
}

@test "--sample: the whole grid, nothing, and more than the grid" {
	ten_by_three > spec
	run bash -c "sweep-expand --sample=30 --seed=5 < spec | cmp - <(sweep-expand < spec)"
	assert_success
	run sweep-expand --sample=0 < spec
	assert_success
	assert_output ''
	run --separate-stderr sweep-expand --sample=31 < spec
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: --sample=31 is more than the 30 runs of the sweep: ask for at most 30'
	assert_output ''
}

@test "--sample: uniform over the grid" {
	sweep-add -b "$FIX/small.json" -k a 1 2 3 4 > spec
	for seed in $(seq 0 199); do
		sweep-expand --sample=1 --seed=$seed < spec
	done | jq .run.index | sort | uniq -c | awk '{ print $2, ($1 >= 30 && $1 <= 70) }' > counts
	run cat counts
	assert_output $'0 1\n1 1\n2 1\n3 1'
}

@test "--sample: 50 runs of 10^12, distinct, in order, each the run of its index" {
	trillion > big.spec
	run bash -c "sweep-expand --sample=50 --seed=11 < big.spec | jq -c 'select(.config == {a: (.run.index / 1e9 | floor), b: (.run.index / 1e6 | floor % 1000), c: (.run.index / 1e3 | floor % 1000), d: (.run.index % 1000)}) | .run.index' > idx; wc -l < idx; sort -n -u idx | cmp - idx && echo sorted"
	assert_success
	assert_output $'50\nsorted'
}

@test "--sample and --count across several specs" {
	ten_by_three > spec
	sweep-add -b "$FIX/small.json" -k b.d p q >> spec
	run bash -c "sweep-expand --sample=32 < spec | jq -c '[.run.index, .config.b.d]' | tail -3"
	assert_output '[29,"z"]
[0,"p"]
[1,"q"]'
	run sweep-expand --sample=5 --count < spec
	assert_output '5'
}

@test "--seed and --sample take integers from 0" {
	run --separate-stderr sweep-expand --sample=-1 < /dev/null
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-expand: --sample -1 is not an integer from 0 to 18446744073709551615: give one'
	run --separate-stderr sweep-expand --seed=x < /dev/null
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-expand: --seed x is not an integer from 0 to 18446744073709551615: give one'
}

@test "--where: runs whose config makes the filter true" {
	ten_by_three > spec
	run bash -c "sweep-expand --where '.a > 8 and .b.d != \"y\"' < spec | jq -c '[.run.index, .config.a, .config.b.d]'"
	assert_success
	assert_output '[24,9,"x"]
[26,9,"z"]
[27,10,"x"]
[29,10,"z"]'
	run sweep-expand --where '.a > 8 and .b.d != "y"' --count < spec
	assert_output '4'
	run bash -c "sweep-expand --where '\$run.index < 2, .a == 10' < spec | jq -c .run.index | tr '\n' ' '"
	assert_output '0 1 27 28 29 '
	run bash -c "sweep-expand --where 'null, false, empty' < spec 2>/dev/null | wc -l"
	assert_output '0'
}

@test "--where that keeps no run says so on stderr, and exits 0" {
	ten_by_three > spec
	run --separate-stderr sweep-expand --where '.a > 100' < spec
	assert_success
	assert_output ''
	assert_equal "$stderr" 'sweep-expand: 0 of 30 runs pass --where'
	run --separate-stderr bash -c "sweep-expand --where '.a > 100' < spec | sweep-name | sweep-script -o out"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: 0 of 30 runs pass --where
sweep-script: no runs on stdin: the stage before gave nothing (did it fail? see its error above)'
	run --separate-stderr sweep-expand --where '.a > 100' --count < spec
	assert_output '0'
	assert_equal "$stderr" ''
}

@test "a terminal on stdin is refused at once" {
	run script -qec 'sweep-expand' /dev/null
	assert_failure 64
	assert_output $'sweep-expand: stdin is a terminal: pipe a sweep spec from sweep-add here\r'
}

@test "-h is --help" {
	run sweep-expand -h
	assert_success
	assert_output "$(sweep-expand --help)"
	refute_output --partial 'Report bugs'
}

@test "--where with --sample: drawn from the runs that pass" {
	ten_by_three > spec
	run bash -c "sweep-expand --sample=5 --seed=2 --where '.b.d == \"y\"' < spec | jq -c '[.run.index, .config.b.d]'"
	assert_success
	assert_line --index 0 --partial '"y"]'
	run bash -c "sweep-expand --sample=5 --seed=2 --where '.b.d == \"y\"' < spec | jq -r .config.b.d | uniq -c"
	assert_output '      5 y'
	run sweep-expand --sample=10 --where '.b.d == "y"' --count < spec
	assert_output '10'
	run --separate-stderr sweep-expand --sample=11 --where '.b.d == "y"' < spec
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: --sample=11 is more than the 10 runs that pass --where: ask for at most 10'
	assert_output ''
}

@test "--where: a filter that does not compile is a usage error" {
	run --separate-stderr sweep-expand --where '.a ==' < /dev/null
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-expand: --where: bad filter .a ==: syntax error, unexpected \$end (Unix shell quoting issues?): write a jq filter such as '.train.seed == 1'"
	run --separate-stderr sweep-expand --where 'nosuch(1)' < /dev/null
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-expand: --where: bad filter nosuch(1): nosuch/1 is not defined: write a jq filter such as '.train.seed == 1'"
}

@test "--where: a filter that fails on a run names it, and writes nothing" {
	ten_by_three > spec
	run --separate-stderr sweep-expand --where 'if .a == 7 then .b.d + 1 else true end' < spec
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: --where: the filter fails on run 18: string ("x") and number (1) cannot be added: make it work on every config'
	assert_output ''
	run --separate-stderr sweep-expand --where 'if .a == 2 then error({"bad": .a}) else true end' < spec
	assert_equal "$stderr" 'sweep-expand: --where: the filter fails on run 3: {"bad":2}: make it work on every config'
}

@test "--where: a filter that halts (halt, halt_error) fails on that run instead of dropping every run quietly" {
	ten_by_three > spec
	run --separate-stderr sweep-expand --where 'if .a == 2 then halt else true end' < spec
	assert_equal "$status $output" '1 '
	assert_equal "$stderr" 'sweep-expand: --where: the filter fails on run 3: it halts: make it work on every config'
	run --separate-stderr sweep-expand --where '.a < 5 or ("no \(.a)" | halt_error)' < spec
	assert_equal "$status $output" '1 '
	assert_equal "$stderr" 'sweep-expand: --where: the filter fails on run 12: it halts: no 5: make it work on every config'
	run --separate-stderr sweep-expand --where '{"x": 1} | halt_error(3)' < spec
	assert_equal "$status $stderr" '1 sweep-expand: --where: the filter fails on run 0: it halts: {"x":1}: make it work on every config'
}

@test "sweep-expand --help names its options" {
	run sweep-expand --help
	assert_success
	assert_line --partial '--count'
	assert_line --partial '--sample=N'
	assert_line --partial '--seed=S'
	assert_line --partial '--where=FILTER'
}

@test "a spec joined by jq with two parameters of one name is refused" {
	run --separate-stderr bash -c "{ sweep-add -b '$FIX/small.json' -k a -n lr 1 2; sweep-add -b '$FIX/small.json' -k o.p -n lr 3 4; } |
		jq -cs '.[0].sweep.params += .[1].sweep.params | .[0]' | sweep-expand"
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: a and o.p are both named lr: give one of them another name with -n'
}

@test "every run carries the spec's options, through --where and --sample, drawn or listed" {
	printf '{"x": 1, "y": 0.5}' > base.json
	local opts="{\"meta\":false,\"out_dir\":\"$PWD/out\"}"
	sweep-add -b base.json --no-meta -o out -k x 2 3 > spec
	run sweep-expand < spec
	assert_line --index 0 "{\"run\":{\"index\":0,\"base_file\":\"base.json\",\"base_dir\":\"$PWD\",\"options\":$opts,\"params\":[{\"key\":\"x\",\"name\":\"x\",\"value\":2,\"value_name\":null,\"hidename\":false}],\"name\":null},\"config\":{\"x\":2,\"y\":0.5}}"
	run bash -c "sweep-expand --where '.x == 3' < spec | jq -c '[.run.index, .run.options]'"
	assert_output "[1,$opts]"
	run bash -c "sweep-expand --sample=1 --seed=3 < spec | jq -c .run.options"
	assert_output "$opts"
	run bash -c "sweep-add -k y --uniform=0:1 < spec | sweep-expand --sample=2 | jq -c .run.options"
	assert_output "$opts"$'\n'"$opts"
	run bash -c "sweep-add -k y --uniform=0:1 --name-key=run_name < spec | sweep-expand --sample=2 --sobol --where '.x == 2' | jq -c .run.options"
	assert_output "{\"meta\":false,\"out_dir\":\"$PWD/out\",\"name_key\":\"run_name\"}"$'\n'"{\"meta\":false,\"out_dir\":\"$PWD/out\",\"name_key\":\"run_name\"}"
}

@test "a spec whose options are malformed is refused in one line" {
	printf '{"x": 1}' > base.json
	for bad in '"x"' '{"name_key": 1}' '{"meta": null}' '{"out_dir": ["o"]}'; do
		sweep-add -b base.json -k x 2 | jq -c ".sweep.options = $bad" > bad.spec
		for cmd in sweep-expand 'sweep-script -o out'; do
			run --separate-stderr $cmd < bad.spec
			assert_failure 1
			assert_output ''
			assert_equal "$stderr" "${cmd%% *}: <stdin>:1: malformed options: they hold name_key, base_name, wandb_project and out_dir as strings and meta as true or false: give them to sweep-add"
		done
	done
	assert [ ! -e out ]
}
