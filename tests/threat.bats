#!/usr/bin/env bats
# The threat model (README, "Threat model"): what a hostile value, name,
# config, spec or run stream can and cannot do. Also the regression tests
# of what fuzzing found.

load helper

@test "an RS byte (0x1e) between values is skipped; inside a value it is an error, never an abort" {
	run --separate-stderr sweep-keys - < <(printf '\036{"a": {"b": 1}}\n')
	assert_success
	assert_output $'a\na.b'
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 | sweep-expand | sed 's/^/\x1e/' > seq
	run --separate-stderr sweep-name < seq
	assert_success
	assert_equal "$(jq -r .run.name <<< "$output")" $'exp_a_1\nexp_a_2'
	printf '{"a": {"b": 1, \036{"c": 2}\n' > cut
	run --separate-stderr sweep-keys cut
	assert_failure 1
	assert_equal "$stderr" 'sweep-keys: cut:1: a record separator (0x1e) cuts a value short: give a JSON config'
	{ head -c 30 seq; cat seq; } > cut2
	run --separate-stderr sweep-script -o out < cut2
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: <stdin>:1: a record separator (0x1e) cuts a value short: pipe runs from sweep-name, or a spec from sweep-add, here'
	run listing .
	assert_output $'./cut\n./cut2\n./seq'
}

@test "\${name} in a command is the shell's: no value is spliced into it" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d -S \"x\\\\' ; touch pwned ; '\" |
		sweep-script -q -o out -c 'echo \${name} {config}'"
	assert_success
	assert_equal "$output" "#!/bin/bash

echo \${name} '$PWD/out/exp_d_x\\'\\'' ; touch pwned ; '\\''.json'"
	bash -c "$output" > said
	assert_equal "$(cat said)" "$PWD/out/exp_d_x\\' ; touch pwned ; '.json"
	[ ! -e pwned ]
}
