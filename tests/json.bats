#!/usr/bin/env bats
# sweep's JSON reader and printer, held to libjq's byte for byte.

load helper

@test "every fixture reads and prints as libjq reads and prints it" {
	run "$TOP/tests/jsoncheck" "$FIX"/robomimic/*.json "$FIX"/*.json "$FIX"/seed/*.json
	assert_success
	assert_output 'ok 14 values'
}

@test "random JSON, corners and jq's extensions read and print as libjq's" {
	python3 "$TOP/tests/jsongen.py" . 300 7
	run "$TOP/tests/jsoncheck" ./*.json
	assert_success
	assert_output --regexp '^ok [0-9]+ values$'
}

@test "a run stream and a spec read and print as libjq's" {
	sweep-add -b "$FIX/robomimic/iris.json" -k train.seed -n s 1 2 3 > spec.json
	sweep-expand < spec.json > runs.json
	sweep-name < runs.json | jq . > pretty.json
	run "$TOP/tests/jsoncheck" spec.json runs.json pretty.json
	assert_output 'ok 7 values'
}

@test "a value cut at every byte reads as libjq reads it" {
	printf '{"a": [1, 2.5e-3, "\\u00e9\\ud83d\\ude00", {"b": null}], "c": true}\n' > whole
	local n=$(wc -c < whole)
	for i in $(seq 1 "$n"); do
		head -c "$i" whole > "cut$i.json"
	done
	run "$TOP/tests/jsoncheck" cut*.json
	assert_success
	assert_output 'ok 2 values'
}

@test "values across reads: a stream bigger than the reader's buffer" {
	for i in $(seq 1 3000); do
		printf '{"i": %d, "pad": "%0200d"}\n' "$i" 0
	done > big.json
	run "$TOP/tests/jsoncheck" big.json
	assert_output 'ok 3000 values'
}
