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

@test "a base that reads as JSON is opened once: the YAML hint is looked for only after an error" {
	command -v strace > /dev/null || skip "no strace"
	[ -z "$SWEEP_SANITIZE" ] || skip "LeakSanitizer does not run under strace"
	printf '{"x": 1}' > base.json
	run strace -o trace -e trace=open,openat sweep-add -b base.json -k x 2
	assert_success
	run grep -c '"base.json"' trace
	assert_output 1
}

@test "values are JSON when they are one whole JSON text, else strings" {
	run sweep-add -b "$FIX/small.json" -k n -n '' -- true 1e-3 '[1024,1024]' null '{"a":1}' True hello '"q"' '1 2' -1 ''
	assert_success
	run jq -c '.sweep.params[0].values' <<<"$output"
	assert_output '[true,0.001,[1024,1024],null,{"a":1},"True","hello","q","1 2",-1,""]'
}

@test "one VALUE that is a comma list (Hydra's and W&B's 0.1,0.01) warns that it is one string, one run" {
	run --separate-stderr bash -c 'sweep-add -k lr 0.1,0.01 < /dev/null | jq -c .sweep.params[0].values'
	assert_success
	assert_output '["0.1,0.01"]'
	assert_equal "$stderr" 'sweep-add: warning: value 0.1,0.01 for lr is one string: to sweep over its parts give each as a VALUE of its own (spaces, not commas); -S keeps it one string without this warning'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d true,false
	assert_success
	assert_equal "$stderr" 'sweep-add: warning: value true,false for b.d is one string: to sweep over its parts give each as a VALUE of its own (spaces, not commas); -S keeps it one string without this warning'
	local args
	for args in '-S 0.1,0.01' '64,64 128,128' 'a,b' '1,' '0.1'; do
		run --separate-stderr bash -c "sweep-add -k l $args < /dev/null"
		assert_equal "$args: $status $stderr" "$args: 0 "
	done
	# where the base has a number, the type is the one error
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a 0.1,0.01
	assert_equal "$status $stderr" '1 sweep-add: value "0.1,0.01" for a is a string, but the base has a number there: write a number'
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

@test "-N '' is one empty value name, as robomimic's value_names=[\"\"]" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n x -N '' 5 | jq -c '.sweep.params[0].value_names'"
	assert_output '[""]'
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n x -N '' 5 | sweep-expand | sweep-name | jq -c '[.run.name, .config.meta.hp_values]'"
	assert_output '["exp_x",[""]]'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a -n x -N '' 5 6
	assert_failure 1
	assert_equal "$stderr" "sweep-add: a has 2 values but 1 value name: give one name per value with -N"
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

@test "a group beyond an int is a usage error, not a spec that every later stage calls malformed" {
	local g
	for g in 99999999999999999999 3000000000 -2147483649; do
		run --separate-stderr sweep-add -b "$FIX/small.json" -k a -g "$g" 1 2
		assert_equal "$g $status ${stderr%%$'\n'*}" "$g 64 sweep-add: group $g is out of range: give -g 0, -g 1, ..."
		assert_output ''
	done
	run bash -c "sweep-add -b '$FIX/small.json' -k a -g 2147483647 1 2 | sweep-add -k b.d -g 2147483647 x y | sweep-add -k l.0 -g -2147483648 5 6 | sweep-expand --count"
	assert_success
	assert_output 4
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

# vals ARGS...: the values sweep-add ARGS... declares, as one JSON line.
vals() {
	sweep-add "$@" | jq -c '.sweep.params[0].values'
}

@test "--range: START up to STOP, STOP excluded, STEP 1 by default" {
	run vals -b "$FIX/small.json" -k a --range=0:5
	assert_success
	assert_output '[0,1,2,3,4]'
	run vals -b "$FIX/small.json" -k a --range=10:0:-3
	assert_output '[10,7,4,1]'
	run vals -b "$FIX/small.json" -k a --range -1:1:0.25
	assert_output '[-1,-0.75,-0.5,-0.25,0,0.25,0.5,0.75]'
}

@test "--range with decimal steps: as decimals go, STOP stays out" {
	run vals -b "$FIX/small.json" -k a --range=0:0.9:0.3
	assert_success
	assert_output '[0,0.3,0.6]'
	run vals -b "$FIX/small.json" -k a --range=0:1:0.1
	assert_output '[0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9]'
	run bash -c "sweep-add -b '$FIX/small.json' -k a --range=0:100:0.1 | jq '.sweep.params[0].values | [length, (map(tostring | length) | max), .[-1]]' -c"
	assert_output '[1000,4,99.9]'
}

@test "--linspace: N numbers from A to B, evenly spaced" {
	run vals -b "$FIX/small.json" -k a --linspace=0:1:5
	assert_success
	assert_output '[0,0.25,0.5,0.75,1]'
	run vals -b "$FIX/small.json" -k a --linspace=-0.7:0.1:9
	assert_output '[-0.7,-0.6,-0.5,-0.4,-0.3,-0.2,-0.1,0,0.1]'
	run vals -b "$FIX/small.json" -k a --linspace=5:6:1
	assert_output '[5]'
	run vals -b "$FIX/small.json" -k a --linspace=0:1:4
	assert_output '[0,0.333333333333333,0.666666666666667,1]'
	run bash -c "sweep-add -b '$FIX/small.json' -k a --linspace=-1:1:2001 | jq '.sweep.params[0].values | [length, (map(tostring | length) | max), .[1000], .[1001]]' -c"
	assert_output '[2001,6,0,0.001]'
}

@test "--geomspace: N numbers from A to B, log-evenly spaced, as written" {
	run vals -b "$FIX/small.json" -k a --geomspace=1e-4:1e-2:3
	assert_success
	assert_output '[0.0001,0.001,0.01]'
	run vals -b "$FIX/small.json" -k a --geomspace=1e-6:1:7
	assert_output '[1e-06,1e-05,0.0001,0.001,0.01,0.1,1]'
	run vals -b "$FIX/small.json" -k a --geomspace=1:1024:11
	assert_output '[1,2,4,8,16,32,64,128,256,512,1024]'
	run vals -b "$FIX/small.json" -k a --geomspace=-3e-4:-3e-1:4
	assert_output '[-0.0003,-0.003,-0.03,-0.3]'
	run vals -b "$FIX/small.json" -k a --geomspace=1e-300:1e300:7
	assert_output '[1e-300,1e-200,1e-100,1,1e+100,1e+200,1e+300]'
}

@test "generated numbers make the names a person would write" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n lr --geomspace=1e-4:1e-2:3 |
		sweep-add -k o.p -n w --linspace=0.1:0.3:3 | sweep-expand | sweep-name --no-base | jq -r .run.name"
	assert_success
	assert_output 'lr_0.0001_w_0.1
lr_0.0001_w_0.2
lr_0.0001_w_0.3
lr_0.001_w_0.1
lr_0.001_w_0.2
lr_0.001_w_0.3
lr_0.01_w_0.1
lr_0.01_w_0.2
lr_0.01_w_0.3'
}

@test "--values-from: one VALUE a line, typed as on the command line" {
	printf '1e-3\n\ntrue\nhello\n"q"\n[1,2]\r\n' > vals.txt
	run vals -b "$FIX/small.json" -k n --values-from=vals.txt
	assert_success
	assert_output '[0.001,true,"hello","q",[1,2]]'
	run vals -b "$FIX/small.json" -k b.d -S --values-from vals.txt
	assert_output '["1e-3","true","hello","\"q\"","[1,2]"]'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k n -J --values-from=vals.txt
	assert_failure 1
	assert_equal "$stderr" "sweep-add: n: vals.txt:4: value hello is not JSON: quote a string as '\"hello\"', or drop -J"
}

@test "--values-from: a file with no values is an error, beside other values too, so a sweep never quietly shrinks" {
	: > empty.txt
	printf '\n\n' > blanks.txt
	echo '[]' > none.json
	local f
	for f in empty.txt blanks.txt none.json; do
		run --separate-stderr sweep-add -b "$FIX/small.json" -k a --values-from=$f 1 2
		assert_equal "$f: $status $stderr" "$f: 1 sweep-add: a: $f holds no values (did the command that makes it fail?): put one VALUE a line in it, or one JSON array"
		assert_output ''
	done
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a --values-from=<(jq -r '.nope[]?' '$FIX/small.json') 1 2"
	assert_failure 1
	assert_regex "$stderr" '^sweep-add: a: /dev/fd/[0-9]+ holds no values \(did the command that makes it fail\?\): put one VALUE a line in it, or one JSON array$'
}

@test "--values-from: a file that is one JSON array holds the values, whatever its name, a pipe too" {
	echo '[1, "a", [2, 3], {"b": 1}, null]' > vals.txt
	run vals -b "$FIX/small.json" -k n -N a,b,c,d,e --values-from vals.txt
	assert_success
	assert_output '[1,"a",[2,3],{"b":1},null]'
	run vals -b "$FIX/small.json" -k n -N a,b,c --values-from <(jq -n '[1, 2, 3]')
	assert_output '[1,2,3]'
	run vals -b "$FIX/small.json" -k n --values-from <(printf '1\n2\n')
	assert_output '[1,2]'
	# a .json file of lines is lines; arrays a line are a value each
	printf '1\n"x"\n' > lines.json
	run vals -b "$FIX/small.json" -k n --values-from lines.json
	assert_output '[1,"x"]'
	printf '[1, 2]\n[3]\n' > pairs.txt
	run vals -b "$FIX/small.json" -k n -N p,q --values-from pairs.txt
	assert_output '[[1,2],[3]]'
	echo '{"a": 1}' > obj.json
	run vals -b "$FIX/small.json" -k n --values-from obj.json
	assert_output '[{"a":1}]'
	echo '[1, 2' > cut.json
	run --separate-stderr sweep-add -b "$FIX/small.json" -k n --values-from cut.json
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: n: cut.json starts as a JSON array but is none (Unfinished JSON term at EOF at line 2, column 0): write one JSON array of values, or one VALUE a line'
}

@test "--values-from: a pipe or file over many reads, white space before it too" {
	run vals -b "$FIX/small.json" -k n --values-from <(seq 30000)
	assert_success
	assert_output "$(seq 30000 | jq -sc .)"
	run vals -b "$FIX/small.json" -k n --values-from <(printf '%100000s\n' ''; seq 30000 | jq -sc .)
	assert_output "$(seq 30000 | jq -sc .)"
	run vals -b "$FIX/small.json" -k n --values-from <(yes '' | head -n 100000; printf '1\n[2]\n')
	assert_output '[1,[2]]'
	{ yes '' | head -n 100000; printf '[1,\n2]\n'; } > vals.txt
	run vals -b "$FIX/small.json" -k n --values-from vals.txt
	assert_output '[1,2]'
}

@test "--values-from: a missing file, an empty one" {
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a --values-from=nope.txt
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: a: nope.txt: No such file or directory: give a file with one VALUE a line, or one JSON array'
	: > empty.txt
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a --values-from=empty.txt
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: a: empty.txt holds no values (did the command that makes it fail?): put one VALUE a line in it, or one JSON array'
}

@test "values from several sources keep the command line's order" {
	printf '5\n6\n' > more.txt
	echo '[7]' > more.json
	run vals -b "$FIX/small.json" -k a 1 --range=2:4 --values-from=more.txt --linspace=10:20:2 --values-from more.json --geomspace=100:1000:2 -- 9 -1
	assert_success
	assert_output '[1,2,3,5,6,10,20,7,100,1000,9,-1]'
	run vals -b "$FIX/small.json" -k a -N a,b,c --range=0:3
	assert_output '[0,1,2]'
}

@test "a generator's bad argument is a usage error, one clear line" {
	check() {
		run --separate-stderr sweep-add -b "$FIX/small.json" -k a "$1"
		assert_failure 64
		assert_equal "${stderr%%$'\n'*}" "sweep-add: $2"
		assert_output ''
	}
	check --range=1 '--range=1: write START:STOP[:STEP], as in 0:10:2'
	check --range=1:2:3:4 '--range=1:2:3:4: write START:STOP[:STEP], as in 0:10:2'
	check --range=a:2 '--range=a:2: a is not a number: write START:STOP[:STEP], as in 0:10:2'
	check --range=0:inf '--range=0:inf: inf is not a number: write START:STOP[:STEP], as in 0:10:2'
	check --range=0::1 '--range=0::1: "" is not a number: write START:STOP[:STEP], as in 0:10:2'
	check --range=0:1:0 '--range=0:1:0: the step is 0: give a step other than 0'
	check --range=5:1 '--range=5:1: no values: STOP must be above START for a positive STEP, below it for a negative one'
	check --range=0:1e9 '--range=0:1e9: 1000000000 values, over 1000000: use a larger step'
	check --linspace=0:1 '--linspace=0:1: write A:B:N, as in 1e-4:1e-1:4'
	check --linspace=0:1:0 '--linspace=0:1:0: N is 0: give 1 or more values'
	check --linspace=0:1:2.5 '--linspace=0:1:2.5: N 2.5 is not a whole number: give a count such as 5'
	check --geomspace=0:1:3 '--geomspace=0:1:3: a log scale cannot reach 0 or cross it: give ends of one sign, as in 1e-4:1e-1:4'
	check --geomspace=-1:1:3 '--geomspace=-1:1:3: a log scale cannot reach 0 or cross it: give ends of one sign, as in 1e-4:1e-1:4'
	check --geomspace=1:2:-1 '--geomspace=1:2:-1: N is -1: give 1 or more values'
}

@test "generated values are checked against the base as others are" {
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d --range=0:2
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: value 0 for b.d is a number, but the base has a string there: take the values as strings with -S'
	run vals -b "$FIX/small.json" -k b.d -S --range=0:2 --geomspace=1e-5:1e-4:2 x
	assert_success
	assert_output '["0","1","1e-05","0.0001","x"]'
}

@test "--help lists the generators" {
	run sweep-add --help
	assert_success
	assert_line --partial '--range=START:STOP[:STEP]'
	assert_line --partial '--linspace=A:B:N'
	assert_line --partial '--geomspace=A:B:N'
	assert_line --partial '--values-from=FILE'
}

@test "two parameters of one name are a usage error at the second" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n lr 1 2 | sweep-add -k o.p -n lr 3 4"
	assert_failure 64
	assert_output ''
	assert_equal "$stderr" 'sweep-add: a and o.p are both named lr: give one of them another name with -n'
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k o.p 1 2 | sweep-add -k .layers[0].dim --hide-name -n p 3 4"
	assert_failure 64
	assert_equal "$stderr" 'sweep-add: o.p and .layers[0].dim are both named p: give one of them another name with -n'
	# the same key again replaces its declaration, name and all
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n lr 1 2 | sweep-add -k .a -n lr 3 | sweep-add -k o.p -n '' 5 6 | jq -c '[.sweep.params[] | [.key, .name]]'"
	assert_success
	assert_output '[[".a","lr"],["o.p",""]]'
}

