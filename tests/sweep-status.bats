#!/usr/bin/env bats
# sweep-status: where each run of a sweep stands, from the manifest beside
# the script and the markers in SCRIPT.logs.

load helper
load runs-helper

@test "one JSON line a run, in run order: pending, running, done, failed" {
	make_sweep
	ran lr_0.001_opt_adam 0 1000 1012
	ran lr_0.001_opt_sgd 3 1000 1005
	started lr_0.01_opt_adam 1000
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" ''
	assert_equal "$(sed -n 1,2p <<< "$output")" '{"name":"lr_0.001_opt_adam","index":0,"state":"done","exit":0,"seconds":12,"log":"out.sh.logs/lr_0.001_opt_adam.log"}
{"name":"lr_0.001_opt_sgd","index":1,"state":"failed","exit":3,"seconds":5,"log":"out.sh.logs/lr_0.001_opt_sgd.log"}'
	# A running run has run from its start until now.
	assert_equal "$(sed -n 3p <<< "$output" | jq -c '.seconds |= (. > 1000000)')" \
	    '{"name":"lr_0.01_opt_adam","index":2,"state":"running","exit":null,"seconds":true,"log":"out.sh.logs/lr_0.01_opt_adam.log"}'
	assert_equal "$(sed -n '4,$p' <<< "$output")" '{"name":"lr_0.01_opt_sgd","index":3,"state":"pending","exit":null,"seconds":null,"log":"out.sh.logs/lr_0.01_opt_sgd.log"}
{"name":"lr_0.1_opt_adam","index":4,"state":"pending","exit":null,"seconds":null,"log":"out.sh.logs/lr_0.1_opt_adam.log"}
{"name":"lr_0.1_opt_sgd","index":5,"state":"pending","exit":null,"seconds":null,"log":"out.sh.logs/lr_0.1_opt_sgd.log"}'
}

@test "--table: aligned columns and a count line" {
	make_sweep
	train_all
	rm out.sh.logs/lr_0.1_opt_adam.*
	run sweep-status -t out.sh
	assert_failure 1
	assert_output 'name               index  state    exit  seconds  log
lr_0.001_opt_adam      0  done        0        1  out.sh.logs/lr_0.001_opt_adam.log
lr_0.001_opt_sgd       1  done        0        2  out.sh.logs/lr_0.001_opt_sgd.log
lr_0.01_opt_adam       2  done        0        3  out.sh.logs/lr_0.01_opt_adam.log
lr_0.01_opt_sgd        3  done        0        4  out.sh.logs/lr_0.01_opt_sgd.log
lr_0.1_opt_adam        4  pending     -        -  out.sh.logs/lr_0.1_opt_adam.log
lr_0.1_opt_sgd         5  failed      3        6  out.sh.logs/lr_0.1_opt_sgd.log
6 runs: 4 done, 1 failed, 1 pending'
	started lr_0.1_opt_adam 1000
	run sweep-status --table out.sh
	assert_line --index 7 '6 runs: 4 done, 1 failed, 1 running'
}

@test "exit status: 0 when all are done, 1 when one failed, 2 when some are not done" {
	make_sweep
	run sweep-status out.sh
	assert_failure 2
	train_all
	run sweep-status out.sh
	assert_failure 1
	ran lr_0.1_opt_sgd 0 1050 1056
	run sweep-status out.sh
	assert_success
	rm out.sh.logs/lr_0.1_opt_sgd.exit
	run sweep-status out.sh
	assert_failure 2
	assert_line --index 5 --regexp '"state":"running"'
	run sweep-status -t out.sh
	assert_failure 2
	assert_line --index 7 '6 runs: 5 done, 1 running'
}

@test "a run whose config changed since it ran is pending again; a rerun is running" {
	make_sweep
	ran lr_0.001_opt_adam 0 1000 1012 old-hash
	ran lr_0.001_opt_sgd 0 1000 1012
	echo 1013 > out.sh.logs/lr_0.001_opt_sgd.run
	run sweep-status out.sh
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"pending","exit":null,"seconds":null,"log":"out.sh.logs/lr_0.001_opt_adam.log"}'
	assert_line --index 1 --regexp '^\{"name":"lr_0.001_opt_sgd","index":1,"state":"running","exit":null,"seconds":[0-9]+,'
	# An .exit without a hash, or an empty one that is being written.
	echo '0 1012' > out.sh.logs/lr_0.001_opt_adam.exit
	: > out.sh.logs/lr_0.01_opt_adam.exit
	echo 1000 > out.sh.logs/lr_0.01_opt_adam.run
	run sweep-status out.sh
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"done","exit":0,"seconds":12,"log":"out.sh.logs/lr_0.001_opt_adam.log"}'
	assert_line --index 2 --regexp '"state":"running"'
}

@test "a script path keeps its directory in the log paths; an empty manifest is 0 runs" {
	mkdir sub && cd sub && make_sweep && cd ..
	run sweep-status sub/out.sh
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"pending","exit":null,"seconds":null,"log":"sub/out.sh.logs/lr_0.001_opt_adam.log"}'
	: > sub/out.sh.manifest
	run sweep-status -t sub/out.sh
	assert_success
	assert_output $'name  index  state  exit  seconds  log\n0 runs'
}

@test "a closed pipe ends sweep-status quietly" {
	make_sweep
	train_all
	ran lr_0.1_opt_sgd 0 1050 1056
	run --separate-stderr bash -c 'set -o pipefail; sweep-status out.sh | head -1'
	assert_success
	assert_output --regexp '^\{"name":"lr_0.001_opt_adam",'
	assert_equal "$stderr" ''
}

