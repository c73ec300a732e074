#!/usr/bin/env bats
# The launch scripts' logs, exit marks and summary (bash --logs,
# parallel), what sweep-status reads of them, and growing a sweep: a
# second start runs only the runs that have not succeeded with the config
# they have now. A stand-in training appends each run's name to the file
# trained, and fails (exit 3) for a = 2.

load helper

setup_file() {
	sh "$BATS_TEST_DIRNAME/install-deps" parallel
}

TRAIN="$BATS_TEST_DIRNAME/fixtures/stand-in-train {config}"

# sweep LAUNCHER VALUE...: run.sh for the runs of a VALUE each, through
# the stand-in training, with -f.
sweep() {
	local launcher=$1
	shift
	runs "$@" | sweep-script -q -f -o out -l "$launcher" --logs -c "$TRAIN" -s run.sh
}

# marks NAME...: each run's exit mark, its start, end time and hash
# checked and left out: "NAME STATUS".
marks() {
	local name s e h start pid host
	for name; do
		read -r start pid host < "run.sh.logs/$name.run"
		[[ $start =~ ^[0-9]+$ && $pid =~ ^[0-9]+$ && $host == "$HOSTNAME" ]] ||
		    echo "bad start of $name"
		read -r s e h < "run.sh.logs/$name.exit"
		[ "$e" -ge "$start" ] || echo "bad end of $name"
		[ "$h" = "$(jq -r --arg n "$name" 'select(.name == $n) | .hash' run.sh.manifest)" ] ||
		    echo "bad hash of $name"
		echo "$name $s"
	done
}

# status: sweep-status run.sh, its seconds checked and left out.
status() {
	sweep-status run.sh | jq -c 'if .seconds == null or .seconds >= 0 then del(.seconds) else . end'
}

# status_is NAME:STATE[:EXIT]...: the lines sweep-status should print
# for these runs, in run order from index 0.
status_is() {
	local a name state exit i=0
	for a; do
		IFS=: read -r name state exit <<< "$a"
		printf '{"name":"%s","index":%d,"state":"%s","exit":%s,"log":"run.sh.logs/%s.log"}\n' \
		    "$name" "$i" "$state" "${exit:-null}" "$name"
		i=$((i + 1))
	done
}

# script_ends STATUS SUMMARY [FAILED...]: ./run.sh exits STATUS, and
# prints the SUMMARY line, then each FAILED run with its log, and nothing
# on stderr.
script_ends() {
	local want=$1 summary=$2 name
	shift 2
	run --separate-stderr ./run.sh
	assert_failure "$want"
	assert_output "$(echo "$summary"
	    for name; do echo "$name: $PWD/run.sh.logs/$name.log"; done)"
	assert_equal "$stderr" ''
}

@test "bash --logs: a log each, marks each, one summary line and the failed run with its log; status 1; sweep-status reads them" {
	sweep bash 0 1 2 3
	script_ends 1 'sweep: 4 runs: 3 done, 1 failed' exp_a_2
	run cat run.sh.logs/exp_a_1.log
	assert_output 'training exp_a_1'
	run cat run.sh.logs/exp_a_2.log
	assert_output $'training exp_a_2\nexp_a_2: loss is nan'
	run marks exp_a_0 exp_a_1 exp_a_2 exp_a_3
	assert_output $'exp_a_0 0\nexp_a_1 0\nexp_a_2 3\nexp_a_3 0'
	run ls run.sh.logs
	assert_output "$(printf 'exp_a_%s.%s\n' 0 exit 0 log 0 run 1 exit 1 log 1 run 2 exit 2 log 2 run 3 exit 3 log 3 run)"
	run status
	assert_output "$(status_is exp_a_0:done:0 exp_a_1:done:0 exp_a_2:failed:3 exp_a_3:done:0)"
	run sweep-status run.sh
	assert_failure 1
}