@test "a value given twice is a usage error that names both spellings" {
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a 0.0001 0.1 1e-4
	assert_failure 64
	assert_output ''
	assert_equal "$stderr" 'sweep-add: values 0.0001 and 1e-4 of a are the same number: drop one'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a 2 --range=1:4
	assert_failure 64
	assert_equal "$stderr" 'sweep-add: value 2 of a is given twice: drop one'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k l '[1, 2]' '[3]' '[1,2]'
	assert_failure 64
	assert_equal "$stderr" 'sweep-add: values [1, 2] and [1,2] of l are the same value: drop one'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d -N x,y x x
	assert_failure 64
	assert_equal "$stderr" 'sweep-add: value x of b.d is given twice: drop one'
	# zipped with another parameter, a value may come back
	run bash -c "sweep-add -b '$FIX/small.json' -k a -g 0 1 1 | jq -c '.sweep.params[0].values'"
	assert_success
	assert_output '[1,1]'
}

@test "a base config's numbers that libjq holds only approximately: one warning naming their keys" {
	printf '{"a": 1, "big": 9007199254740993, "ok": 9007199254740994, "x": {"tiny": [1e-400, 1e400]}, "f": 0.1}' > base.json
	run --separate-stderr sweep-add -b base.json -k a 2
	assert_success
	assert_equal "$stderr" 'sweep-add: base.json: warning: libjq holds the numbers at big, x.tiny.0, x.tiny.1 only approximately (too large, too small or too many digits for a double): configs get the nearest number it holds'
	assert_equal "$(jq -c .base <<< "$output")" '{"a":1,"big":9007199254740992,"ok":9007199254740994,"x":{"tiny":[0,1.7976931348623157e+308]},"f":0.1}'
	printf '{"a": 1, "l": [1e999, 1e999, 1e999, 1e999, 1e999, 1e999, 1e999]}' > many.json
	run --separate-stderr sweep-add -b - -k a 2 < many.json
	assert_success
	assert_equal "$stderr" 'sweep-add: <stdin>: warning: libjq holds the numbers at l.0, l.1, l.2, l.3, l.4 and 2 more only approximately (too large, too small or too many digits for a double): configs get the nearest number it holds'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a 2
	assert_equal "$stderr" ''
}

