#!/usr/bin/env bats
# sweep-keys: every key path of a config.

load helper

@test "every key path, parents first, dotted or in jq form" {
	echo '{"a": {"b": [1, {"c": 2}]}, "odd.key": {"x/y": 1, "": 2, "if": 3}, "0": true}' > c.json
	run sweep-keys c.json
	assert_success
	assert_output 'a
a.b
a.b.0
a.b.1
a.b.1.c
.["odd.key"]
.["odd.key"]["x/y"]
.["odd.key"][""]
.["odd.key"]["if"]
0'
}

@test "every listed key is one sweep-add takes" {
	echo '{"a": {"b": [1, {"c": 2}]}, "odd.key": {"x/y": 1, "": 2, "if": 3}, "0": true}' > c.json
	for f in c.json "$FIX/robomimic/bc.json"; do
		sweep-keys "$f" | while read -r key; do
			sweep-add -b "$f" -k "$key" -n '' null > /dev/null || echo "$key"
		done > refused
		assert_equal "$(cat refused)" ''
	done
	run bash -c "sweep-keys '$FIX/robomimic/bc.json' | head -3"
	assert_output $'algo_name\nexperiment\nexperiment.name'
	[ "$(sweep-keys "$FIX/robomimic/iris.json" | wc -l)" -gt 200 ]
}

@test "a key holding a control character is listed in jq form, one line, and sweep-add takes it" {
	printf '{"a\\nb": {"c": 1}, "t\\tx": 2, "d\\u007f": 3, "ok": {"é": 1}}' > c.json
	run sweep-keys c.json
	assert_success
	assert_output '.["a\nb"]
.["a\nb"].c
.["t\tx"]
.["d\u007f"]
ok
ok.é'
	run bash -c "sweep-add -b c.json -k '.[\"a\\nb\"].c' -n c 1 2 | sweep-expand | jq -c '.config[\"a\\nb\"]'"
	assert_success
	assert_output '{"c":1}
{"c":2}'
}

@test "a config that is no object is refused, as sweep-add refuses it, rather than listing keys sweep-add would not take" {
	local tail='not an object: sweep-add takes no keys of it: give a config such as {"train": {...}}'
	echo '[{"a": 1}, 2]' > arr.json
	run --separate-stderr sweep-keys arr.json
	assert_equal "$status $output" '1 '
	assert_equal "$stderr" "sweep-keys: arr.json: the config is an array, $tail"
	run --separate-stderr sweep-keys -c 0 < arr.json
	assert_equal "$status $stderr" "1 sweep-keys: <stdin>: the config is an array, $tail"
	echo '"a"' > str.json
	run --separate-stderr sweep-keys str.json
	assert_equal "$status $stderr" "1 sweep-keys: str.json: the config is a string, $tail"
	echo '{"sweep": {"version": 1, "params": []}, "base": [1]}' > spec.json
	run --separate-stderr sweep-keys spec.json
	assert_equal "$status $stderr" "1 sweep-keys: spec.json: the sweep spec's base is an array, not an object: sweep-add takes no keys of it: make specs with sweep-add"
	echo '{}' > empty.json
	run --separate-stderr sweep-keys empty.json
	assert_equal "$status $output $stderr" '0  '
}

@test "a spec lists the keys of its base; stdin works too" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-keys | head -2"
	assert_output $'experiment\nexperiment.name'
}

@test "--complete lists one level at a time, with a . where keys go on" {
	echo '{"algo": {"rnn": {"enabled": true, "kwargs": {}}, "rnn_type": "LSTM", "dims": [1, 2]}, "algo_name": "bc"}' > c.json
	run sweep-keys --complete= c.json
	assert_output $'algo\nalgo.\nalgo_name'
	run sweep-keys --complete=algo.r c.json
	assert_output $'algo.rnn\nalgo.rnn.\nalgo.rnn_type'
	run sweep-keys -c algo.rnn. c.json
	assert_output $'algo.rnn.enabled\nalgo.rnn.kwargs'
	run sweep-keys -c algo.d c.json
	assert_output $'algo.dims\nalgo.dims.'
	run sweep-keys -c algo.dims.1 c.json
	assert_output 'algo.dims.1'
	run sweep-keys -c nothing c.json
	assert_success
	assert_output ''
}

@test "--complete on keys in jq form stops at the next [ or ." {
	echo '{"odd.key": {"x/y": 1, "q": {"r.s": 1, "t": 2}}, "a": {"b.c": 1}}' > c.json
	run sweep-keys -c . c.json
	assert_output $'.["odd.key"]\n.["odd.key"][\n.["odd.key"].\n.a['
	run sweep-keys -c '.["odd.key"].' c.json
	assert_output $'.["odd.key"].q\n.["odd.key"].q[\n.["odd.key"].q.'
	run sweep-keys -c '.["odd.key"].q.' c.json
	assert_output '.["odd.key"].q.t'
	run sweep-keys -c '.["odd.key"][' c.json
	assert_output '.["odd.key"]["x/y"]'
}

@test "a closed pipe ends sweep-keys quietly" {
	run --separate-stderr bash -c "set -o pipefail; sweep-keys '$FIX/robomimic/iris.json' | head -1"
	assert_success
	assert_output 'algo_name'
	assert_equal "$stderr" ''
}

@test "refusals: two files, no config, a malformed one" {
	run --separate-stderr sweep-keys a.json b.json
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-keys: more than one FILE: give one'
	run --separate-stderr sweep-keys missing.json
	assert_failure 1
	assert_equal "$stderr" 'sweep-keys: missing.json: No such file or directory: give a JSON config'
}
