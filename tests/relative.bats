#!/usr/bin/env bats
# sweep-script --relative: every path in the script and its manifest
# relative to the script's directory, so that the tree can be moved. A
# sweep is made in a directory A whose path holds a space, a quote, $ and
# a backtick, with configs beside the script and in the sibling ../cfg;
# the common parent is moved to B and the script run from elsewhere.
# (slurm.bats does the same on a real cluster.)

load helper

setup_file() {
	sh "$BATS_TEST_DIRNAME/install-deps" parallel
}

# make_job: writes $JOB (outside the tree). "sh $JOB CONFIG NAME"
# appends "NAME CONFIG A" (A the config's "a") to $RECORDS and writes
# {"a": A} beside the config as NAME.metrics.json.
make_job() {
	JOB=$BATS_TEST_TMPDIR/job
	RECORDS=$BATS_TEST_TMPDIR/records
	cat > "$JOB" <<EOF
a=\$(jq .a "\$1") || exit 4
printf '%s %s %s\n' "\$2" "\$1" "\$a" >> '$RECORDS'
printf '{"a":%s}\n' "\$a" > "\${1%.json}.metrics.json"
EOF
}

# make_sweep [OPTION...]: A/run.sh with --relative and the OPTIONs in
# TREE (default: a tree of hostile names here) over two specs: exp_a_1
# and exp_a_2 with their configs beside it, exp_b_3 and exp_b_4 in
# ../cfg; sets TREE and A.
make_sweep() {
	TREE=${TREE:-$PWD/"x y'z\$\`q"}
	A=$TREE/A
	make_job
	mkdir -p "$A" && cp "$FIX/small.json" "$A/base.json"
	(cd "$A" && {
		sweep-add -b base.json -k a -n a 1 2
		sweep-add -b base.json -k a -n b 3 4 -o ../cfg
	} | sweep-script -q --relative "$@" -c "sh $JOB {config} {name}" \
	    -s run.sh)
}

# move: moves TREE to B (a name with a space and a quote) and cds to an
# unrelated directory; sets B (as realpath gives it).
move() {
	mv "$TREE" "$PWD/B d'r"
	B=$(realpath "$PWD/B d'r")
	mkdir -p elsewhere && cd elsewhere
}

# moved_records: what the runs recorded, sorted, as they should be when
# they read their configs from B.
moved_records() {
	printf '%s\n' "exp_a_1 $B/A/exp_a_1.json 1" "exp_a_2 $B/A/exp_a_2.json 2" \
	    "exp_b_3 $B/A/../cfg/exp_b_3.json 3" "exp_b_4 $B/A/../cfg/exp_b_4.json 4"
}

# check_moved: after the runs: they read their configs from B, the
# script and manifest name nothing of A, sweep-collect reads metrics
# beside the configs in B.
check_moved() {
	run sort "$RECORDS"
	assert_output "$(moved_records)"
	run grep -rF -e "$A" -e "x y'z" "$B/A/run.sh" "$B/A/run.sh.manifest"
	assert_failure 1
	run --separate-stderr sweep-collect -m '{config_dir}/{name}.metrics.json' "$B/A/run.sh"
	run jq -c '[.name, .metrics.a]' <<< "$output"
	assert_output $'["exp_a_1",1]\n["exp_a_2",2]\n["exp_b_3",3]\n["exp_b_4",4]'
}

# moved_run OUTPUT [OPTION...]: make_sweep with the OPTIONs, move, and
# the script, run from elsewhere, succeeds, prints OUTPUT, and
# check_moved holds.
moved_run() {
	local out=$1
	shift
	make_sweep "$@"
	move
	run "$B/A/run.sh"
	assert_success
	assert_output "$out"
	check_moved
}

# logged_status: sweep-status on B, every run done, its log in B.
logged_status() {
	run sweep-status "$B/A/run.sh"
	assert_success
	run jq -r '"\(.name) \(.state) \(.log)"' <<< "$output"
	assert_output "$(for n in exp_a_1 exp_a_2 exp_b_3 exp_b_4; do
		echo "$n done $B/A/run.sh.logs/$n.log"; done)"
	run ls "$B/A/run.sh.logs"
	assert_output "$(printf 'exp_%s.%s\n' a_1 exit a_1 log a_1 run \
	    a_2 exit a_2 log a_2 run b_3 exit b_3 log b_3 run b_4 exit b_4 \
	    log b_4 run)"
}