@test "bash: without --logs the script is the seed's, and -c '... > {name}.log' still works with --logs" {
	runs 1 | sweep-script -q -o out -c 'echo {name} > {name}.log' -s plain.sh
	run cat plain.sh
	assert_output $'#!/bin/bash\n\necho exp_a_1 > exp_a_1.log'
	runs 1 | sweep-script -q -f -o out --logs -c 'echo {name} > {name}.log' -s run.sh
	run ./run.sh
	assert_success
	assert_output 'sweep: 1 run: 1 done, 0 failed'
	assert_equal "$(cat exp_a_1.log)" exp_a_1
	assert_equal "$(cat run.sh.logs/exp_a_1.log)" ''
	run sweep-status run.sh
	assert_success
}

@test "bash --logs read from a pipe: refused, it has no place for its logs" {
	sweep bash 1
	run --separate-stderr bash < run.sh
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" 'bash: start this script from its file, not a pipe: its runs log beside it'
	assert [ ! -e run.sh.logs ]
	assert [ ! -e trained ]
}

@test "parallel: logs, marks and the summary; the status counts the failed runs; sweep-status reads them" {
	sweep parallel 1 2 3 4
	script_ends 1 'sweep: 4 runs: 3 done, 1 failed' exp_a_2
	run marks exp_a_1 exp_a_2 exp_a_3 exp_a_4
	assert_output $'exp_a_1 0\nexp_a_2 3\nexp_a_3 0\nexp_a_4 0'
	run cat run.sh.logs/exp_a_4.log
	assert_output 'training exp_a_4'
	run cat run.sh.logs/exp_a_2.log
	assert_output $'training exp_a_2\nexp_a_2: loss is nan'
	run status
	assert_output "$(status_is exp_a_1:done:0 exp_a_2:failed:3 exp_a_3:done:0 exp_a_4:done:0)"
}

@test "parallel: the summary lists the failed runs in run order, not in the order they ended" {
	# run 0 ends only once run 2's result is in: it waits for it in the
	# file of results, without sleeping
	printf '%s\n' 'case $1 in' \
	    '0) until tr "\0" "\n" < "$SWEEP_RESULTS" | grep -qx exp_a_3; do :; done; exit 1 ;;' \
	    '2) exit 1 ;;' 'esac' > job
	runs 1 2 3 | sweep-script -q -o out -l parallel -j 3 -c "sh $PWD/job {index}" -s run.sh
	script_ends 2 'sweep: 3 runs: 1 done, 2 failed' exp_a_1 exp_a_3
}

@test "a run name of 250 bytes: its log and marks fit, sweep-status reads them" {
	local name=exp_d_$(printf 'x%.0s' {1..244})
	sweep-add -b "$FIX/small.json" -k b.d -n d "${name#exp_d_}" |
	    sweep-script -q -o out -l parallel -c 'echo {name}; exit 3' -s run.sh
	script_ends 1 'sweep: 1 run: 0 done, 1 failed' "$name"
	assert_equal "$(cat "run.sh.logs/$name.log")" "$name"
	run marks "$name"
	assert_output "$name 3"
	run sweep-status run.sh
	assert_failure 1
	assert_equal "$(jq -c 'del(.seconds)' <<< "$output")" "{\"name\":\"$name\",\"index\":0,\"state\":\"failed\",\"exit\":3,\"log\":\"run.sh.logs/$name.log\"}"
}

@test "-s with no room for SCRIPT.logs, or parallel's SCRIPT.joblog, beside it: a usage error, nothing written" {
	local name=$(printf 'r%.0s' {1..251})
	runs 1 > runs
	run --separate-stderr sweep-script -q -o out --logs -s "$name" < runs
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-script: $name.logs, beside the script, would be a name over 255 bytes: give -s a name of at most 250 bytes"
	run --separate-stderr sweep-script -q -o out -l parallel -s "${name:2}" < runs
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-script: ${name:2}.joblog, beside the script, would be a name over 255 bytes: give -s a name of at most 248 bytes"
	run listing .
	assert_output ./runs
	sweep-script -q -o out --logs -c 'echo {name}' -s "${name:1}" < runs 2> /dev/null
	run "./${name:1}"
	assert_success
	assert_output 'sweep: 1 run: 1 done, 0 failed'
	assert_equal "$(cat "${name:1}.logs/exp_a_1.log")" exp_a_1
}

