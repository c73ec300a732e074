#!/usr/bin/env bats
# Huge inputs: 1 MB strings, nesting 10,000 levels deep, many runs, a
# 100 MB config. Memory stays bounded (by the config, never by the number
# of runs), and where libjq stops, the message says why. Peak memory
# (RSS) is printed as TAP comments. The 100 MB config and the 10^6 runs
# take minutes: they run with SWEEP_HUGE=1 (make check-huge).

load helper

setup_file() {
	sh "$BATS_TEST_DIRNAME/install-deps" time
}

# huge: skips the test unless SWEEP_HUGE is set.
huge() {
	[ -n "$SWEEP_HUGE" ] || skip "minutes long: make check-huge runs it"
}

# rss NAME: the peak RSS, in MB, that /usr/bin/time wrote to NAME.rss;
# says it, with the seconds, on the TAP output.
rss() {
	local kb s
	read -r kb s < "$1.rss"
	echo "# $1: peak $((kb / 1024)) MB, $s s" >&3
	echo $((kb / 1024))
}

# measured NAME COMMAND...: runs COMMAND, noting its peak RSS in NAME.rss.
measured() {
	local name=$1
	shift
	/usr/bin/time -f '%M %e' -o "$name.rss" "$@"
}

# bounded MB LIMIT: MB is at most LIMIT, unless sanitizers (which add
# their own memory) are on.
bounded() {
	[ -n "$SWEEP_SANITIZE" ] && return 0
	[ "$1" -le "$2" ] || { echo "peak $1 MB, over $2 MB" >&2; return 1; }
}

@test "1 MB strings: in the base, in a spec's values, in a name (refused), on the command line" {
	head -c 1048576 /dev/zero | tr '\0' x > blob
	jq --rawfile blob blob '.blob = $blob' "$FIX/small.json" > big1.json
	sweep-add -b big1.json -k a -n a 1 2 | sweep-expand | sweep-name |
		sweep-script -q -o out
	assert_equal "$(jq -r .blob out/exp_a_2.json | wc -c)" 1048577
	sweep-add -b "$FIX/small.json" -k b.d -n d x y |
		jq -c --rawfile blob blob '.sweep.params[0] |= (.values[0] = $blob | .value_names = ["big", "y"])' > spec
	measured expand sweep-expand < spec > runs
	measured name sweep-name < runs > named
	measured script sweep-script -q -o out2 < named
	assert_equal "$(jq -r .b.d out2/exp_d_big.json | wc -c)" 1048577
	bounded "$(rss name)" 64
	jq -c '.sweep.params[0].value_names = null' spec > unnamed
	run --separate-stderr bash -c 'sweep-expand < unnamed | sweep-name'
	assert_failure 1
	assert_equal "$stderr" "sweep-name: <stdin>:1: run name exp_d_$(head -c 34 blob)... is 1048582 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name"
	local arg
	arg=$(head -c 100000 blob)
	run sweep-add -b "$FIX/small.json" -k b.d -n d -N long,y "$arg" y
	assert_success
	assert_equal "$(jq -r '.sweep.params[0].values[0]' <<< "$output" | wc -c)" 100001
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a "$arg"
	assert_failure 1
	assert_equal "$stderr" "sweep-add: value \"$(head -c 56 blob)... for a is a string, but the base has a number there: write a number"
}

@test "a 1 MB key: listed, and no slower to miss" {
	jq --rawfile blob <(head -c 1048576 /dev/zero | tr '\0' k) '.[$blob] = 1' "$FIX/small.json" > bigkey.json
	run sweep-keys bigkey.json
	assert_success
	assert_equal "$(tail -n 1 <<< "$output" | wc -c)" 1048577
	run --separate-stderr sweep-add -b bigkey.json -k b.x 1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: no key b.x in the config: did you mean b.c?'
}

# nest N OPEN CLOSE: N OPENs, 1, N CLOSEs.
nest() {
	printf "%$1s" '' | tr ' ' "$2"
	printf 1
	printf "%$1s" '' | tr ' ' "$3"
}