@test "a base config with a key twice in one object is read as jq and Python read it, the last kept, with a warning" {
	local tail='is given twice in one object: the last one is kept, as jq and Python keep it'
	# JSON allows it (JSONTestSuite's y_object_duplicated_key)
	printf '{"a": {"x": 1}, "a": {"b": 2}}' > twice.json
	run --separate-stderr sweep-add -b twice.json -k a.b 1 2
	assert_success
	assert_equal "$stderr" "sweep-add: twice.json: the base config: warning: the key a $tail"
	assert_equal "$(jq -c .base <<< "$output")" '{"a":{"b":2}}'
	printf '{"a": 0, "b": {"\\u00e9": 1, "é": 2}}' > twice.json
	run --separate-stderr sweep-add -b - -k a 1 2 < twice.json
	assert_equal "$status $stderr" "0 sweep-add: <stdin>: the base config: warning: the key b.é $tail"
	assert_equal "$(jq -c .base <<< "$output")" '{"a":0,"b":{"é":2}}'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k l -N a,b '[1]' '[{"x": 1, "x": 2}]'
	assert_equal "$status $stderr" "0 sweep-add: value [{\"x\": 1, \"x\": 2}]: warning: the key 0.x $tail"
	assert_equal "$(jq -c .sweep.params[0].values <<< "$output")" '[[1],[{"x":2}]]'
	printf '[{"x": 1, "x": 2}]' > v.json
	run --separate-stderr sweep-add -b "$FIX/small.json" -k o --values-from=v.json
	assert_equal "$status $stderr" "0 sweep-add: v.json: warning: the key 0.x $tail"
}

