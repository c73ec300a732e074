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

# hostile JQ...: the spec of small.json with a parameter a (1, 2) and a
# second one b.d (x, y), edited by the jq program JQ.
hostile() {
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 | sweep-add -k b.d -n d x y |
		jq -c "$1"
}

# refused SPEC MESSAGE: sweep-expand and sweep-script refuse SPEC with
# MESSAGE, and write nothing.
refused() {
	run --separate-stderr sweep-expand < "$1"
	assert_failure 1
	assert_equal "$stderr" "sweep-expand: <stdin>:1: $2"
	assert_output ''
	run --separate-stderr sweep-script -o out < "$1"
	assert_failure 1
	assert_equal "$stderr" "sweep-script: <stdin>:1: $2"
	[ ! -e out ]
}

@test "a hostile spec's paths: refused before anything is written, no abort, no memory bomb" {
	hostile '.sweep.params[0].paths = [["a", {}]]' > object-part
	refused object-part 'parameter 1 of the spec is malformed: make specs with sweep-add'
	hostile '.sweep.params[0].paths = [["l", -1]]' > negative
	refused negative 'parameter 1 of the spec is malformed: make specs with sweep-add'
	hostile '.sweep.params[0].paths = [["l", 0.5]]' > fraction
	refused fraction 'parameter 1 of the spec is malformed: make specs with sweep-add'
	hostile '.sweep.params[0].paths = [[]]' > whole
	refused whole 'parameter 1 of the spec is malformed: make specs with sweep-add'
	hostile '.sweep.params[0] |= (.paths = [["l", 1e9]] | .create = true)' > far
	refused far 'bad key a: index 1000000000 is past the end of l, which has 2 elements: add one at index 2 at most'
	hostile '.sweep.params[0] |= (.paths = [[range(300) | "x"]] | .create = true)' > deep
	refused deep 'bad key a: it is 300 levels deep, more than the 120 a run can hold: nest it less deeply'
	hostile '.sweep.params[1] |= (.paths = [["a", "z"]] | .create = true)' > through
	refused through 'bad key b.d: a is a number, which has no keys: sweep a itself'
	hostile '.sweep.params[0] |= (.key = "b" | .paths = [["b"]] | .values = [{}, {}] | .value_names = ["p", "q"])' > overlap
	refused overlap 'key b.d overlaps b: sweep one of them, or the same places with both'
}

@test "sweep-add refuses a created key far past an array's end (too deep: huge.bats)" {
	run --separate-stderr sweep-add -b "$FIX/small.json" --create -k l.5 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: bad key l.5: index 5 is past the end of l, which has 2 elements: add one at index 2 at most'
	run --separate-stderr sweep-add -b "$FIX/small.json" --create -k '.new[1]' 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: bad key .new[1]: index 1 is past the end of new, which has 0 elements: add one at index 0 at most'
	run sweep-add -b "$FIX/small.json" --create -k l.2 1
	assert_success
	run sweep-add -b "$FIX/small.json" --create -k new.0.x 1
	assert_success
}

@test "jq path indexes out of range: a clear refusal (and no undefined behaviour under make sanitize)" {
	run --separate-stderr sweep-add -b "$FIX/small.json" -k '.l[1e10]' 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: bad key .l[1e10]: it names a slice or a non-integer index: name single places'
	run --separate-stderr sweep-add -b "$FIX/small.json" --create -k '.l[-5]' 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: bad key .l[-5]: it names an index before the start of an array: count from 0, or from -1 at the end'
	run sweep-add -b "$FIX/small.json" -k '.l[-1]' 1
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].paths' <<< "$output")" '[["l",1]]'
}

@test "a run's index that is no count from 0 is taken as 0 in {index}" {
	runs 1 2 3 | jq -c '.run.index = ([-1, 1e30, 2.5][.run.index])' > runs
	run --separate-stderr sweep-script --dry-run -q -o out -c 'run {index} {name}' < runs
	assert_success
	assert_output $'#!/bin/bash\n\nrun 0 exp_a_1\nrun 0 exp_a_2\nrun 2 exp_a_3'
}