@test "refusals: no SCRIPT, two, no manifest, a bad manifest, a bad marker" {
	run --separate-stderr sweep-status
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-status: no SCRIPT: name the script that sweep-script -s wrote'
	run --separate-stderr sweep-status a.sh b.sh
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-status: more than one SCRIPT: give one'
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: no manifest beside out.sh: make it with sweep-script -s out.sh'
	make_sweep
	echo '{"name":"../x","index":6,"params":{}}' >> out.sh.manifest
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-status: out.sh.manifest:7: a name that is no file name: make the manifest again with sweep-script -s'
	make_sweep
	echo '{"name":"x","index":6' >> out.sh.manifest
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: out.sh.manifest:8:0: Unfinished JSON term: the input ends inside a value: the manifest is what sweep-script -s wrote: make it again'
	make_sweep
	echo 'soon' > out.sh.logs/lr_0.01_opt_adam.run
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.run: not one line: START_EPOCH PID HOST: the run writes it; remove it to run it again'
	rm out.sh.logs/lr_0.01_opt_adam.run
	echo '0 1012 h2 more' > out.sh.logs/lr_0.01_opt_adam.exit
	run --separate-stderr sweep-status -t out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.exit: not one line: EXIT END_EPOCH HASH: the run writes it; remove it to run it again'
}

@test "a marker without its newline is being written: its run is running" {
	make_sweep
	# The script truncates a marker, then writes its line: a reader may
	# see it empty, or, after a crash of the writer, cut short.
	: > out.sh.logs/lr_0.001_opt_adam.run
	printf 1000 > out.sh.logs/lr_0.001_opt_sgd.run
	echo 1000 > out.sh.logs/lr_0.01_opt_adam.run
	printf '0 10' > out.sh.logs/lr_0.01_opt_adam.exit
	echo 1000 > out.sh.logs/lr_0.01_opt_sgd.run
	printf '0 1003 h3' > out.sh.logs/lr_0.01_opt_sgd.exit
	run sweep-status out.sh
	assert_failure 2
	assert_equal "$(jq -c '[.state, .exit]' <<< "$output" | head -4)" '["running",null]
["running",null]
["running",null]
["running",null]'
	assert_line --index 0 --partial '"seconds":0,'
	assert_line --index 1 --partial '"seconds":0,'
}

@test "markers with a CR before their newline read as without" {
	make_sweep
	printf '1000\r\n' > out.sh.logs/lr_0.001_opt_adam.run
	printf '0 1012 h0\r\n' > out.sh.logs/lr_0.001_opt_adam.exit
	run sweep-status out.sh
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"done","exit":0,"seconds":12,"log":"out.sh.logs/lr_0.001_opt_adam.log"}'
}

@test "refusals: a marker that is a directory or a FIFO, one too long, a .logs that is a file, a name with a NUL byte" {
	make_sweep
	mkdir out.sh.logs/lr_0.01_opt_adam.run
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.run: not a file: the run writes it; remove it to run it again'
	rmdir out.sh.logs/lr_0.01_opt_adam.run
	# A FIFO without a writer would block the reader for ever.
	mkfifo out.sh.logs/lr_0.01_opt_adam.exit
	run --separate-stderr timeout 10 sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.exit: not a file: the run writes it; remove it to run it again'
	rm out.sh.logs/lr_0.01_opt_adam.exit
	printf '0 1012 %0300d\n' 0 > out.sh.logs/lr_0.01_opt_adam.exit
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.exit: not one short line: the run writes it; remove it to run it again'
	rm -r out.sh.logs && echo x > out.sh.logs
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-status: out.sh.logs is not a directory: the script keeps its runs' logs there; move it away"
	rm out.sh.logs && mkdir out.sh.logs
	echo '{"name":"a\u0000b","index":6,"params":{}}' >> out.sh.manifest
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-status: out.sh.manifest:7: a name that is no file name: make the manifest again with sweep-script -s'
}

@test "an exit status beyond an int in .exit is a malformed marker, not undefined behaviour" {
	make_sweep
	echo 1000 > out.sh.logs/lr_0.01_opt_adam.run
	echo '99999999999 1012 h2' > out.sh.logs/lr_0.01_opt_adam.exit
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.exit: not one line: EXIT END_EPOCH HASH: the run writes it; remove it to run it again'
	echo '2.5 1012 h2' > out.sh.logs/lr_0.01_opt_adam.exit
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: out.sh.logs/lr_0.01_opt_adam.exit: not one line: EXIT END_EPOCH HASH: the run writes it; remove it to run it again'
}

@test "no SCRIPT.logs at all: every run pending, and a line on stderr says how to make a script that logs" {
	make_sweep
	rmdir out.sh.logs
	run --separate-stderr sweep-status -t out.sh
	assert_failure 2
	assert_line --index 7 '6 runs: 6 pending'
	assert_equal "$stderr" 'sweep-status: no out.sh.logs: no run has started; a script logs its runs there when sweep-script made it with --logs, -l parallel or -l slurm'
	mkdir out.sh.logs
	run --separate-stderr sweep-status -t out.sh
	assert_equal "$stderr" ''
}

@test "a manifest with two runs of one name (edited by hand) is refused: they would share their markers" {
	make_sweep
	head -1 out.sh.manifest >> out.sh.manifest
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-status: out.sh.manifest:7: a second run of that name: make the manifest again with sweep-script -s'
}

@test "a manifest that is a FIFO or a directory is refused at once, not read" {
	make_sweep
	rm out.sh.manifest
	mkfifo out.sh.manifest
	run --separate-stderr sweep-status out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-status: out.sh.manifest is not a file: the manifest is what sweep-script -s wrote: make it again'
	rm out.sh.manifest
	mkdir out.sh.manifest
	run --separate-stderr sweep-collect -m '{name}.json' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: out.sh.manifest is not a file: the manifest is what sweep-script -s wrote: make it again'
}
