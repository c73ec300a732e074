#!/usr/bin/env bats
# Faults while sweep-script writes: a full disk, an unwritable or vanishing
# output directory, a closed stdout, SIGPIPE, signals at every point, and
# every call that can fail failing. Every time: all or nothing, with no
# staging directory, no config, no script temp left, and the files that
# were there before unchanged.

load helper

setup_file() {
	cc -shared -fPIC -O1 -o "$BATS_FILE_TMPDIR/fault.so" \
		"$BATS_TEST_DIRNAME/fault.c" -ldl
}

# snapshot DIR: every path under DIR with its type and mode, and the hash
# of every file.
snapshot() {
	[ -d "$1" ] || { echo "no $1"; return; }
	(cd "$1" && find . -mindepth 1 -printf '%y %m %p\n' | sort &&
		find . -type f -exec sha1sum {} + | sort -k2)
}

# digest DIR: one line that changes with any name, type, mode or content
# under DIR; cheaper than snapshot, which says what changed.
digest() {
	[ -d "$1" ] || { echo "no $1"; return; }
	tar -C "$1" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
		-cf - . | cksum
}

# old_out: out/ as it was before: a file of the user's, a config that -f
# replaces, and an old script and manifest that -s replaces.
old_out() {
	rm -rf out
	mkdir out
	echo mine > out/keep.txt
	echo '{"old": true}' > out/exp_a_3.json
	printf '#!/bin/bash\necho old\n' > out/run.sh
	echo '{"old": true}' > out/run.sh.manifest
}

# sweep N: a spec of N runs (exp_a_1 ... exp_a_N) in the file spec; the
# snapshots of out/ before (before.snap) and after a whole run (all.snap),
# and their digests (before.sum, all.sum).
sweep() {
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 "$1") > spec
	old_out
	snapshot out > before.snap
	sweep-script -q -f -o out -s out/run.sh < spec
	snapshot out > all.snap
	digest out > all.sum
	old_out
	digest out > before.sum
	mkdir -p tmp
}

# The signals that end a process and can be caught.
fatal=INT,TERM,HUP,QUIT,USR1,USR2,ALRM,VTALRM,PROF,XCPU,XFSZ

# write [ENV...]: sweep-script on the spec, under the fault injector with
# the FAULT_* variables given; its status goes to $status, stderr to err.
# The signals it takes start at their defaults, whatever the tests were
# started with (an ENV of --ignore-signal=SIG ignores one).
write() {
	status=0
	env --default-signal="$fatal" "$@" LD_PRELOAD="$BATS_FILE_TMPDIR/fault.so" TMPDIR="$PWD/tmp" \
		sweep-script -q -f -o out -s out/run.sh < spec 2> err || status=$?
}