# grow LAUNCHER: a sweep of 1 2 3 run once, grown to 1 2 3 4 5 with a
# changed config for 3 and regenerated with -f into the same place: the
# second start trains 2 (failed), 3 (changed), 4 and 5, and not 1, whose
# log and marks stay as they were; a third trains only 2.
grow() {
	sweep "$1" 1 2 3
	run ./run.sh
	assert_failure 1
	assert_equal "$(sort trained)" $'exp_a_1\nexp_a_2\nexp_a_3'
	rm trained
	echo 1000 > run.sh.logs/exp_a_1.run
	cp run.sh.logs/exp_a_1.exit exit_1
	runs 1 2 3 4 5 | jq -c 'if .run.name == "exp_a_3" then .config.b.d = "y" else . end' |
	    sweep-script -q -f -o out -l "$1" --logs -c "$TRAIN" -s run.sh
	run status
	assert_output "$(status_is exp_a_1:done:0 exp_a_2:failed:3 exp_a_3:pending exp_a_4:pending exp_a_5:pending)"
	script_ends 1 'sweep: 5 runs: 4 done, 1 failed' exp_a_2
	assert_equal "$(sort trained)" $'exp_a_2\nexp_a_3\nexp_a_4\nexp_a_5'
	assert_equal "$(cat run.sh.logs/exp_a_1.run)" 1000
	assert_equal "$(cat run.sh.logs/exp_a_1.exit)" "$(cat exit_1)"
	assert_equal "$(cat run.sh.logs/exp_a_1.log)" 'training exp_a_1'
	assert_equal "$(cat run.sh.logs/exp_a_5.log)" 'training exp_a_5'
	run status
	assert_output "$(status_is exp_a_1:done:0 exp_a_2:failed:3 exp_a_3:done:0 exp_a_4:done:0 exp_a_5:done:0)"
	rm trained
	run ./run.sh
	assert_failure 1
	assert_line --index 0 'sweep: 5 runs: 4 done, 1 failed'
	assert_equal "$(cat trained)" exp_a_2
}

@test "growing a sweep under bash --logs: only the new, changed and failed runs run again" {
	grow bash
}

@test "growing a sweep under parallel: only the new, changed and failed runs run again" {
	grow parallel
}

# gated LAUNCHER VALUE...: run.sh for the runs of a VALUE each, under
# LAUNCHER, each run saying it started on the FIFO started, then waiting
# on the FIFO gate, whose line it prints.
gated() {
	local launcher=$1
	shift
	mkfifo started gate
	runs "$@" | sweep-script -q -f -o out -l "$launcher" --logs \
	    -c "sh -c 'echo > started; exec cat gate' {name}" -s run.sh
}

# start_alone: ./run.sh in a process group of its own, SIGINT as by
# default (a job started with & ignores it), its pid in $pid once its
# first run started. Every process of it holds the FIFO alive open.
start_alone() {
	mkfifo alive
	setsid env --default-signal=INT ./run.sh > stdout 2> stderr 9> alive &
	pid=$!
	exec 8< alive
	read -r < started
}

# ended: once every process of the script has ended.
ended() {
	cat <&8 > /dev/null
	exec 8<&-
}

@test "Ctrl-C (INT to the group) during a run: marked failed with 130, no other run starts, the script exits 130" {
	gated bash 1 2
	start_alone
	kill -INT -- -"$pid"
	status=0
	wait "$pid" || status=$?
	ended
	assert_equal "$status" 130
	run marks exp_a_1
	assert_output 'exp_a_1 130'
	run status
	assert_output "$(status_is exp_a_1:failed:130 exp_a_2:pending)"
}

