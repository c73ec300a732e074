#!/usr/bin/env bats
# The fuzz targets (fuzz/*.c) without libFuzzer, on their regression
# inputs (fuzz/regress/TARGET/*: each once a crash, a leak or a failed
# check) and on the fixtures. make fuzz runs them under libFuzzer.

load helper

# replay TARGET FILE...: the target checks every FILE and stays quiet;
# under $UNDER too, if set.
replay() {
	local bin=$TOP/fuzz/out/regress-$1
	[ -x "$bin" ] || make -s -C "$TOP" "fuzz/out/regress-$1" > /dev/null
	shift
	run --separate-stderr ${UNDER-} "$bin" "$@"
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
}

@test "fuzz regressions: the stream reader, spec and run checks, naming" {
	replay stream "$TOP"/fuzz/regress/stream/* "$FIX"/*.json \
		"$FIX"/robomimic/*.json "$FIX"/seed/*.json
}

@test "fuzz regressions: dotted keys and jq paths" {
	replay keypath "$TOP"/fuzz/regress/keypath/*
}

@test "fuzz regressions: values and their text in run names" {
	replay value "$TOP"/fuzz/regress/value/*
}

@test "fuzz regressions: command templates and shell quoting" {
	replay launch "$TOP"/fuzz/regress/launch/*
}

@test "fuzz regressions: metrics files as sweep-collect reads them" {
	replay metrics "$TOP"/fuzz/regress/metrics/*
}

# libjq is not built with ASan, so make sanitize cannot see libjq reading
# a value that sweep freed once too often; valgrind can.
@test "fuzz regressions under valgrind: no jv freed twice or read once freed" {
	command -v valgrind > /dev/null || skip "no valgrind on this machine"
	[ -z "${SWEEP_SANITIZE-}" ] || skip "valgrind cannot run an ASan build: make check runs it"
	local t
	UNDER="valgrind -q --error-exitcode=99"
	replay stream "$TOP"/fuzz/regress/stream/* "$FIX"/*.json "$FIX"/seed/*.json
	for t in keypath value launch metrics; do
		replay "$t" "$TOP"/fuzz/regress/"$t"/*
	done
}