# outcome WHAT: out/ holds everything after status 0, else exactly what
# was there before; nothing is left in TMPDIR; then out/ is reset.
outcome() {
	local want=before left
	[ "$status" -eq 0 ] && want=all
	[ -f "$want.sum" ] && [ "$(digest out)" = "$(< "$want.sum")" ] ||
		assert_equal "$1 (status $status): $(snapshot out)" \
			"$1 (status $status): $(< "$want.snap")"
	left=$(shopt -s nullglob dotglob; echo tmp/*)
	assert_equal "$1: tmp: $left" "$1: tmp: "
	[ "$status" -eq 0 ] && old_out
	return 0
}

# calls: how many times sweep-script calls each function on the spec.
calls() {
	write FAULT_COUNT="$PWD/counts"
	assert_equal "$status" 0
	old_out
}

# calls_of CALL: how many times sweep-script calls CALL, from calls.
calls_of() {
	awk -v c="$1" '$1 == c { print $2 }' counts
}

# strike_every ACTION CALL...: ACTION at each call of each CALL in turn;
# the statuses allowed, then all or nothing each time.
strike_every() {
	local action=$1 call n k
	shift
	for call in "$@"; do
		n=$(calls_of "$call")
		for k in $(seq 1 "$n"); do
			write FAULT_CALL="$call" FAULT_AT="$k" FAULT_DO="$action"
			echo "$call $k $status" >> struck
			outcome "$action at $call #$k"
			if [ "$status" -eq 1 ]; then
				assert_regex "$(< err)" '^sweep-script: [^
]+$'
			elif [ "$status" -ne 0 ]; then
				assert_equal "$action at $call #$k: $(cat err)" "$action at $call #$k: "
			fi
		done
	done
}

@test "SIGTERM before every write, open, close, read, rename and mkdir: all or nothing" {
	sweep 20
	calls
	strike_every TERM read openat write close mkdir mkdtemp mkstemp fchmod renameat2 rename
	# killed at every point up to the script's rename, which puts the
	# last file in place; done only after it, in the closes that end
	local c=$(calls_of close)
	assert_equal "$(awk '$3 != 143' struck)" "close $((c - 3)) 0
close $((c - 2)) 0
close $((c - 1)) 0
close $c 0
rename 1 0"
}

@test "SIGINT and SIGHUP before every call: all or nothing" {
	sweep 12
	calls
	strike_every INT read openat write close mkdir mkdtemp mkstemp fchmod renameat2 rename
	strike_every HUP openat renameat2 rename
	assert_equal "$(awk '$3 != 130 && $3 != 129 && $3 != 0' struck)" ''
}

@test "every other catchable signal before every open and rename: all or nothing" {
	ulimit -c 0
	sweep 6
	calls
	local sig
	for sig in QUIT USR1 USR2 ALRM VTALRM PROF XCPU XFSZ; do
		strike_every "$sig" openat renameat2
		assert_equal "$sig: $(awk -v s=$((128 + $(kill -l "$sig"))) \
			'$3 != s && $3 != 0' struck)" "$sig: "
		rm struck
	done
}

# big_base BYTES: a base config with a string of BYTES bytes, in big.json.
big_base() {
	printf '{"a": 0, "s": "%s"}\n' "$(head -c "$1" /dev/zero | tr '\0' x)" > big.json
}

@test "a file size limit (ulimit -f): an error, nothing left behind" {
	old_out
	mkdir tmp
	snapshot out > before.snap
	big_base 2000
	sweep-add -b big.json -k a -n a 1 2 3 > spec
	status=0
	(ulimit -f 1; TMPDIR=$PWD/tmp sweep-script -q -f -o out -s out/run.sh < spec 2> err) || status=$?
	assert_equal "$status $(cat err)" "1 sweep-script: cannot write $PWD/out/a_1.json: File too large: raise the file size limit (ulimit -f)"
	outcome "a config over the limit"
	# each config is under the limit, the script is not
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 100) > spec
	status=0
	(ulimit -f 1; TMPDIR=$PWD/tmp sweep-script -q -f -o out -s out/run.sh < spec 2> err) || status=$?
	assert_regex "$status $(cat err)" '^1 sweep-script: [^
]*File too large[^
]*$'
	outcome "a script over the limit"
	# to stdout
	status=0
	(ulimit -f 1; TMPDIR=$PWD/tmp sweep-script -q -f -o out < spec > script 2> err) || status=$?
	rm script
	assert_regex "$status $(cat err)" '^1 sweep-script: [^
]*File too large[^
]*$'
	outcome "stdout over the limit"
}

@test "a rollback removes only the files it placed, never one put in their place since" {
	sweep 6
	# once three configs are in place, someone replaces the first, and
	# the third (which -f swapped with an old one); then a signal
	write FAULT_CALL=renameat2 FAULT_AT=4 FAULT_DO="sh:cd out && echo theirs > new1 && mv new1 exp_a_1.json && echo theirs > new3 && mv new3 exp_a_3.json && kill -TERM \$PPID"
	assert_equal "$status $(cat err)" "143 "
	run listing out
	assert_output $'./exp_a_1.json\n./exp_a_3.json\n./keep.txt\n./run.sh\n./run.sh.manifest'
	assert_equal "$(cat out/exp_a_1.json out/exp_a_3.json out/keep.txt)" $'theirs\ntheirs\nmine'
}

@test "two sweep-script -f into one directory, one failing: none of the other's configs is lost" {
	sweep 6
	sed 's/{/{"theirs": true, /' "$FIX/small.json" > other.json
	sweep-add -b other.json -k a -n a $(seq 1 6) > spec2
	sweep-script -q -f -o out -s out/run2.sh < spec2
	snapshot out > theirs.snap
	old_out
	# the other runs whole while this one has put three configs in place,
	# then this one is stopped
	write FAULT_CALL=renameat2 FAULT_AT=4 FAULT_DO="sh:sweep-script -q -f -o out -s out/run2.sh < spec2 && kill -TERM \$PPID"
	assert_equal "$status $(cat err)" "143 "
	assert_equal "$(snapshot out)" "$(cat theirs.snap)"
}

@test "a staging directory swapped for a symlink or another directory: refused, nothing of theirs removed" {
	sweep 3
	mkdir victim
	echo precious > victim/exp_a_1.json
	echo precious > victim/other
	for swap in "ln -s ../victim \$s" "mkdir \$s && echo theirs > \$s/exp_a_9.json"; do
		write FAULT_CALL=openat FAULT_AT=1 FAULT_DO="sh:cd out && s=\$(echo .sweep-*) && mv \$s ../moved && $swap"
		local got=$status
		assert_regex "$status $(cat err)" "^1 sweep-script: staging directory $PWD/out/\.sweep-[A-Za-z0-9]{6} was replaced while in use: make sure nobody else writes in $PWD/out, or choose another directory with -o\$"
		run listing victim
		assert_output $'./exp_a_1.json\n./other'
		assert_equal "$(cat victim/*)" $'precious\nprecious'
		run listing moved
		assert_output ''
		local s=$(echo out/.sweep-*)
		[ ! -L "$s" ] || assert_equal "$(readlink "$s")" ../victim
		[ -L "$s" ] || assert_equal "$(cat "$s"/*)" theirs
		rm -rf "$s" moved
		status=$got
		outcome "swapped: $swap"
	done
}

@test "a signal ignored at start stays ignored (nohup, a script's background job)" {
	sweep 3
	write --ignore-signal=INT FAULT_CALL=renameat2 FAULT_AT=2 FAULT_DO=INT
	assert_equal "$status" 0
	outcome "INT ignored"
	write --ignore-signal=HUP FAULT_CALL=renameat2 FAULT_AT=2 FAULT_DO=HUP
	assert_equal "$status" 0
	outcome "HUP ignored"
	write FAULT_CALL=renameat2 FAULT_AT=2 FAULT_DO=INT
	assert_equal "$status" 130
	outcome "INT caught"
}

@test "every call failing in turn: one line on stderr, all or nothing" {
	sweep 12
	calls
	for e in ENOSPC EIO; do
		strike_every "$e" openat write close mkdir mkdtemp mkstemp fchmod renameat2 rename
	done
	strike_every EIO read
	assert_equal "$(awk '$3 != 1 && $3 != 0' struck)" ''
	[ "$(grep -c ' 1$' struck)" -gt 100 ]
}

@test "each failure says what failed and how to go on" {
	sweep 3
	write FAULT_CALL=openat FAULT_AT=3 FAULT_DO=ENOSPC
	assert_equal "$(cat err)" "sweep-script: cannot write $PWD/out/exp_a_2.json: No space left on device: free some space or choose another directory with -o"
	write FAULT_CALL=renameat2 FAULT_AT=2 FAULT_DO=EIO
	assert_equal "$(cat err)" "sweep-script: cannot move exp_a_2.json into $PWD/out: Input/output error: check the directory"
	write FAULT_CALL=rename FAULT_AT=1 FAULT_DO=EROFS
	assert_equal "$(cat err)" "sweep-script: cannot write script out/run.sh: Read-only file system: choose another place with -s"
	write FAULT_CALL=mkstemp FAULT_AT=1 FAULT_DO=ENOSPC
	assert_equal "$(cat err)" "sweep-script: cannot make a temporary file in $PWD/tmp: No space left on device: set TMPDIR to a writable directory"
	write FAULT_CALL=read FAULT_AT=1 FAULT_DO=EIO
	assert_equal "$(cat err)" "sweep-script: <stdin>: Input/output error: pipe runs from sweep-name, or a spec from sweep-add, here"
	outcome "the last"
}

@test "SIGKILL, which nothing can catch, never leaves a half-written config" {
	sweep 12
	calls
	for call in openat write renameat2; do
		n=$(calls_of "$call")
		for k in $(seq 1 "$n"); do
			write FAULT_CALL="$call" FAULT_AT="$k" FAULT_DO=KILL
			assert_equal "$status" 137
			# every config under its own name is whole: the old one,
			# or the new one; staging holds the rest
			for f in out/exp_a_*.json; do
				[ -e "$f" ] || continue
				run jq -e .experiment.name "$f"
				[ "$f" = out/exp_a_3.json ] || assert_success
			done
			assert_equal "$(cat out/keep.txt)" mine
			rm -rf out/.sweep-* out/run.sh.sweep-* tmp/*
			old_out
		done
	done
}

# killed_after SIGNAL: sweep-add ... | sweep-script on 3000 runs, killed
# after longer and longer delays (0, then 1 ms growing by half each time)
# until one run ends first.
killed_after() {
	local d=0 killed=0 exe
	sweep 3000
	exe=$(readlink -f "$(command -v sweep-script)")
	while :; do
		# env: the signals at their defaults, not ignored as they are
		# for a job started with & (or for tests started so)
		TMPDIR=$PWD/tmp env --default-signal=INT,TERM \
			sweep-script -q -f -o out -s out/run.sh \
			< <(sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 3000)) 2> err &
		local pid=$!
		# the delay counts from when sweep-script runs, not the shell
		# or env before it, which a signal would miss or kill instead
		until [ "$(readlink "/proc/$pid/exe")" = "$exe" ] ||
		    ! kill -0 "$pid" 2> /dev/null; do :; done
		sleep "$d"
		kill -"$1" "$pid" 2> /dev/null || true
		status=0
		wait "$pid" || status=$?
		outcome "$1 after ${d}s"
		[ "$status" -eq 0 ] && break
		killed=$((killed + 1))
		d=$(awk -v d="$d" 'BEGIN { print d ? d * 1.5 : 0.001 }')
	done
	echo "# SIG$1: killed $killed times, then done before ${d}s" >&3
	assert_equal "$status" 0
	[ "$killed" -gt 0 ]
}

@test "SIGTERM after longer and longer delays, 3000 configs: all or nothing" {
	killed_after TERM
}

@test "SIGINT after longer and longer delays, 3000 configs: all or nothing" {
	killed_after INT
}

teardown() {
	while mountpoint -q out 2> /dev/null; do umount out || break; done
	mountpoint -q ro 2> /dev/null && umount ro
	return 0
}

# can_mount: skips the test unless this machine lets it mount a tmpfs.
can_mount() {
	[ "$(id -u)" -eq 0 ] || skip "mounting a tmpfs needs root"
	mkdir probe
	mount -t tmpfs -o size=64k tmpfs probe || skip "this machine cannot mount a tmpfs"
	umount probe
	rmdir probe
}

# small_disk RUNS OPTIONS [same]: sweep-script writes the spec's RUNS
# configs to out/cfg and the script to out/run.sh, on a tmpfs mounted
# with OPTIONS (size=... or nr_inodes=...) that holds files of the
# user's, its temporary file there too with "same". All or nothing, and
# one line on a full disk; $full counts the runs that failed.
small_disk() {
	mkdir -p out
	mount -t tmpfs -o "$2" tmpfs out
	echo mine > out/keep.txt
	echo '{"old": true}' > out/exp_a_3.json
	local before now tmp=$PWD
	before=$(snapshot out)
	[ "$3" = same ] && mkdir out/tmp && tmp=$PWD/out/tmp
	status=0
	TMPDIR=$tmp sweep-script -q -f -o out/cfg -s out/run.sh < spec 2> err ||
		status=$?
	[ "$3" = same ] && rmdir out/tmp
	now=$(snapshot out)
	umount out
	if [ "$status" -eq 0 ]; then
		assert_equal "$2: $(grep -c '^f .*/cfg/exp_a_' <<< "$now")" "$2: $1"
		assert_equal "$2: $(grep keep.txt <<< "$before")" \
			"$2: $(grep keep.txt <<< "$now")"
		return
	fi
	full=$((full + 1))
	assert_equal "$2 $3: $status $now" "$2 $3: 1 $before"
	assert_regex "$(cat err)" '^sweep-script: [^
]*No space left on device: [^
]*$'
}