@test "nesting 10,000 levels deep: where libjq stops, the message says why" {
	{ printf '{"a": 1, "deep": '; nest 10000 '[' ']'; printf '}\n'; } > deep.json
	local why="Exceeds depth limit for parsing (nested deeper than libjq's parser reads)"
	run --separate-stderr sweep-add -b deep.json -k a 2
	assert_failure 1
	assert_regex "$stderr" "^sweep-add: deep.json:1:[0-9]+: ${why//[()]/.}: give -b a JSON config file\$"
	run --separate-stderr sweep-keys deep.json
	assert_failure 1
	assert_regex "$stderr" "^sweep-keys: deep.json:1:[0-9]+: ${why//[()]/.}: give a JSON config\$"
	run --separate-stderr sweep-expand < deep.json
	assert_failure 1
	assert_regex "$stderr" "^sweep-expand: <stdin>:1:[0-9]+: ${why//[()]/.}: pipe a sweep spec from sweep-add here\$"
	run --separate-stderr sweep-add -b "$FIX/small.json" -k n "$(nest 10000 '[' ']')"
	assert_failure 1
	assert_equal "$stderr" "sweep-add: n: value $(nest 57 '[' ']' | head -c 57)... is nested deeper than libjq's parser reads: nest it less deeply"
	run --separate-stderr sweep-add -b "$FIX/small.json" --create -k "$(printf 'x.%.0s' {1..9999})x" 1
	assert_failure 1
	assert_equal "$stderr" "sweep-add: bad key $(printf 'x.%.0s' {1..28})x...: it is 10000 levels deep, more than the 120 a run can hold: nest it less deeply"
	run --separate-stderr sweep-add -b "$FIX/small.json" --create -k "$(printf '.x%.0s' {1..10000})" 1
	assert_failure 1
	assert_equal "$stderr" "sweep-add: bad key $(printf '.x%.0s' {1..28})....: it is 10000 levels deep, more than the 120 a run can hold: nest it less deeply"
	# as deep as a run can hold goes through every stage
	sweep-add -b "$FIX/small.json" --create -k "$(printf 'x.%.0s' {1..119})x" -n x 1 2 |
		sweep-expand | sweep-name | sweep-script -q -o out
	assert_equal "$(jq -r "$(printf '.x%.0s' {1..120})" out/exp_x_2.json)" 2
}

# runs_through N M: a spec over small.json with N values of a times M
# of l.0, then sweep-expand | sweep-name | sweep-script --dry-run on its
# R = N x M runs, each stage's peak RSS in expand-R.rss, name-R.rss and
# script-R.rss. Prints R.
runs_through() {
	local runs=$(($1 * $2))
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 "$1") |
		sweep-add -k l.0 -n l $(seq 1 "$2") > "spec-$runs"
	measured "expand-$runs" sweep-expand < "spec-$runs" |
		measured "name-$runs" sweep-name |
		measured "script-$runs" sweep-script -q --dry-run -o out > "script-$runs"
	[ "$(wc -l < "script-$runs")" -eq $((runs + 2)) ] || return 1
	echo "$runs"
}

@test "memory does not grow with the runs: 10^3 and 5 x 10^4 runs through every stage" {
	local small big
	small=$(runs_through 10 100)
	big=$(runs_through 1000 50)
	bounded "$(rss expand-$big)" $(($(rss expand-$small) + 4))
	bounded "$(rss name-$big)" $(($(rss name-$small) + 4))
	# sweep-script keeps every name to refuse a second one: 200 bytes a run
	bounded "$(rss script-$big)" $(($(rss script-$small) + 10))
}

@test "a stream of 10^6 runs through every stage, memory as for 10^3 (minutes)" {
	huge
	local small big
	small=$(runs_through 10 100)
	big=$(runs_through 1000 1000)
	assert_equal "$big" 1000000
	bounded "$(rss expand-$big)" $(($(rss expand-$small) + 4))
	bounded "$(rss name-$big)" $(($(rss name-$small) + 4))
	bounded "$(rss script-$big)" $(($(rss script-$small) + 200))
}