@test "--relative: {config} is \"\$SWEEP_DIR\"/ and the config's path from the script's directory; the manifest's config is that path" {
	make_sweep
	run cat "$A/run.sh"
	assert_output "#!/bin/bash

self=\$(realpath -e -- \"\${BASH_SOURCE[0]}\" 2> /dev/null && echo /) || {
	echo \"\$0: start this script from its file, not a pipe: the paths in it are relative to its directory\" >&2
	exit 2
}
self=\${self%?/}
SWEEP_DIR=\${self%/*}
sh $JOB \"\$SWEEP_DIR\"/exp_a_1.json exp_a_1
sh $JOB \"\$SWEEP_DIR\"/exp_a_2.json exp_a_2
sh $JOB \"\$SWEEP_DIR\"/../cfg/exp_b_3.json exp_b_3
sh $JOB \"\$SWEEP_DIR\"/../cfg/exp_b_4.json exp_b_4"
	run jq -r .config "$A/run.sh.manifest"
	assert_output $'exp_a_1.json\nexp_a_2.json\n../cfg/exp_b_3.json\n../cfg/exp_b_4.json'
}

@test "--relative, bash: moved with its configs, run from elsewhere, each run reads its config from the new place; sweep-status and sweep-collect read it there" {
	moved_run ''
	run --separate-stderr sweep-status "$B/A/run.sh"
	assert_failure 2
	assert_equal "$stderr" "sweep-status: no $B/A/run.sh.logs: no run has started; a script logs its runs there when sweep-script made it with --logs, -l parallel or -l slurm"
	run jq -r .state <<< "$output"
	assert_output $'pending\npending\npending\npending'
}

@test "--relative, bash --logs: moved, run from elsewhere; its logs land beside it in the new place" {
	moved_run 'sweep: 4 runs: 4 done, 0 failed' --logs
	logged_status
}

@test "--relative, parallel: moved, run from elsewhere; its logs and job log land beside it in the new place" {
	moved_run 'sweep: 4 runs: 4 done, 0 failed' -l parallel -j 2
	logged_status
	[ -s "$B/A/run.sh.joblog" ]
}

@test "--relative: a newline in the tree's path, and the script from a pipe, which says it needs its file" {
	TREE=$PWD/$'n\nl $x' make_sweep --logs
	mv "$PWD/"$'n\nl $x' "$PWD/"$'m\nv'
	B=$PWD/$'m\nv'
	run "$B/A/run.sh"
	assert_success
	assert_output 'sweep: 4 runs: 4 done, 0 failed'
	run cat "$RECORDS"
	assert_output "$(moved_records)"
	logged_status
	run --separate-stderr bash < "$B/A/run.sh"
	assert_failure 2
	assert_equal "$stderr" 'bash: start this script from its file, not a pipe: its runs log beside it'
}

@test "--relative without --logs, from a pipe: it says it needs its file and runs nothing" {
	make_sweep
	run --separate-stderr bash < "$A/run.sh"
	assert_failure 2
	assert_equal "$stderr" 'bash: start this script from its file, not a pipe: the paths in it are relative to its directory'
	[ ! -e "$RECORDS" ]
}

@test "--relative: the script's directory reached through a symlink is taken as it really is" {
	mkdir -p real/deep cfg
	ln -s real/deep link
	make_job
	runs 1 2 | sweep-script -q --relative -o cfg -c "sh $JOB {config} {name}" \
	    -s link/run.sh
	run jq -r .config real/deep/run.sh.manifest
	assert_output $'../../cfg/exp_a_1.json\n../../cfg/exp_a_2.json'
	mkdir elsewhere && cd elsewhere
	run ../link/run.sh
	assert_success
	run cut -d ' ' -f 1,3 "$RECORDS"
	assert_output $'exp_a_1 1\nexp_a_2 2'
}

@test "--relative: configs in / are ../ up to the root" {
	run sweep-script -q --relative --dry-run -o / -s run.sh < <(runs 1)
	assert_success
	assert_line --index 7 "python train.py --config \"\$SWEEP_DIR\"/$(realpath . | sed 's|/[^/]*|../|g')exp_a_1.json"
}

@test "--relative -f: a sweep made again relative replaces script and manifest; the runs that succeeded are skipped, their configs unchanged" {
	make_job
	runs 1 2 | sweep-script -q -o out --logs -c "sh $JOB {config} {name}" -s run.sh
	./run.sh
	run jq -r .config run.sh.manifest
	assert_output "$PWD/out/exp_a_1.json
$PWD/out/exp_a_2.json"
	runs 1 2 3 | sweep-script -q -f -o out --logs --relative \
	    -c "sh $JOB {config} {name}" -s run.sh
	run jq -r .config run.sh.manifest
	assert_output $'out/exp_a_1.json\nout/exp_a_2.json\nout/exp_a_3.json'
	run ./run.sh
	assert_output 'sweep: 3 runs: 3 done, 0 failed'
	run cut -d ' ' -f 1 "$RECORDS"
	assert_output $'exp_a_1\nexp_a_2\nexp_a_3'
}

@test "--relative without -s: a usage error" {
	run --separate-stderr sweep-script --relative < <(runs 1)
	assert_failure 64
	assert_equal "${stderr_lines[0]}" 'sweep-script: --relative needs -s FILE: the paths in the script are relative to its place'
	assert_equal "$(ls -A)" ''
}

@test "--relative, slurm: the lines that say how to submit in parts, and the logs, name the script by its file name only" {
	run sweep-script -q --relative --dry-run -l slurm -o out -s run.sh \
	    < <(sweep-add -b "$FIX/small.json" -k a -n a --range=0:1002)
	assert_success
	run grep -e '^#   sbatch' -e '^logs=' <<< "$output"
	assert_output '#   sbatch --array=0-999 run.sh
#   sbatch --array=0-1 --export=ALL,SWEEP_OFFSET=1000 run.sh
logs=$SWEEP_DIR/run.sh.logs'
}

@test "--relative: sweep-status and sweep-collect given the script by a relative path read the manifest's configs from its directory" {
	make_sweep --logs
	"$A/run.sh"
	cd "$TREE"
	run sweep-collect -m '{config_dir}/{name}.metrics.json' A/run.sh
	run jq -c '[.name, .metrics.a]' <<< "$output"
	assert_output $'["exp_a_1",1]\n["exp_a_2",2]\n["exp_b_3",3]\n["exp_b_4",4]'
	run sweep-status A/run.sh
	assert_success
	run jq -r .log <<< "$output"
	assert_line --index 0 A/run.sh.logs/exp_a_1.log
}

@test "a script whose name ends in a newline logs beside itself under that name, --relative or not" {
	local opt
	for opt in --relative --logs; do
		runs 1 | sweep-script -q -f --logs $opt -o out -c 'cat {config}' -s $'run\n'
		run ./$'run\n'
		assert_success
		assert_output 'sweep: 1 run: 1 done, 0 failed'
		[ ! -e run.logs ]
		run sweep-status $'run\n'
		assert_success
		assert_output --partial '"state":"done"'
	done
}