@test "a full disk at every point of the write: all or nothing" {
	can_mount
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 20) > spec
	local pages full=0
	for pages in $(seq 1 26); do
		small_disk 20 "size=$((pages * 4 + 8))k"
		small_disk 20 "size=$((pages * 4 + 8))k" same
	done
	[ "$full" -gt 20 ]
	assert_equal "$status" 0
}

@test "no inodes left at every point of the write: all or nothing" {
	can_mount
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 12) > spec
	local n full=0
	for n in $(seq 4 24); do
		small_disk 12 "nr_inodes=$n"
	done
	[ "$full" -gt 5 ]
	assert_equal "$status" 0
}

@test "a read-only output directory: refused before anything is written" {
	can_mount
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 > spec
	mkdir ro
	mount -t tmpfs -o size=64k tmpfs ro
	echo mine > ro/keep.txt
	mount -o remount,ro ro
	run --separate-stderr sweep-script -o ro < spec
	local made=$stderr made_status=$status
	run --separate-stderr sweep-script -o ro/new < spec
	local sub=$stderr sub_status=$status
	run --separate-stderr sweep-script -o out -s ro/run.sh < spec
	local script=$stderr script_status=$status
	local listed=$(listing ro)
	umount ro
	assert_equal "$made_status $made" "1 sweep-script: cannot write in output directory $PWD/ro: Read-only file system: choose another with -o"
	assert_equal "$sub_status $sub" "1 sweep-script: cannot make output directory $PWD/ro/new: Read-only file system: choose another with -o"
	assert_equal "$script_status $script" "1 sweep-script: cannot write script ro/run.sh: Read-only file system: choose another with -s"
	assert_equal "$listed" './keep.txt'
	run listing .
	assert_output $'./ro\n./spec'
}

