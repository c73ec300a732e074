#!/usr/bin/env bats
# The refusals: one clear line, a non-zero exit, nothing new on disk.

load helper

# refuses STATUS MESSAGE COMMAND...: COMMAND fails with STATUS, says
# MESSAGE on stderr as its one line, and writes nothing to stdout.
refuses() {
	local want=$1 message=$2
	shift 2
	run --separate-stderr "$@"
	assert_failure "$want"
	assert_equal "$stderr" "$message"
	assert_output ''
}

@test "base file missing" {
	refuses 1 'sweep-add: nope.json: No such file or directory: give -b a JSON config file' \
		sweep-add -b nope.json -k a 1
}

@test "base file malformed: file, line and column" {
	printf '{\n  "a": 1,\n  "b": tru\n}\n' > bad.json
	refuses 1 'sweep-add: bad.json:4:0: Invalid literal: give -b a JSON config file' \
		sweep-add -b bad.json -k a 1
	printf '{"a": [1, 2' > cut.json
	refuses 1 'sweep-add: cut.json:1:11: Unfinished JSON term: the input ends inside a value: give -b a JSON config file' \
		sweep-add -b cut.json -k a 1
}

@test "base config not an object" {
	echo '[1, 2]' > list.json
	refuses 1 'sweep-add: list.json: the base config is an array, not an object: start from a config such as {"train": {...}}' \
		sweep-add -b list.json -k a 1
	echo '{} {}' > two.json
	refuses 1 'sweep-add: two.json:1: more than one JSON value in it: give -b a JSON config file' \
		sweep-add -b two.json -k a 1
	: > empty.json
	refuses 1 'sweep-add: empty.json: no JSON value in it: give -b a JSON config file' \
		sweep-add -b empty.json -k a 1
}

@test "unknown key: did you mean the closest one" {
	refuses 1 'sweep-add: no key algo.rnn.hiden_dim in the config: did you mean algo.rnn.hidden_dim?' \
		sweep-add -b "$FIX/robomimic/bc.json" -k algo.rnn.hiden_dim 1 2
	refuses 1 'sweep-add: no key algo/rrn/hidden_dim in the config: did you mean algo.rnn.hidden_dim?' \
		sweep-add -b "$FIX/robomimic/bc.json" -k algo/rrn/hidden_dim 1 2
	refuses 1 'sweep-add: no key algo.transformer.heads in the config: did you mean algo.transformer.num_heads?' \
		sweep-add -b "$FIX/robomimic/bc.json" -k .algo.transformer.heads 1 2
	refuses 1 'sweep-add: no key zzzzzzzz in the config: list the keys with sweep-keys, or add it with --create' \
		sweep-add -b "$FIX/robomimic/bc.json" -k zzzzzzzz 1 2
	# an index past the end: the last index there is
	refuses 1 'sweep-add: no key l.5 in the config: did you mean l.1?' \
		sweep-add -b "$FIX/small.json" -k l.5 1 2
	refuses 1 'sweep-add: no key layers.2 in the config: did you mean layers.1?' \
		sweep-add -b "$FIX/small.json" -k '.layers[2]' 1 2
	# the last part of a key, or its last parts
	refuses 1 'sweep-add: no key learning_rate.initial in the config: did you mean algo.optim_params.policy.learning_rate.initial?' \
		sweep-add -b "$FIX/robomimic/bc.json" -k learning_rate.initial 1 2
	refuses 1 'sweep-add: no key horizon in the config: did you mean experiment.rollout.horizon or algo.rnn.horizon?' \
		sweep-add -b "$FIX/robomimic/bc.json" -k horizon 1 2
	refuses 1 'sweep-add: no key enabled in the config: did you mean experiment.save.enabled, experiment.rollout.enabled, algo.gaussian.enabled or others?' \
		sweep-add -b "$FIX/robomimic/bc.json" -k enabled 1 2
}

