#!/usr/bin/env bats
# sweep-add: declare one parameter.

load helper

params() {
	jq -c '.sweep.params[] | del(.values, .value_names, .hidename, .create)'
}

@test "a new spec from a base file" {
	printf '{"x": 1, "y": {"z": "a"}}' > base.json
	run sweep-add -b base.json -k x 2 3
	assert_success
	assert_output "{\"sweep\":{\"version\":1,\"base_file\":\"base.json\",\"base_dir\":\"$PWD\",\"params\":[{\"key\":\"x\",\"paths\":[[\"x\"]],\"name\":\"x\",\"group\":null,\"values\":[2,3],\"value_names\":null,\"hidename\":false,\"create\":false}]},\"base\":{\"x\":1,\"y\":{\"z\":\"a\"}}}"
}

@test "a base from stdin has no base file" {
	run sweep-add -b - -k x 2 < <(echo '{"x": 1}')
	assert_success
	assert_output '{"sweep":{"version":1,"base_file":null,"base_dir":null,"params":[{"key":"x","paths":[["x"]],"name":"","group":null,"values":[2],"value_names":null,"hidename":false,"create":false}]},"base":{"x":1}}'
}

@test "values are JSON when they are one whole JSON text, else strings" {
	run sweep-add -b "$FIX/small.json" -k n -n '' -- true 1e-3 '[1024,1024]' null '{"a":1}' True hello '"q"' '1 2' -1 ''
	assert_success
	run jq -c '.sweep.params[0].values' <<<"$output"
	assert_output '[true,0.001,[1024,1024],null,{"a":1},"True","hello","q","1 2",-1,""]'
}

@test "-S takes every value as a string" {
	run sweep-add -b "$FIX/small.json" -k b.d -S 1 true x
	assert_success
	run jq -c '.sweep.params[0].values' <<<"$output"
	assert_output '["1","true","x"]'
}

@test "-J requires JSON" {
	run sweep-add -b "$FIX/small.json" -k n -J 1 '"s"'
	assert_success
	run jq -c '.sweep.params[0].values' <<<"$output"
	assert_output '[1,"s"]'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k n -J 1 hello
	assert_failure 1
	assert_equal "$stderr" "sweep-add: n: value hello is not JSON: quote a string as '\"hello\"', or drop -J"
	assert_output ''
}

@test "a dotted key: / separates too, digits index arrays" {
	run sweep-add -b "$FIX/small.json" -k b/c false
	assert_success
	run params <<<"$output"
	assert_output '{"key":"b/c","paths":[["b","c"]],"name":"","group":null}'
	run sweep-add -b "$FIX/small.json" -k layers.1.dim 5 6
	run params <<<"$output"
	assert_output '{"key":"layers.1.dim","paths":[["layers",1,"dim"]],"name":"dim","group":null}'
}

@test "a jq path names one or several places" {
	run sweep-add -b "$FIX/small.json" -k '.o["odd.key"]' 3 4
	run params <<<"$output"
	assert_output '{"key":".o[\"odd.key\"]","paths":[["o","odd.key"]],"name":"odd.key","group":null}'
	run sweep-add -b "$FIX/small.json" -k '.layers[].dim' 7 8
	run params <<<"$output"
	assert_output '{"key":".layers[].dim","paths":[["layers",0,"dim"],["layers",1,"dim"]],"name":"dim","group":null}'
	run sweep-add -b "$FIX/small.json" -k '.l[-1]' 9
	run params <<<"$output"
	assert_output '{"key":".l[-1]","paths":[["l",1]],"name":"","group":null}'
}

@test "default name: empty for one value, else the last object key" {
	run sweep-add -b "$FIX/small.json" -k l.0 5 6
	run params <<<"$output"
	assert_output '{"key":"l.0","paths":[["l",0]],"name":"l","group":null}'
	run sweep-add -b "$FIX/small.json" -k a -n '' 5 6
	run params <<<"$output"
	assert_output '{"key":"a","paths":[["a"]],"name":"","group":null}'
}

@test "value names split at every comma and append" {
	run sweep-add -b "$FIX/small.json" -k a -N t, -N x 1 2 3
	assert_success
	run jq -c '.sweep.params[0].value_names' <<<"$output"
	assert_output '["t","","x"]'
}

@test "groups, hidden names and created keys are recorded" {
	run sweep-add -b "$FIX/small.json" -k a -g -1 --hide-name 1 2
	run jq -c '.sweep.params[0] | [.group, .hidename, .create]' <<<"$output"
	assert_output '[-1,true,false]'
	run sweep-add -b "$FIX/small.json" -k new.deep --create 1
	assert_success
	run jq -c '.sweep.params[0] | [.paths, .create]' <<<"$output"
	assert_output '[[["new","deep"]],true]'
}

@test "an earlier spec on stdin gets the parameter appended" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a 1 2 | sweep-add -k b.c true false | jq -c '[.sweep.params[].key]'"
	assert_success
	assert_output '["a","b.c"]'
}

@test "the same key replaces its declaration in place, however written" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a 1 2 | sweep-add -k b.c true false |
		sweep-add -k .a 5 6 7 | jq -c '[.sweep.params[] | [.key, .values]]'"
	assert_success
	assert_output '[[".a",[5,6,7]],["b.c",[true,false]]]'
	run bash -c "sweep-add -b '$FIX/small.json' -k b/c true | sweep-add -k a 1 2 |
		sweep-add -k b.c --prepend false | jq -c '[.sweep.params[] | [.key, .values]]'"
	assert_output '[["b.c",[false]],["a",[1,2]]]'
}

@test "--prepend puts a new parameter first" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a 1 2 | sweep-add -k b.d --prepend x y | jq -c '[.sweep.params[].key]'"
	assert_output '["b.d","a"]'
}

@test "every spec on stdin gets the parameter" {
	run bash -c "{ sweep-add -b '$FIX/small.json' -k a 1; sweep-add -b '$FIX/small.json' -k b.c true; } |
		sweep-add -k b.d x y | jq -c '[.sweep.params[].key]'"
	assert_success
	assert_output $'["a","b.d"]\n["b.c","b.d"]'
}

@test "null takes any value, and any base value takes null" {
	run sweep-add -b "$FIX/small.json" -k n 1 '"s"' '[]'
	assert_success
	run sweep-add -b "$FIX/small.json" -k a null 2
	assert_success
}

@test "numbers are one type" {
	run sweep-add -b "$FIX/small.json" -k a 0.5 1e-9 -- -3
	assert_success
}

@test "--help, --usage and --version" {
	run sweep-add --help
	assert_success
	assert_line --partial 'Usage: sweep-add [OPTION...] VALUE...'
	assert_line --partial '-k, --key=KEY'
	run sweep-add --usage
	assert_success
	assert_line --index 0 --partial 'Usage: sweep-add'
	run sweep-add --version
	assert_success
	assert_output 'sweep 0.1.0'
}