@test "a base config that libjq would not keep as written is refused: text not UTF-8, a lone surrogate" {
	local tail='which libjq would not keep as written'
	printf '{"a": 0, "s": ["ok", "caf\xe9"]}' > latin1.json
	run --separate-stderr sweep-add -b latin1.json -k a 1 2
	assert_equal "$status $stderr" "1 sweep-add: latin1.json: the base config has text that is not UTF-8 at s.1, $tail: write it as UTF-8"
	printf '{"a": 0, "b": {"c": "x\\udc00"}}' > lone.json
	run --separate-stderr sweep-add -b lone.json -k a 1 2
	assert_equal "$status $stderr" "1 sweep-add: lone.json: the base config has a lone UTF-16 surrogate escape at b.c, $tail: write the character it stands for"
	# libjq reads this one, from stdin too, over many reads
	{ printf '{"a": 0, "pad": "'; head -c 300000 /dev/zero | tr '\0' x; printf '", "b": {"c": "x\\udc00"}}'; } > big.json
	run --separate-stderr bash -c 'cat big.json | sweep-add -b - -k a 1 2'
	assert_equal "$status $stderr" "1 sweep-add: <stdin>: the base config has a lone UTF-16 surrogate escape at b.c, $tail: write the character it stands for"
	printf '{"a": 0, "\\udfff": 1}' > lone.json
	run --separate-stderr sweep-add -b lone.json -k a 1 2
	assert_equal "$status $stderr" "1 sweep-add: lone.json: the base config has a lone UTF-16 surrogate escape at \\udfff, $tail: write the character it stands for"
	# pairs, escapes of other characters and U+FFFD itself are kept
	printf '{"a": 0, "s": "\\ud83d\\ude00 😀 \\\\ud800 \\ufffd �", "x": [{"a": 1}, {"a": 2}]}' > ok.json
	run --separate-stderr sweep-add -b ok.json -k a 1
	assert_success
	assert_equal "$(jq -c .base <<< "$output")" "$(jq -c . ok.json)"
}