@test "a value of another type than the base's" {
	refuses 1 'sweep-add: value "True" for algo.rnn.enabled is a string, but the base has a boolean there: write true or false' \
		sweep-add -b "$FIX/robomimic/bc.json" -k algo.rnn.enabled True
	refuses 1 'sweep-add: value "1e-3x" for train.seed is a string, but the base has a number there: write a number' \
		sweep-add -b "$FIX/robomimic/bc.json" -k train.seed 1 1e-3x
	refuses 1 'sweep-add: value 5 for b.d is a number, but the base has a string there: take the values as strings with -S' \
		sweep-add -b "$FIX/small.json" -k b.d 5
	refuses 1 'sweep-add: value 1 for .layers[] is a number, but the base has an object there: write an object as JSON' \
		sweep-add -b "$FIX/small.json" -k '.layers[]' -n '' 1
}

@test "every place a jq path names is checked" {
	echo '{"l": [{"d": 1}, {"d": "s"}]}' > mixed.json
	refuses 1 'sweep-add: value 2 for .l[].d is a number, but the base has a string there: take the values as strings with -S' \
		sweep-add -b mixed.json -k '.l[].d' 2
}

@test "group members with different numbers of values" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -g 3 1 2 | sweep-add -k b.d -g 3 x y z"
	assert_failure 1
	assert_output 'sweep-add: group 3: a has 2 values but b.d has 3: give every parameter of a group the same number of values'
}

@test "wrong number of value names" {
	refuses 1 'sweep-add: a has 2 values but 3 value names: give one name per value with -N' \
		sweep-add -b "$FIX/small.json" -k a -N x,y,z 1 2
	refuses 1 'sweep-add: a has 2 values but 1 value name: give one name per value with -N' \
		sweep-add -b "$FIX/small.json" -k a -N x 1 2
}