@test "no path escape: a run stream's own names cannot put a config outside the output directory" {
	mkdir -p a/b
	runs 1 > a/b/runs
	cd a/b
	for name in ../../escaped /tmp/absolute 'x/../../y'; do
		run --separate-stderr sweep-script -o out < <(jq -c --arg n "$name" '.run.name = $n' runs)
		assert_failure 1
		assert_equal "$stderr" "sweep-script: run name $name holds a /, which would put its config outside the output directory: name the runs with sweep-name"
	done
	for opt in -c ''; do
		run --separate-stderr sweep-script -o out < <(jq $opt '.run.name = "a\u0000/../x"' runs)
		assert_equal "$status $stderr" '1 sweep-script: a run name holds a NUL character: name the runs with sweep-name'
	done
	run --separate-stderr sweep-script -o out < <(jq -c '.run.name = ""' runs)
	assert_equal "$status $stderr" '1 sweep-script: a run has an empty name: name the runs with sweep-name'
	run --separate-stderr sweep-script -o out < <(jq -c '.run.name = ("x" * 300)' runs)
	assert_equal "$status $stderr" "1 sweep-script: run name $(printf 'x%.0s' {1..40})... is 300 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name"
	cd ../..
	run listing .
	assert_output $'./a\n./a/b\n./a/b/runs'
	[ ! -e /tmp/absolute.json ]
}

# record: a command that logs its arguments, unit-separated, one run a
# NUL-ended record, to $PWD/log.
make_record() {
	mkdir -p tools
	printf '#!/bin/bash\nprintf "%%s\\037" "$@" >> %q/log\nprintf "\\0" >> %q/log\n' \
		"$PWD" "$PWD" > tools/record
	chmod +x tools/record
}

@test "no shell injection: names and values run as plain arguments under every launcher" {
	make_record
	local values=('$(touch pwned)' '`touch pwned`' 'a;touch pwned' "it's \"q\"" \
		$'new\nline' '*' 'x|y&z>w<v' '~root' '{a,b}' 'back\slash' ' spaced ' '-rf')
	sweep-add -b "$FIX/small.json" -k b.d -n d -S -- "${values[@]}" > spec
	local want i l
	want=$(for i in "${!values[@]}"; do
		printf '%s\037%s\037%s\037\0' "exp_d_${values[$i]}" \
			"$PWD/out/exp_d_${values[$i]}.json" "$i"
	done | sort -z | od -c)
	for l in bash bash-logs parallel slurm; do
		rm -rf out log
		sweep-script -q -l "${l%-logs}" $([ "$l" != bash-logs ] || echo --logs) \
		    -o out -s run-$l.sh -c 'record {name} {config} {index}' < spec
		if [ "$l" = slurm ]; then
			for i in "${!values[@]}"; do
				SLURM_ARRAY_TASK_ID=$i PATH=$PWD/tools:$PATH bash run-$l.sh
			done
		else
			PATH=$PWD/tools:$PATH bash run-$l.sh > /dev/null
		fi
		assert_equal "$l: $(sort -z -u log | od -c)" "$l: $want"
		[ ! -e pwned ] && [ ! -e out/pwned ]
	done
}

@test "no overwrite without -f; with -f a symlink is replaced, never written through" {
	echo precious > target
	mkdir out
	ln -s ../target out/exp_a_1.json
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 > spec
	run --separate-stderr sweep-script -q -o out < spec
	assert_equal "$status $stderr" "1 sweep-script: $PWD/out/exp_a_1.json exists: use -f to overwrite it"
	run --separate-stderr sweep-script -q -f -o out < spec
	assert_success
	assert_equal "$(cat target)" precious
	[ -f out/exp_a_1.json ] && [ ! -L out/exp_a_1.json ]
	assert_equal "$(jq .a out/exp_a_1.json)" 1
}

@test "a stream's base_dir says where configs go, unless -o is given" {
	mkdir elsewhere
	runs 1 | jq -c --arg d "$PWD/elsewhere" '.run.base_dir = $d' > runs
	sweep-script -q < runs > /dev/null
	run listing elsewhere
	assert_output './exp_a_1.json'
	sweep-script -q -o out < runs > /dev/null
	run listing out
	assert_output './exp_a_1.json'
}

