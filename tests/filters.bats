#!/usr/bin/env bats
# filters/sweep.jq: the jq module for the run stream, through jq -L.

load helper

# sq FILTER [FILE]: jq -c with the module included.
sq() {
	jq -c -L "$TOP/filters" "include \"sweep\"; $1" "${@:2}"
}

# The runs every test reads, made once.
setup_file() {
	sweep-add -b "$FIX/small.json" -k a -N one,two,three 1 2 3 |
		sweep-add -k b.c -n c false true |
		sweep-add -k n null | sweep-expand > "$BATS_FILE_TMPDIR/runs"
}

setup() {
	work_dir || return 1
	cp "$BATS_FILE_TMPDIR/runs" runs
}

@test "hp: a parameter's value by name, else by key" {
	run sq '[.run.index, hp("a"), hp("c"), hp("n")]' runs
	assert_success
	assert_output '[0,1,false,null]
[1,1,true,null]
[2,2,false,null]
[3,2,true,null]
[4,3,false,null]
[5,3,true,null]'
	run sq 'select(hp("a") == 2 and hp("b.c")) | .run.index' runs
	assert_output '3'
}

@test "hp: a parameter the run does not have is an error that names it" {
	run --separate-stderr sq 'hp("lr")' runs
	assert_failure 5
	assert_equal "${stderr%%$'\n'*}" 'jq: error (at runs:1): hp: run 0 has no parameter "lr"'
	assert_output ''
}

@test "hps: the named parameters as an object" {
	run sq 'hps' runs
	assert_success
	assert_line --index 0 '{"a":1,"c":false}'
	assert_line --index 5 '{"a":3,"c":true}'
}

@test "where: runs whose config makes COND true, each once" {
	run sq 'where(.a >= 2 and .b.c) | .run.index' runs
	assert_success
	assert_output $'3\n5'
	run sq 'where(.a == 1, .b.c, .a == 3) | .run.index' runs
	assert_output $'0\n1\n3\n4\n5'
	run sq 'where(.n) | .run.index' runs
	assert_output ''
	run sq 'where(empty) | .run.index' runs
	assert_output ''
	run sq 'where(.a) | .run.index' runs
	assert_output $'0\n1\n2\n3\n4\n5'
}

@test "where: an error in COND stops jq" {
	run --separate-stderr sq 'where(.b.d | test(1))' runs
	assert_failure 5
	assert_output ''
}

@test "derive: a key set from the config, new or existing, in every place" {
	run sq 'derive(.o.p; .a * 10) | derive(.new.k; .b.c | not) | derive(.layers[].dim; .a + 1) | .config | [.o.p, .new.k, .layers]' runs
	assert_success
	assert_line --index 0 '[10,true,[{"dim":2},{"dim":2}]]'
	assert_line --index 5 '[30,false,[{"dim":4},{"dim":4}]]'
	run sq 'derive(.a; .a) | .run' runs
	assert_output "$(jq -c .run runs)"
}

@test "tag: a named parameter that sweep-name puts in the name and meta" {
	run bash -c "jq -c -L '$TOP/filters' 'include \"sweep\"; derive(.o.p; .a * 10) | tag(\"p\"; .config.o.p)' runs |
		sweep-name | jq -c '[.run.name, .config.meta.hp_keys, .config.meta.hp_values, .config.o.p]'"
	assert_success
	assert_line --index 0 '["exp_a_one_c_false_p_10",["a","c","p"],["one",false,10],10]'
	assert_line --index 5 '["exp_a_three_c_true_p_30",["a","c","p"],["three",true,30],30]'
	run sq 'tag("p"; 1) | .run.params[-1]' runs
	assert_line --index 0 '{"key":"p","name":"p","value":1,"value_name":null,"hidename":false}'
}

@test "tag: a name already there gets the new value, and loses its value name" {
	run sq 'tag("a"; 7) | tag("x"; 1) | tag("x"; 2) | [.run.params[] | [.name, .value, .value_name]]' runs
	assert_success
	assert_line --index 0 '[["a",7,null],["c",false,null],["",null,null],["x",2,null]]'
}

@test "hide: out of the name, still in meta" {
	run bash -c "jq -c -L '$TOP/filters' 'include \"sweep\"; hide(\"a\")' runs | sweep-name |
		jq -c '[.run.name, .config.meta.hp_keys, .config.meta.hp_values]'"
	assert_success
	assert_line --index 0 '["exp_c_false",["a","c"],["one",false]]'
}

@test "reindex: a union numbered from 0" {
	run bash -c "cat runs runs | jq -nc -L '$TOP/filters' 'include \"sweep\"; reindex(inputs) | .run.index' | tr '\n' ' '"
	assert_success
	assert_output '0 1 2 3 4 5 6 7 8 9 10 11 '
	cat runs runs | jq -nc -L "$TOP/filters" 'include "sweep"; reindex(inputs) | del(.run.index)' > got
	cat runs runs | jq -c 'del(.run.index)' > want
	run diff want got
	assert_success
}

@test "every function refuses what is not a run, with an error that says so, instead of passing it on or changing it" {
	sweep-add -b "$FIX/small.json" -k a 1 2 > spec
	local f
	for f in hp hps where derive tag hide; do
		case $f in
		hp|hide) call="$f(\"a\")" ;;
		where) call='where(.x == null)' ;;
		derive) call='derive(.x; 1)' ;;
		tag) call='tag("x"; 1)' ;;
		*) call=$f ;;
		esac
		run --separate-stderr sq "$call" spec
		assert_equal "$f: $status $output" "$f: 5 "
		assert_equal "$stderr" "jq: error (at spec:1): $f: not a run but a sweep spec: expand it into runs with sweep-expand first"
		run --separate-stderr sq "$call" <<< '{"run": {"index": 0}, "config": {"a": 1}}'
		assert_equal "$f: $status $output" "$f: 5 "
		assert_equal "$stderr" "jq: error (at <stdin>:1): $f: not a run: {\"run\":{\"index\":0},\"config\":{\"a\":1}}: give it runs, as sweep-expand writes them"
	done
	run --separate-stderr jq -nc -L "$TOP/filters" 'include "sweep"; reindex(inputs) | .run.index' <<< '{"run": {"index": 7, "params": []}, "config": {}} [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]'
	assert_equal "$status $output" $'5 0'
	assert_equal "$stderr" 'jq: error (at <stdin>:1): reindex: not a run: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,...: give it runs, as sweep-expand writes them'
}

@test "hide: a name the run does not have is an error; tag: a name must be a non-empty string" {
	run --separate-stderr sq 'hide("nope")' runs
	assert_equal "$status $output" '5 '
	assert_equal "${stderr%%$'\n'*}" 'jq: error (at runs:1): hide: run 0 has no parameter named "nope"'
	for name in '""' null 1; do
		run --separate-stderr sq "tag($name; 1)" runs
		assert_equal "$name: $status $output" "$name: 5 "
		assert_equal "${stderr%%$'\n'*}" "jq: error (at runs:1): tag: the name is $name: give a name that is a non-empty string, as sweep-add -n takes"
	done
}

@test "every function is in the README's table" {
	run bash -c "grep -o '^def [a-z][a-z_]*' '$TOP/filters/sweep.jq' | cut -c5-"
	assert_success
	for f in $output; do
		grep -q "^| \`$f[(\`]" "$TOP/README.md" || fail "$f is not in the README"
	done
	run bash -c "grep -c '^def [a-z]' '$TOP/filters/sweep.jq'"
	assert_output '7'
}
