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
	mkdir gen && cp "$FIX/seed/base.json" gen/
	run bash -c "'$TOP/tests/seed-spec' gen/base.json | sweep-expand |
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
	assert_equal "$stderr" 'sweep-expand: no sweep spec on stdin: pipe one from sweep-add'
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
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 | jq -c '.sweep.version = 2' | sweep-expand"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: the spec has version 2, newer than this sweep reads: upgrade sweep'
}