@test "no values, no key: usage errors" {
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a
	assert_failure 64
	assert_equal "$stderr" "sweep-add: no values for a: give at least one VALUE
Try \`sweep-add --help' or \`sweep-add --usage' for more information."
	run --separate-stderr sweep-add -b "$FIX/small.json" 1
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-add: no key: say where the value goes with -k KEY'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a -g x 1
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-add: group x is not an integer: give -g 0, -g 1, ...'
}

# usage_error LINE COMMAND...: COMMAND fails with 64, LINE first on stderr.
usage_error() {
	local line=$1
	shift
	run --separate-stderr "$@"
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "$line"
	assert_equal "$output" ''
}

@test "one parameter per sweep-add: a second -k, -n, -g, -b or mode is a usage error" {
	local one='one sweep-add declares one parameter: give the next one to another | sweep-add'
	usage_error "sweep-add: two keys, a and o.p: $one" \
		sweep-add -b "$FIX/small.json" -k a 0 1 2 -k o.p 3 4
	usage_error "sweep-add: two names, x and y: $one" \
		sweep-add -b "$FIX/small.json" -k a -n x -n y 1 2
	usage_error "sweep-add: two groups, 1 and 2: $one" \
		sweep-add -b "$FIX/small.json" -k a -g 1 -g 2 1 2
	usage_error "sweep-add: two base configs, $FIX/small.json and base.json: a sweep starts from one base: give -b once" \
		sweep-add -b "$FIX/small.json" -b base.json -k a 1 2
	usage_error 'sweep-add: -S and -J: take every VALUE as a string (-S) or require JSON (-J), not both' \
		sweep-add -b "$FIX/small.json" -k b.d -S -J 1 2
	# the same again is harmless
	sweep-add -b "$FIX/small.json" -k a 1 2 > want
	run sweep-add -b "$FIX/small.json" -b "$FIX/small.json" -k a -k a -n a -n a -g 1 -g 01 1 2
	assert_success
	assert_output "$(jq -c '.sweep.params[0].group = 1' want)"
}

@test "a number libjq cannot hold as written is refused, from every source" {
	local base=$FIX/small.json
	local tail='is not one libjq holds exactly (it would be'
	refuses 1 "sweep-add: a: number 1e-400 $tail 0): write it as a string, \"1e-400\", or as a number it holds" \
		sweep-add -b "$base" -k a 1e-400
	refuses 1 "sweep-add: a: number 1e400 $tail 1.7976931348623157e+308): write it as a string, \"1e400\", or as a number it holds" \
		sweep-add -b "$base" -k a 1e400
	refuses 1 "sweep-add: a: number 9007199254740993 $tail 9007199254740992): write it as a string, \"9007199254740993\", or as a number it holds" \
		sweep-add -b "$base" -k a -J 9007199254740993
	refuses 1 "sweep-add: a: number 1.23456789e-320 $tail 1.2347e-320): write it as a string, \"1.23456789e-320\", or as a number it holds" \
		sweep-add -b "$base" -k a 1.23456789e-320
	refuses 1 "sweep-add: n: number 1e400 $tail 1.7976931348623157e+308): write it as a string, \"1e400\", or as a number it holds" \
		sweep-add -b "$base" -k n -N x '[1, 1e400]'
	printf '1\n9007199254740993\n' > v.txt
	refuses 1 "sweep-add: a: v.txt:2: number 9007199254740993 $tail 9007199254740992): write it as a string, \"9007199254740993\", or as a number it holds" \
		sweep-add -b "$base" -k a --values-from=v.txt
	printf '[1, {"x": [1e-400]}]' > v.json
	refuses 1 "sweep-add: n: v.json: number 1e-400 $tail 0): write it as a string, \"1e-400\", or as a number it holds" \
		sweep-add -b "$base" -k n -N x,y --values-from=v.json
	usage_error "sweep-add: --linspace=1e-400:1:3: number 1e-400 $tail 0): write a number it holds" \
		sweep-add -b "$base" -k a --linspace=1e-400:1:3
	usage_error "sweep-add: --range=0:9007199254740993:4503599627370496: number 9007199254740993 $tail 9007199254740992): write a number it holds" \
		sweep-add -b "$base" -k a --range=0:9007199254740993:4503599627370496
	# what a double holds exactly goes through, as do decimals written
	# with no more digits than their double's
	run sweep-add -b "$base" -k a -- 9007199254740994 0.1 5e-324 1e300 -0 1E+2 1.5e-310 -9007199254740992
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '[9007199254740994,0.1,5e-324,1e+300,-0,100,1.5e-310,-9007199254740992]'
	# a string keeps any digits
	run sweep-add -b "$base" -k b.d -S 1e-400 9007199254740993
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '["1e-400","9007199254740993"]'
}

@test "-b with a sweep on stdin is refused, and never waits for stdin" {
	local msg='sweep-add: stdin holds a sweep, and -b starts a new one: give -b only at the head of a pipeline; to join two sweeps, cat their runs'
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 > spec
	refuses 1 "$msg" sweep-add -b "$FIX/small.json" -k o.p 3 4 < spec
	# a pipe that a writer has filled and still holds open
	mkfifo pipe
	exec 7<>pipe
	cat spec >&7
	refuses 1 "$msg" sweep-add -b "$FIX/small.json" -k o.p 3 4 < pipe
	# the check took nothing out of the pipe: the spec is still there
	local first
	IFS= read -r -t 10 -u 7 first
	assert_equal "$first" "$(head -1 spec)"
	exec 7>&-
	# a pipe that is empty and never closed (as under ssh): no wait
	mkfifo empty
	exec 8<>empty
	run sweep-add -b "$FIX/small.json" -k o.p 3 4 < empty
	exec 8>&-
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '[3,4]'
	# stdin that holds no sweep, or the base itself, is as before
	printf '1\n2\n' > lines
	run sweep-add -b "$FIX/small.json" -k o.p 3 4 < lines
	assert_success
	run sweep-add -b - -k o.p 3 4 < "$FIX/small.json"
	assert_success
	# joining two sweeps: cat their runs
	sweep-add -b "$FIX/small.json" -k o.p -n p 3 4 > spec2
	run bash -c 'cat <(sweep-expand < spec) <(sweep-expand < spec2) | sweep-name | jq -r .run.name'
	assert_output $'exp_a_1\nexp_a_2\nexp_p_3\nexp_p_4'
}

@test "a spec that the next command does not read is not lost without a word" {
	# stdout: a pipe whose reader is gone
	closed() {
		python3 -c 'import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
print(p.returncode, p.stderr.decode().strip())' "$@" < "${IN:-/dev/null}"
	}
	run closed sweep-add -b "$FIX/small.json" -k a 1 2
	assert_output '1 sweep-add: stdout: the next command exited without reading the spec: see its error; a later sweep-add -b would not read it either'
	# runs streams end quietly, as with | head
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 > spec
	IN=spec run closed sweep-expand
	assert_output '0 '
	sweep-expand < spec > runs
	IN=runs run closed sweep-name
	assert_output '0 '
}

@test "stdin that is not a sweep spec" {
	refuses 1 'sweep-add: <stdin>:1: not a sweep spec: start a sweep with -b BASE, or pipe one from sweep-add' \
		sweep-add -k a 1 < "$FIX/small.json"
	refuses 1 'sweep-add: no sweep spec on stdin: the stage before gave nothing (did it fail? see its error above); to start a sweep, give -b BASE, or < /dev/null for one without a base config' \
		bash -c 'true | sweep-add -k a 1'
}

@test "a bad jq path" {
	refuses 64 'sweep-add: bad jq path .a[: syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?): write a jq path expression such as .a.b[0] or .a["odd.key"]' \
		sweep-add -b "$FIX/small.json" -k '.a[' 1
	refuses 1 'sweep-add: bad key .a + 1: Invalid path expression with result 2: it must name places in the config' \
		sweep-add -b "$FIX/small.json" -k '.a + 1' 1
	# one that halts after a first place is refused, not cut short there
	refuses 1 'sweep-add: bad key .a, ("x" | halt_error), .o.p: it halts: x: it must name places in the config' \
		sweep-add -b "$FIX/small.json" -k '.a, ("x" | halt_error), .o.p' 1
	refuses 1 'sweep-add: bad key .a, halt: it halts: it must name places in the config' \
		sweep-add -b "$FIX/small.json" -k '.a, halt' 1
	refuses 1 'sweep-add: bad key .l[0:1]: it names a slice or a non-integer index: name single places' \
		sweep-add -b "$FIX/small.json" -k '.l[0:1]' 1
	refuses 1 'sweep-add: bad key .: it names the whole config: name a place inside it' \
		sweep-add -b "$FIX/small.json" -k '.' 1
	refuses 1 'sweep-add: bad key .b, .b.c: it names b and b.c inside it: name places that do not hold each other' \
		sweep-add -b "$FIX/small.json" -k '.b, .b.c' 1
	refuses 1 "sweep-add: bad key .l[] | select(. > 5): it names no place in the config: check it with jq 'path(.l[] | select(. > 5))'" \
		sweep-add -b "$FIX/small.json" -k '.l[] | select(. > 5)' 1
}

@test "a jq path that closes path( of its own is refused, not run" {
	# it compiled inside path(...) and its 1 was taken for a path: abort
	refuses 64 'sweep-add: bad jq path .a), (1: syntax error, unexpected INVALID_CHARACTER, expecting $end (Unix shell quoting issues?): write a jq path expression such as .a.b[0] or .a["odd.key"]' \
		sweep-add -b "$FIX/small.json" -k '.a), (1' 1
	# it named .a and .b, which no jq path spelt so names
	refuses 64 'sweep-add: bad jq path .a), (["b"]: syntax error, unexpected INVALID_CHARACTER, expecting $end (Unix shell quoting issues?): write a jq path expression such as .a.b[0] or .a["odd.key"]' \
		sweep-add -b "$FIX/small.json" -k '.a), (["b"]' 1
	refuses 64 'sweep-name: --name-key: bad jq path .a) | (1: syntax error, unexpected INVALID_CHARACTER, expecting $end (Unix shell quoting issues?): write a jq path expression such as .a.b[0] or .a["odd.key"]' \
		sweep-name --name-key='.a) | (1' < /dev/null
	run sweep-add -b "$FIX/small.json" -k '.b.d # a comment' y
	assert_success
}

@test "a key holding a NUL byte is suggested and listed whole, in jq's spelling" {
	# it was suggested as .optim.policy.regula.L2, cut at the NUL
	printf '{"optim": {"policy": {"regula\\u0000ization": {"L2": 0}}}}' > nul.json
	refuses 1 'sweep-add: no key optim.policy.regularization.L2 in the config: did you mean .optim.policy["regula\u0000ization"].L2?' \
		sweep-add -b nul.json -k optim.policy.regularization.L2 1
	run sweep-keys nul.json
	assert_output 'optim
optim.policy
.optim.policy["regula\u0000ization"]
.optim.policy["regula\u0000ization"].L2'
	run bash -c "sweep-add -b nul.json -k '.optim.policy[\"regula\\u0000ization\"].L2' 1 | jq -c '.sweep.params[0].paths'"
	assert_output '[["optim","policy","regula\u0000ization","L2"]]'
}

@test "a key that runs through a number, a string or an array" {
	refuses 1 'sweep-add: bad key a.b: a is a number, which has no keys: sweep a itself' \
		sweep-add -b "$FIX/small.json" -k a.b 1
	refuses 1 'sweep-add: bad key b.d.e: b.d is a string, which has no keys: sweep b.d itself' \
		sweep-add -b "$FIX/small.json" -k b.d.e 1
	refuses 1 'sweep-add: bad key l.x: l is an array: index it with a number, as in l.0' \
		sweep-add -b "$FIX/small.json" -k l.x 1
	refuses 1 'sweep-add: bad key .a.b: Cannot index number with string "b": it must name places in the config' \
		sweep-add -b "$FIX/small.json" -k .a.b 1
	refuses 64 'sweep-add: bad key a..b: a part of it is empty: write parts between single dots, as in algo.rnn.enabled' \
		sweep-add -b "$FIX/small.json" -k a..b 1
}

@test "a key overlapping an earlier one" {
	run bash -c "sweep-add -b '$FIX/small.json' -k b.c true | sweep-add -k b '{\"c\":false}'"
	assert_failure 1
	assert_output 'sweep-add: key b overlaps b.c, declared before: sweep one of them, or the same places with both'
}

@test "garbage on any command's stdin" {
	printf '{"a": 1}\n{"b": nope}\n' > garbage
	refuses 1 'sweep-add: <stdin>:1: not a sweep spec: start a sweep with -b BASE, or pipe one from sweep-add' \
		sweep-add -k a 1 < garbage
	refuses 1 'sweep-expand: <stdin>:1: not a sweep spec: pipe one from sweep-add' sweep-expand < garbage
	refuses 1 'sweep-name: <stdin>:1: not a run: pipe runs from sweep-expand here' sweep-name < garbage
	refuses 1 'sweep-script: <stdin>:1: neither a run nor a sweep spec: pipe runs from sweep-name, or a spec from sweep-add, here' \
		sweep-script < garbage
	printf 'hello' > text
	refuses 1 'sweep-expand: <stdin>:1:5: Invalid numeric literal: the input ends inside a value: pipe a sweep spec from sweep-add here' \
		sweep-expand < text
	refuses 1 'sweep-name: <stdin>:1:5: Invalid numeric literal: the input ends inside a value: pipe runs from sweep-expand here' \
		sweep-name < text
	refuses 1 'sweep-keys: <stdin>:1:5: Invalid numeric literal: the input ends inside a value: give a JSON config' \
		sweep-keys < text
	run listing .
	assert_output $'./garbage\n./text'
}

@test "object values without value names" {
	refuses 1 'sweep-add: o has an object value, which cannot go in a run name: give the values names with -N' \
		sweep-add -b "$FIX/small.json" -k o '{"p": 2}' '{"p": 3}'
	run sweep-add -b "$FIX/small.json" -k o -N two,three '{"p": 2}' '{"p": 3}'
	assert_success
	run sweep-add -b "$FIX/small.json" -k o --hide-name '{"p": 2}' '{"p": 3}'
	assert_success
}

@test "a name over 250 bytes leaves nothing on disk" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d x $(printf 'x%.0s' {1..300}) | sweep-script -o out"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: <stdin>:1: run name exp_d_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is 306 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name'
	assert_output ''
	run listing .
	assert_output ''
}

@test "two runs with one name leave nothing on disk" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | sweep-add -k b.d -n d --hide-name x y | sweep-script -o out"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: two runs are named exp_a_1 (runs 0 and 1): tell them apart with -n or -N'
	assert_output ''
	run listing .
	assert_output ''
}

@test "an existing config without --force: untouched, nothing new" {
	mkdir out
	echo mine > out/exp_a_2.json
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 3 | sweep-script -o out -s out/run.sh"
	assert_failure 1
	assert_equal "$stderr" "sweep-script: $PWD/out/exp_a_2.json exists: use -f to overwrite it"
	run listing out
	assert_output './exp_a_2.json'
	assert_equal "$(cat out/exp_a_2.json)" mine
}

@test "input cut off mid-record" {
	runs 1 2 3 > runs
	head -c -20 runs > cut
	local col=$(awk 'NR == 3 { print length($0) }' cut)
	refuses 1 "sweep-script: <stdin>:3:$col: Unfinished JSON term: the input ends inside a value: pipe runs from sweep-name, or a spec from sweep-add, here" \
		sweep-script -o out -s run.sh < cut
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 3 | sweep-expand > runs2
	{ head -n 2 runs2; sed -n 3p runs2 | head -c 18; } > cut2
	rm runs2
	refuses 1 "sweep-name: <stdin>:3:18: Unfinished JSON term: the input ends inside a value: pipe runs from sweep-expand here" \
		sweep-name < cut2
	run listing .
	assert_output $'./cut\n./cut2\n./runs'
}

@test "an output directory that cannot be made" {
	echo file > blocker
	refuses 1 "sweep-script: cannot make output directory $PWD/blocker/out: Not a directory: choose another with -o" \
		sweep-script -o blocker/out < <(sweep-add -b "$FIX/small.json" -k a -n a 1)
	run listing .
	assert_output './blocker'
}

@test "a full disk: nothing half-written is left" {
	[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
	mkdir disk
	mount -t tmpfs -o size=64k tmpfs disk || skip "this machine cannot mount a tmpfs"
	echo precious > disk/keep
	run --separate-stderr bash -c "sweep-add -b '$FIX/robomimic/iris.json' -k train.seed -n seed \$(seq 1 100) | sweep-script -o disk/out -s disk/run.sh"
	local listed
	listed=$(listing disk)
	umount disk
	assert_failure 1
	assert_regex "$stderr" '^sweep-script: cannot write .*/disk/out/test_seed_[0-9]+\.json: No space left on device: free some space or choose another directory with -o$'
	assert_equal "$listed" './keep'
}

@test "a write error on stdout" {
	refuses 1 'sweep-add: stdout: No space left on device: check the disk and the reader' \
		bash -c "sweep-add -b '$FIX/small.json' -k a 1 > /dev/full"
	refuses 1 'sweep-expand: stdout: No space left on device: check the disk and the reader' \
		bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-expand > /dev/full"
	refuses 1 'sweep-name: stdout: No space left on device: check the disk and the reader' \
		bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-expand | sweep-name > /dev/full"
	refuses 1 'sweep-script: cannot write the script to stdout: No space left on device: the configs are removed again' \
		bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | sweep-script -o out > /dev/full"
	run listing .
	assert_output ''
}

# killed SIGNAL: sweep-script reads runs from a pipe that stays open; once
# it has staged configs, SIGNAL stops it; nothing it wrote may remain.
# (A background job of a script starts with SIGINT ignored, and
# sweep-script keeps it so: env gives it the defaults.)
killed() {
	mkfifo feed
	runs $(seq 1 50) > runs
	env --default-signal=INT,TERM sweep-script -o out -s out/run.sh < feed 2> err &
	local pid=$!
	exec 7> feed
	cat runs >&7
	for _ in $(seq 1 500); do
		[ "$(find out -name '*.json' 2> /dev/null | wc -l)" -eq 50 ] && break
		sleep 0.01
	done
	find out -name '*.json' | wc -l > staged
	kill -"$1" "$pid"
	wait "$pid" || echo "$?" > status
	exec 7>&-
	rm feed
}

@test "SIGTERM while files are being written: nothing is left" {
	killed TERM
	assert_equal "$(cat staged)" 50
	assert_equal "$(cat status)" 143
	run listing .
	assert_output $'./err\n./runs\n./staged\n./status'
}

@test "SIGINT while files are being written: nothing is left" {
	killed INT
	assert_equal "$(cat staged)" 50
	assert_equal "$(cat status)" 130
	run listing .
	assert_output $'./err\n./runs\n./staged\n./status'
}

@test "a value name never puts a file outside the output directory" {
	mkdir out
	run bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d -N '../../escape,/etc/passwd,..' x y z | sweep-script -q -o out"
	assert_success
	run listing .
	assert_output './out
./out/exp_d_-etc-passwd.json
./out/exp_d_..-..-escape.json
./out/exp_d_...json'
}

@test "a terminal on stdin: every command that reads a stream says so at once" {
	for c in 'sweep-expand:pipe a sweep spec from sweep-add here' \
	    'sweep-name:pipe runs from sweep-expand here' \
	    'sweep-script:pipe runs from sweep-name, or a spec from sweep-add, here' \
	    'sweep-keys:give a JSON config'; do
		run script -qec "${c%%:*}" /dev/null
		assert_failure 64
		assert_output "${c%%:*}: stdin is a terminal: ${c#*:}"$'\r'
	done
}

@test "after a stage that gave nothing: the next one says so" {
	run --separate-stderr bash -c "false | sweep-expand"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: no sweep spec on stdin: the stage before gave nothing (did it fail? see its error above)'
	run --separate-stderr bash -c "false | sweep-script -o out"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: no runs on stdin: the stage before gave nothing (did it fail? see its error above)'
	run --separate-stderr bash -c "false | sweep-add -b - -k a 1"
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: no JSON value on stdin: the stage before gave nothing (did it fail? see its error above)'
	run --separate-stderr bash -c "false | sweep-name"
	assert_success
	assert_equal "$stderr" ''
	[ ! -e out ]
}

@test "control characters, DEL and bytes that are not UTF-8 are escaped: every message is one line that cannot move the terminal" {
	hostile=$'x\e]0;PWNED\a\n\t\r\x7f\x01\xff\xc3é'
	shown='x\e]0;PWNED\x07\n\t\r\x7f\x01\xff\xc3é'
	# libjq's strings hold U+FFFD for bytes that are not UTF-8
	shown_jv='x\e]0;PWNED\x07\n\t\r\x7f\x01'$'\uFFFD\uFFFD''é'
	refuses 1 "sweep-add: no key ${shown%'\xff\xc3é'}é in the config: list the keys with sweep-keys, or add it with --create" \
		sweep-add -b "$FIX/small.json" -k "${hostile%$'\xff\xc3é'}é" 1
	refuses 1 "sweep-add: $shown: No such file or directory: give -b a JSON config file" \
		sweep-add -b "$hostile" -k a 1
	# usage errors too, which argp prints
	usage_error "sweep-add: two base configs, $shown and b: a sweep starts from one base: give -b once" \
		sweep-add -b "$hostile" -b b -k a 1
	usage_error "sweep-add: -k $shown_jv has text that is not UTF-8, which libjq would not keep as written: write it as UTF-8" \
		sweep-add -b "$FIX/small.json" -k "$hostile" 1
	usage_error "sweep-expand: --sample $shown is not an integer from 0 to 18446744073709551615: give one" \
		sweep-expand --sample="$hostile"
	refuses 1 "sweep-keys: $shown: No such file or directory: give a JSON config" \
		sweep-keys "$hostile"
	runs 1 > runs
	jq -c '.run.name = "\u001b]0;PWNED\u0007/\n"' runs > bad
	refuses 1 'sweep-script: run name \e]0;PWNED\x07/\n holds a /, which would put its config outside the output directory: name the runs with sweep-name' \
		sweep-script -o out < bad
	sweep-add -b "$FIX/small.json" -k a -n a 1 | sweep-expand |
		jq -c '.config.experiment.name = "\u001b]0;PWNED\u0007\n\("x" * 300)"' > long
	refuses 1 "sweep-name: <stdin>:1: run name \\e]0;PWNED\\x07\\n$(printf 'x%.0s' {1..29})... is 315 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name" \
		sweep-name < long
	refuses 1 "sweep-script: $PWD/$shown: the path is not UTF-8, and sweep writes it into JSON, which would name another file: rename it to UTF-8, or choose another" \
		sweep-script -o "$hostile" < runs
	run --separate-stderr sweep-script -o "${hostile%$'\xff\xc3é'}é" < runs
	assert_success
	assert_equal "$stderr" "sweep-script: wrote 1 config to $PWD/${shown%'\xff\xc3é'}é"
}

@test "a YAML base, or JSON with comments: the error says how to make it JSON" {
	local yaml="a config must be JSON: convert it with yq -o json base.yaml > CONFIG.json, or python3 -c 'import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)' < base.yaml > CONFIG.json"
	printf 'a: 1\nb:\n  c: 2\n' > base.yaml
	refuses 1 "sweep-add: base.yaml:1:2: Invalid numeric literal: $yaml" \
		sweep-add -b base.yaml -k a 2
	refuses 1 "sweep-keys: base.yaml:1:2: Invalid numeric literal: $yaml" \
		sweep-keys base.yaml
	# YAML by its first bytes, whatever its name
	printf -- '---\na: 1\n' > conf.json
	run --separate-stderr sweep-add -b conf.json -k a 2
	assert_failure 1
	assert_regex "$stderr" "^sweep-add: conf.json:[0-9:]+: .*: a config must be JSON: convert it with yq -o json conf.json > CONFIG.json, "
	# a YAML name on JSON text reads as JSON
	printf '{"a": 1}\n' > plain.yml
	run bash -c "sweep-add -b plain.yml -k a 2 | jq -c .base"
	assert_output '{"a":1}'
	printf '{\n  // the rate\n  "a": 1\n}\n' > base.jsonc
	refuses 1 'sweep-add: base.jsonc:2:5: Invalid numeric literal: a config must be JSON, which has no comments: remove them (and any trailing commas) from base.jsonc' \
		sweep-add -b base.jsonc -k a 2
	printf '{"a": 1, /* rate */ "b": 2}\n' > c.json
	run --separate-stderr sweep-add -b c.json -k a 2
	assert_failure 1
	assert_regex "$stderr" ': a config must be JSON, which has no comments: remove them \(and any trailing commas\) from c.json$'
	# a URL is no comment
	printf '{"u": "http://x", "a": }\n' > bad.json
	refuses 1 "sweep-add: bad.json:1:24: Unmatched '}': give -b a JSON config file" \
		sweep-add -b bad.json -k a 2
}

@test "a YAML config's hint ends every error about it: empty, two values, missing" {
	local yaml="a config must be JSON: convert it with yq -o json c.yml > CONFIG.json, or python3 -c 'import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)' < c.yml > CONFIG.json"
	refuses 1 "sweep-add: c.yml: No such file or directory: $yaml" \
		sweep-add -b c.yml -k a 2
	: > c.yml
	refuses 1 "sweep-add: c.yml: no JSON value in it: $yaml" \
		sweep-add -b c.yml -k a 2
	printf '{"a": 1}\n{"a": 2}\n' > c.yml
	refuses 1 "sweep-keys: c.yml:2: more than one JSON value in it: $yaml" \
		sweep-keys c.yml
	printf '{"a": 1}\n{"a": 2}\n' > c.json
	refuses 1 "sweep-add: c.json:2: more than one JSON value in it: give -b a JSON config file" \
		sweep-add -b c.json -k a 2
}
