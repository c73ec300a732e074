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

@test "a spec lists the keys of its base; stdin works too" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-keys | head -2"
	assert_output $'experiment\nexperiment.name'
}