@test "TERM to the script alone (kill PID): its run ends as it would, marked with its own status; the script exits 143" {
	gated bash 1 2
	start_alone
	kill -TERM "$pid"
	echo ok > gate
	status=0
	wait "$pid" || status=$?
	ended
	assert_equal "$status" 143
	run cat run.sh.logs/exp_a_1.log
	assert_output ok
	run status
	assert_output "$(status_is exp_a_1:done:0 exp_a_2:pending)"
}

@test "TERM to every process (scancel, a time limit), under parallel: the run is marked failed with 143, not left running" {
	gated parallel 1
	start_alone
	kill -TERM -- -"$pid"
	ended
	run marks exp_a_1
	assert_output 'exp_a_1 143'
	run status
	assert_output "$(status_is exp_a_1:failed:143)"
}

# full_logs: run.sh.logs on a tmpfs of 64 KB, filled; skips where it
# cannot mount one.
full_logs() {
	[ "$(id -u)" -eq 0 ] || skip "mounting a tmpfs needs root"
	mkdir run.sh.logs
	mount -t tmpfs -o size=64k tmpfs run.sh.logs || skip "this machine cannot mount a tmpfs"
	dd if=/dev/zero of=run.sh.logs/fill bs=4k 2> /dev/null || true
}

# unmount_logs: what run.sh.logs held but the filler in $left, unmounted.
unmount_logs() {
	rm -f run.sh.logs/fill
	left=$(ls run.sh.logs)
	umount run.sh.logs
}

@test "a full disk before a run: it is not started, says so, and counts as failed; no mark says it runs" {
	sweep bash 1 3
	full_logs
	run --separate-stderr ./run.sh
	local left
	unmount_logs
	assert_failure 1
	assert_equal "$stderr" "./run.sh: cannot write $PWD/run.sh.logs/exp_a_1.run: run exp_a_1 not started: make room there and start the script again
./run.sh: cannot write $PWD/run.sh.logs/exp_a_3.run: run exp_a_3 not started: make room there and start the script again"
	assert_output "sweep: 2 runs: 0 done, 2 failed
exp_a_1: $PWD/run.sh.logs/exp_a_1.log
exp_a_3: $PWD/run.sh.logs/exp_a_3.log"
	assert_equal "$left" ""
	run cat trained
	assert_failure
}

@test "a disk that fills during a run: it ends, says its end cannot be marked, counts as failed; no mark says it runs" {
	full_logs
	rm run.sh.logs/fill
	runs 1 | sweep-script -q -f -o out --logs -s run.sh \
	    -c "dd if=/dev/zero of=run.sh.logs/fill bs=4k 2> /dev/null; echo {name} > trained"
	run --separate-stderr ./run.sh
	local left
	unmount_logs
	assert_failure 1
	assert_equal "$stderr" "./run.sh: cannot write $PWD/run.sh.logs/exp_a_1.exit: run exp_a_1 ended (0) but counts as failed: make room there and start the script again"
	assert_line --index 0 "sweep: 1 run: 0 done, 1 failed"
	assert_equal "$left" "exp_a_1.log"
	run cat trained
	assert_output exp_a_1
	run status
	assert_output "$(status_is exp_a_1:pending)"
}

@test "SIGKILL to the script during a run: nothing can mark its end, and sweep-status says failed, not running" {
	gated bash 1 2
	start_alone
	kill -KILL "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 137
	run status
	assert_output "$(status_is exp_a_1:failed exp_a_2:pending)"
	echo > gate
	ended
}

@test "a run started on another host, or by an older script, with no end yet: running, since nothing here can tell" {
	runs 1 2 | sweep-script -q -f -o out --logs -c 'true {name}' -s run.sh
	mkdir run.sh.logs
	echo "$(date +%s) 1 not-$HOSTNAME" > run.sh.logs/exp_a_1.run
	date +%s > run.sh.logs/exp_a_2.run
	run status
	assert_output "$(status_is exp_a_1:running exp_a_2:running)"
}