@test "an output directory removed mid-run: an error, nothing left anywhere" {
	sweep 12
	calls
	local call n k
	for call in openat renameat2 rename; do
		n=$(calls_of "$call")
		for k in $(seq 1 "$n"); do
			write FAULT_CALL="$call" FAULT_AT="$k" FAULT_DO="sh:rm -rf out"
			[ -d out ] && outcome "out removed at $call #$k" && continue
			assert_equal "$call #$k: $status" "$call #$k: 1"
			assert_regex "$(cat err)" "^sweep-script: cannot (write|move) [^
]*: No such file or directory: [^
]*$"
			assert_equal "$(ls -A tmp)" ''
			run listing .
			assert_output $'./all.snap\n./all.sum\n./before.snap\n./before.sum\n./counts\n./err\n./spec\n./tmp'
			old_out
		done
	done
}

@test "an output directory made unwritable mid-run: an error, nothing new" {
	can_mount
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 6) > spec
	mkdir -p out tmp
	mount -t tmpfs -o size=1m tmpfs out
	echo mine > out/keep.txt
	before=$(snapshot out)
	write FAULT_CALL=openat FAULT_AT=3 FAULT_DO="sh:mount -o remount,ro $PWD/out"
	local now=$(snapshot out) stage=$(ls -A out)
	umount out
	assert_equal "$status" 1
	assert_equal "$(cat err)" "sweep-script: cannot write $PWD/out/exp_a_2.json: Read-only file system: free some space or choose another directory with -o"
	# the staging directory cannot be removed from a read-only disk
	assert_regex "$stage" '^\.sweep-[A-Za-z0-9]{6}