@test "nan, which libjq reads as a number but JSON has not, is a string (or refused with -J)" {
	run sweep-add -b "$FIX/small.json" -k b.d nan NaN '[nan]' '{"a": [1, NaN]}'
	assert_success
	assert_equal "$(jq -c '.sweep.params[0].values' <<< "$output")" '["nan","NaN","[nan]","{\"a\": [1, NaN]}"]'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d -J nan
	assert_failure 1
	assert_equal "$stderr" "sweep-add: b.d: value nan is not JSON: quote a string as '\"nan\"', or drop -J"
}

@test "a jq path refused after its first place (a slice after a generator) is an error, not libjq's abort" {
	run --separate-stderr sweep-add -b "$FIX/small.json" -k '.layers[].x[0:1]' 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: bad key .layers[].x[0:1]: it names a slice or a non-integer index: name single places'
	run --separate-stderr sweep-add -b "$FIX/small.json" -k '.layers[].d[-5]' 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: bad key .layers[].d[-5]: it names an index before the start of an array: count from 0, or from -1 at the end'
}

@test "a top-level key spelled with an escape, or given twice: every command reads the value jq reads" {
	runs 1 > runs
	# jq: the last of equal keys wins, however each is spelled
	jq -c '. + {"X": {"evil": 2}}' runs | sed 's/"X"/"confi\\u0067"/' > cfg
	jq -c '.run.name = "second" | {run: (.run | .name = "first"), config, X: .run}' runs > two
	sed 's/"X"/"\\u0072un"/' two > dup
	sed 's/"X"/"run"/' two > plain
	assert_equal "$(jq -c .config cfg)" '{"evil":2}'
	for f in dup plain; do
		assert_equal "$(jq -r .run.name $f)" second
	done
	sweep-script -q -o out < cfg
	assert_equal "$(jq -c . out/exp_a_1.json)" '{"evil":2}'
	for f in dup plain; do
		sweep-script -q -o "out-$f" < $f
		run listing "out-$f"
		assert_output ./second.json
		run sweep-name --no-meta --base-name=x < $f
		assert_equal "$(jq -c '[.run.name, .config.experiment]' <<< "$output")" '["second",{"name":"second"}]'
	done
	assert_equal "$(sweep-name --no-meta < cfg | jq -c ".config | del(.experiment)")" '{"evil":2}'
}

@test "a NUL byte outside a string is refused at once, with where it is; inside a string jq's reading holds" {
	run --separate-stderr sweep-script -o out < /dev/zero
	assert_equal "$status $stderr" '1 sweep-script: <stdin>:1: a NUL byte (byte 1) outside a string is not JSON: pipe runs from sweep-name, or a spec from sweep-add, here'
	[ ! -e out ]
	run --separate-stderr sweep-keys - < <(printf '{"a": 1}\n {"b": [1, \0]}')
	assert_equal "$status $stderr" '1 sweep-keys: <stdin>:2: a NUL byte (byte 21) outside a string is not JSON: give a JSON config'
	runs 1 > runs
	printf '{"s": "a\0b", "t": "\\"\0"}' > instring
	assert_equal "$(sweep-add -b instring -k s x | jq -c .base)" "$(jq -c . instring)"
}

@test "a byte-order mark is taken at the very start of the input only, as jq takes it" {
	printf '\xef\xbb\xbf{"a": 1}\n' > bom
	assert_equal "$(sweep-keys bom)" a
	for mark in '\xef\xbb\xbf' '\xef\xbb' '\xef'; do
		printf "{\"a\": 1}$mark{\"b\": 1}" > after
		run --separate-stderr sweep-keys after
		assert_failure 1
		assert_equal "${stderr%%: *}" 'sweep-keys'
		local at=$(jq . after 2>&1 | sed -n 's/.* at line \([0-9]*\), column \([0-9]*\)$/\1:\2/p')
		assert_equal "$stderr" "sweep-keys: after:$at: Invalid numeric literal: give a JSON config"
	done
	runs 1 2 > runs
	{ head -1 runs; printf '\xef\xbb\xbf'; tail -1 runs; } > marked
	run --separate-stderr sweep-script -o out < marked
	assert_failure 1
	[ ! -e out ]
}