@test "a zero-padded number is a string, as in Hydra and YAML; jq's other numbers stay numbers" {
	run sweep-add -k a -- 08 007 -08 '[01]' 0 1e05 1.05 1e-05 .5 +1 '[0, 10]' < /dev/null
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '["08","007","-08","[01]",0,100000,1.05,1e-05,0.5,1,[0,10]]'
	printf '01\n02\n' > ids
	run sweep-add -k a --values-from=ids < /dev/null
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '["01","02"]'
	run --separate-stderr sweep-add -k a -J 08 < /dev/null
	assert_failure 1
	assert_equal "$stderr" "sweep-add: a: value 08 is not JSON: quote a string as '\"08\"', or drop -J"
}

@test "a VALUE with a control character or a byte past ASCII outside its strings is no JSON: libjq read 8 of 8\\x1ey" {
	run --separate-stderr sweep-add -k a $'8\x1ey' < /dev/null
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '["8\u001ey"]'
	run --separate-stderr sweep-add -k a -J $'8\x1ey' < /dev/null
	assert_failure 1
	assert_equal "$stderr" "sweep-add: a: value 8\\x1ey is not JSON: quote a string as '\"8\\x1ey\"', or drop -J"
	# outside a string, a byte past ASCII: not JSON, then not UTF-8
	run --separate-stderr sweep-add -k a $'8\x1e\xeb' < /dev/null
	assert_failure 1
	assert_equal "$stderr" "sweep-add: a: value 8\\x1e"$'\xef\xbf\xbd'" has text that is not UTF-8, which libjq would not keep as written: write it as UTF-8"
	# the record separator inside a string too: libjq read 1 of this,
	# and a message named a key at a level it could not know (abort)
	run --separate-stderr sweep-add -k a $'1{[["\x1e["' < /dev/null
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '["1{[[\"\u001e[\""]'
	run --separate-stderr sweep-add -k a $'1{[["\x1e\xff"' < /dev/null
	assert_failure 1
	# JSON's own white space, and anything else inside a string, are JSON
	run sweep-add -k a $'[1,\t2]' '["é", "\u001e"]' < /dev/null
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '[[1,2],["é","\u001e"]]'
}