keep\.txt$'
	assert_equal "$(cat out/keep.txt 2> /dev/null)" ''
}

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
	assert_output $'./out\n./out/exp_a_1.json\n./out/exp_a_2.json\n./run.sh\n./run.sh.manifest\n./spec'
}

# closed_pipe [ignore] COMMAND...: COMMAND writes to a pipe whose reader
# is gone, SIGPIPE at its default (or ignored with "ignore").
closed_pipe() {
	python3 -c '
import os, signal, subprocess, sys
ignore = sys.argv[1] == "ignore"
r, w = os.pipe()
os.close(r)
if ignore:
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
rc = subprocess.call(sys.argv[2:], stdout=w, restore_signals=not ignore)
sys.exit(128 - rc if rc < 0 else rc)' "$@"
}

@test "SIGPIPE: a reader that is gone ends a stage quietly, and sweep-script takes its configs back" {
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 20) > spec
	sweep-expand < spec > runs
	for sig in default ignore; do
		# a spec nobody read is a sweep lost: sweep-add says so
		run --separate-stderr closed_pipe "$sig" sweep-add -b "$FIX/small.json" -k a 1
		assert_equal "$sig $status $stderr" "$sig 1 sweep-add: stdout: the next command exited without reading the spec: see its error; a later sweep-add -b would not read it either"
		run --separate-stderr closed_pipe "$sig" sweep-expand < spec
		assert_equal "$sig $status $stderr" "$sig 0 "
		run --separate-stderr closed_pipe "$sig" sweep-name < runs
		assert_equal "$sig $status $stderr" "$sig 0 "
		run --separate-stderr closed_pipe "$sig" sweep-keys "$FIX/seed/base.json"
		assert_equal "$sig $status $stderr" "$sig 0 "
		run --separate-stderr closed_pipe "$sig" sweep-script -o out < spec
		assert_equal "$sig $status $stderr" "$sig 1 sweep-script: cannot write the script to stdout: Broken pipe: the configs are removed again"
		run listing .
		assert_output $'./runs\n./spec'
	done
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 2000) > big
	run bash -o pipefail -c 'sweep-expand < big | sweep-name | head -c 100 > /dev/null'
	assert_success
}

@test "SIGINT while reading a big regular file ends the read at once: status 130, nothing written" {
	# 64 MB of blanks, then a run cut short: read to its end, it is an
	# error; stopped at the signal, it is not
	{ head -c 67108864 /dev/zero | tr '\0' ' '; printf '{"run": '; } > big
	mkdir tmp
	status=0
	env --default-signal=INT LD_PRELOAD="$BATS_FILE_TMPDIR/fault.so" \
		FAULT_CALL=read FAULT_AT=2 FAULT_DO=INT TMPDIR="$PWD/tmp" \
		sweep-script -q -o out < big 2> err || status=$?
	assert_equal "$status: $(< err)" "130: "
	[ ! -e out ]
	assert_equal "$(ls -A tmp)" ""
}
