#!/usr/bin/env bats
# Faults while sweep-script writes: a full disk, an unwritable or vanishing
# output directory, a closed stdout, SIGPIPE, signals at every point, and
# every call that can fail failing. Every time: all or nothing, with no
# staging directory, no config, no script temp left, and the files that
# were there before unchanged.

load helper

@test "a closed stdout: a clear error, and sweep-script takes its configs back" {
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 > spec
	run --separate-stderr bash -c 'sweep-add -b "$1" -k a 1 >&-' _ "$FIX/small.json"
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: stdout: Bad file descriptor: check the disk and the reader'
	run --separate-stderr bash -c 'sweep-expand < spec >&-'
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: stdout: Bad file descriptor: check the disk and the reader'
	run --separate-stderr bash -c 'sweep-expand < spec | sweep-name >&-'
	assert_failure 1
	assert_equal "$stderr" 'sweep-name: stdout: Bad file descriptor: check the disk and the reader'
	run --separate-stderr bash -c 'sweep-script -o out < spec >&-'
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: cannot write the script to stdout: Bad file descriptor: the configs are removed again'
	run --separate-stderr bash -c 'sweep-script -q -o out -s run.sh < spec >&-'
	assert_success
	run listing .
	assert_output $'./out\n./out/exp_a_1.json\n./out/exp_a_2.json\n./run.sh\n./spec'
}