@test "values, names and keys that libjq would not keep as written are refused: text not UTF-8, a lone surrogate" {
	local tail='which libjq would not keep as written' fffd=$'\xef\xbf\xbd'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d $'caf\xe9' x
	assert_equal "$status $output" '1 '
	assert_equal "$stderr" "sweep-add: b.d: value caf$fffd has text that is not UTF-8, $tail: write it as UTF-8"
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d -S x $'\xff'
	assert_equal "$status $stderr" "1 sweep-add: b.d: value $fffd has text that is not UTF-8, $tail: write it as UTF-8"
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d -J '"x"' '"\udc00"'
	assert_equal "$status $stderr" "1 sweep-add: b.d: value \"\\udc00\" has a lone UTF-16 surrogate escape, $tail: write the character it stands for"
	printf 'ok\ncaf\xe9\n' > v.txt
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d --values-from=v.txt
	assert_equal "$status $stderr" "1 sweep-add: b.d: v.txt:2: value caf$fffd has text that is not UTF-8, $tail: write it as UTF-8"
	printf '["ok", "\\udc00"]' > v.json
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d --values-from=v.json
	assert_equal "$status $stderr" "1 sweep-add: b.d: v.json has a lone UTF-16 surrogate escape at 1, $tail: write the character it stands for"
	local opt
	for opt in -k -n -N; do
		run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d "$opt" $'n\xff' x
		assert_equal "$opt: $status ${stderr%%$'\n'*}" "$opt: 64 sweep-add: $opt n$fffd has text that is not UTF-8, $tail: write it as UTF-8"
	done
	for opt in --base-name --name-key --wandb-project; do
		run --separate-stderr sweep-name "$opt" $'n\xff' < /dev/null
		assert_equal "$opt: $status ${stderr%%$'\n'*}" "$opt: 64 sweep-name: $opt n$fffd has text that is not UTF-8, $tail: write it as UTF-8"
	done
	# UTF-8 text, pairs and other escapes are kept
	run vals -b "$FIX/small.json" -k b.d 'é' '"\ud83d\ude00"' '"\\ud800"'
	assert_output '["é","😀","\\ud800"]'
}