# fast_path N: sweep-add --range=0:N over small.json, straight into
# sweep-script --dry-run, its peak RSS in fast-N.rss. Prints its MB.
fast_path() {
	sweep-add -b "$FIX/small.json" -k a -n a --range=0:"$1" > "spec-$1"
	measured "fast-$1" sweep-script -q --dry-run -o out < "spec-$1" > "script-$1"
	[ "$(wc -l < "script-$1")" -eq $(($1 + 2)) ] || return 1
	assert_equal "$(sed -n '$p' "script-$1")" "python train.py --config $PWD/out/exp_a_$(($1 - 1)).json"
	rss "fast-$1"
}

@test "the fast path keeps a value's text, not a config, for each value: 10^5 values" {
	# about 150 bytes a value: its texts, its run's name, the spec
	bounded "$(fast_path 100000)" 32
}

@test "the fast path with 10^6 values stays under 200 MB (minutes)" {
	huge
	bounded "$(fast_path 1000000)" 200
}

@test "a 100 MB config through every stage, in no more memory than jq's (minutes)" {
	huge
	{
		printf '{"experiment": {"name": "big"}, "a": 1, "table": [\n'
		yes '[1, 0.5, "row", {"k": 1}],' | head -n 3883614
		printf '[0]]}\n'
	} > big.json
	local mb=$(($(wc -c < big.json) / 1048576))
	assert_equal "$mb" 100
	measured add sweep-add -b big.json -k a -n a 1 2 > spec
	measured expand sweep-expand < spec |
		measured name sweep-name |
		measured script sweep-script -q -o out
	measured fast sweep-script -q -o fast < spec
	assert_equal "$(ls out fast)" $'fast:\nbig_a_1.json\nbig_a_2.json\n\nout:\nbig_a_1.json\nbig_a_2.json'
	cmp out/big_a_2.json fast/big_a_2.json
	assert_equal "$(grep -m1 '^    "a": ' out/big_a_2.json)" '    "a": 2,'
	# as much as jq itself takes to hold it (about 30 bytes for each
	# byte of this JSON), and half as much again at most
	measured jq jq -c .a big.json
	local most=$(($(rss jq) * 3 / 2))
	bounded "$(rss add)" "$most"
	bounded "$(rss expand)" "$most"
	bounded "$(rss name)" "$most"
	bounded "$(rss script)" "$most"
	bounded "$(rss fast)" "$most"
}

@test "a value of 2 GiB or more, where libjq aborts or cuts it short, is refused (minutes)" {
	huge
	head -c 2147483648 /dev/zero | tr '\0' x > 2g
	for opt in -S ''; do
		run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d $opt --values-from=2g
		assert_equal "$status $stderr" '1 sweep-add: b.d: 2g:1: a value of 2147483648 bytes, over the 2147483647 that libjq holds: shorten it'
	done
	rm 2g
	{ head -c 4294967296 /dev/zero | tr '\0' x; echo x; } > 4g
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d -S --values-from=4g
	assert_equal "$status $stderr" '1 sweep-add: b.d: 4g:1: a value of 4294967297 bytes, over the 2147483647 that libjq holds: shorten it'
}

@test "a value over 1 GiB is refused before libjq holds it, in either parser (minutes)" {
	huge
	run --separate-stderr sweep-keys - < <(printf '{"a": "'; head -c 1100000000 /dev/zero | tr '\0' x)
	assert_equal "$status $stderr" '1 sweep-keys: <stdin>:1: a value over 1 GiB, the most one value may take: split it'
	run --separate-stderr sweep-keys - < <(printf '{"a": nan, "b": "'; head -c 1100000000 /dev/zero | tr '\0' x)
	assert_equal "$status $stderr" '1 sweep-keys: <stdin>:1: a value over 1 GiB, the most one value may take: split it'
}