@test "NaN and Infinity, which libjq 1.6 reads and JSON has not: refused in a base, a values file, and never numbers on the command line" {
	printf '{"lr": 1, "clip": Infinity, "m": NaN}' > py.json
	run --separate-stderr sweep-add -b py.json -k lr 1 2
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-add: py.json: the base config holds NaN or Infinity at clip, which JSON has not (libjq would write null or 1.7976931348623157e+308): write a number or null there'
	printf '{"a": {"b": [1, {"c": -Infinity}]}, "x": 1e999}' > deep.json
	run --separate-stderr sweep-add -b - -k a.b.0 1 2 < deep.json
	assert_equal "$status $stderr" '1 sweep-add: <stdin>: the base config holds NaN or Infinity at a.b.1.c, which JSON has not (libjq would write null or 1.7976931348623157e+308): write a number or null there'
	printf '[1, Infinity]' > values.json
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a --values-from=values.json
	assert_equal "$status $stderr" '1 sweep-add: a: values.json holds NaN or Infinity, which JSON has not: write numbers, or quote them as strings'
	local v
	for v in infinity Infinity -infinity '[1,infinity]'; do
		run --separate-stderr sweep-add -b "$FIX/small.json" -k a -- "$v"
		assert_equal "$v: $status $stderr" "$v: 1 sweep-add: value \"$v\" for a is a string, but the base has a number there: write a number"
		run vals -b "$FIX/small.json" -k b.d -- "$v"
		assert_equal "$v: $output" "$v: [\"$v\"]"
	done
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a -- 1e999
	assert_equal "$status $stderr" '1 sweep-add: a: number 1e999 is not one libjq holds exactly (it would be 1.7976931348623157e+308): write it as a string, "1e999", or as a number it holds'
}

@test "generators: the ends come out as written, every number distinct and inside them" {
	run vals -b "$FIX/small.json" -k a --linspace=1e-20:1e-3:2
	assert_output '[1e-20,0.001]'
	run vals -b "$FIX/small.json" -k a --linspace=1e-20:1e-3:3
	assert_output '[1e-20,0.0005,0.001]'
	run vals -b "$FIX/small.json" -k a --range=-1e-17:1:0.5
	assert_output '[-1e-17,0.5]'
	run vals -b "$FIX/small.json" -k a --range=4503599627370496:4503599627370500
	assert_output '[4503599627370496,4503599627370497,4503599627370498,4503599627370499]'
	run vals -b "$FIX/small.json" -k a --range=9007199254740984:9007199254740988
	assert_output '[9007199254740984,9007199254740985,9007199254740986,9007199254740987]'
	run vals -b "$FIX/small.json" -k a --geomspace=1e-300:1:3
	assert_output '[1e-300,1e-150,1]'
	run vals -b "$FIX/small.json" -k a --linspace=1:1.0000000000000004:3
	assert_output '[1,1.0000000000000002,1.0000000000000004]'
	local arg first last
	for arg in --range=-1e-17:1:0.1 --range=1e15:1.00000000000001e15:1 \
	    --range=9007199254740000:9007199254740992:7 --range=1:0:-0.03 \
	    --linspace=1e-20:1e-3:50 --linspace=-1e-300:1e-3:7 \
	    --linspace=9007199254740000:9007199254740992:31 \
	    --geomspace=1e-20:1e-3:50 --geomspace=-5e-324:-1e308:9; do
		run bash -c "sweep-add -b '$FIX/small.json' -k a $arg | jq -c '.sweep.params[0].values | [length, (unique | length), min, max]'"
		first=${arg#*=} last=${first#*:} first=${first%%:*} last=${last%%:*}
		case $arg in
		--range=*) run jq -n -c --argjson v "$output" --argjson a "$first" --argjson b "$last" \
			'$v | .[0] == .[1] and ([.[2], .[3]] | if $a < $b then .[0] == $a and .[1] < $b else .[1] == $a and .[0] > $b end)' ;;
		*) run jq -n -c --argjson v "$output" --argjson a "$first" --argjson b "$last" \
			'$v | .[0] == .[1] and [.[2], .[3]] == ([$a, $b] | sort)' ;;
		esac
		assert_output true || { echo "$arg" >&2; return 1; }
	done
}

@test "generators refuse numbers a double cannot tell apart" {
	local near='are closer together than a double tells apart: give a larger step or fewer numbers'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a --range=9007199254740990:9007199254740996
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-add: --range=9007199254740990:9007199254740996: the numbers near 9007199254740992 $near"
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a --linspace=1:1:3
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-add: --linspace=1:1:3: the numbers near 1 $near"
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a --geomspace=1:1.0000000000000002:3
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-add: --geomspace=1:1.0000000000000002:3: the numbers near 1 $near"
}

@test "naming and writing options travel in the spec; a later stage's own win" {
	printf '{"x": 1}' > base.json
	run bash -c "sweep-add -b base.json --name-key=run_name --no-meta -o out -k x 2 | jq -c .sweep.options"
	assert_output "{\"name_key\":\"run_name\",\"meta\":false,\"out_dir\":\"$PWD/out\"}"
	run bash -c "sweep-add -b base.json --name-key=run_name --no-meta --no-base -k x 2 |
		sweep-add -k y --create --meta --wandb-project p -o o2 3 |
		sweep-add -k z --create --base-name b 4 | jq -c .sweep.options"
	assert_output "{\"name_key\":\"run_name\",\"meta\":true,\"base_name\":\"b\",\"wandb_project\":\"p\",\"out_dir\":\"$PWD/o2\"}"
	run bash -c "sweep-add -b base.json -k x 2 | jq -c '.sweep | has(\"options\")'"
	assert_output false
}

@test "options are checked when given and when read" {
	printf '{"x": 1}' > base.json
	run --separate-stderr sweep-add -b base.json --meta --no-meta -k x 2
	assert_failure 64
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" 'sweep-add: --meta and --no-meta exclude each other: give one'
	run --separate-stderr sweep-add -b base.json -k x --base-name=b --no-base 2
	assert_failure 64
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" 'sweep-add: --base-name and --no-base exclude each other: give one'
	run --separate-stderr sweep-add -b base.json --name-key '.a[' -k x 2
	assert_failure 64
	assert_output ''
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "${stderr%%: syntax error*}" 'sweep-add: --name-key: bad jq path .a['
	sweep-add -b base.json -k x 2 | jq -c '.sweep.options = {"meta": "yes"}' > bad.spec
	run --separate-stderr sweep-add -k x 3 < bad.spec
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: <stdin>:1: malformed options: they hold name_key, base_name, wandb_project and out_dir as strings and meta as true or false: give them to sweep-add'
}
