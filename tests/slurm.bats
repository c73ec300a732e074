#!/usr/bin/env bats
# sweep-script -l slurm on a real single-node Slurm cluster, which
# tests/slurm-cluster starts once for this file and stops after it.

load helper
load launch-helper

# One cluster, one job queue: the tests of this file run one at a time
# (make check runs the other files beside them).
BATS_NO_PARALLELIZE_WITHIN_FILE=true

# Bats 1.8 cannot skip in setup_file: it leaves the reason for setup.
setup_file() {
	if [ "$(id -u)" -ne 0 ]; then
		export SLURM_SKIP="the Slurm cluster needs root (slurmd runs the jobs): run as root, as CI does"
		return 0
	fi
	sh "$BATS_TEST_DIRNAME/install-deps" slurm-wlm munge
	SWEEP_SLURM=$(mktemp -d /tmp/sweep-slurm.XXXXXX)
	export SWEEP_SLURM SLURM_CONF=$SWEEP_SLURM/slurm.conf
	sh "$BATS_TEST_DIRNAME/slurm-cluster" start "$SWEEP_SLURM" 3>&-
}

setup() {
	[ -z "${SLURM_SKIP-}" ] || skip "$SLURM_SKIP"
	work_dir
}

teardown_file() {
	[ -n "${SWEEP_SLURM-}" ] || return 0
	sh "$BATS_TEST_DIRNAME/slurm-cluster" stop "$SWEEP_SLURM"
	rm -rf "$SWEEP_SLURM"
}

# submit [OPTION...] SCRIPT: sbatch --wait with the OPTIONs succeeds;
# sets id to the job's id.
submit() {
	run sbatch --wait "$@"
	assert_success
	assert_output --regexp '^Submitted batch job [0-9]+$'
	id=${output##* }
}

@test "slurm: one array task a run, each run once, at most -j at a time, a log and marks each by run name; sweep-status reads them" {
	make_job 0.2
	runs 1 2 3 4 | sweep-script -q -o out -l slurm -j 2 \
	    --sbatch=--job-name=sweep-test --sbatch=--time=5 \
	    -c "sh $PWD/job {name}" -s run.sh
	submit run.sh
	show_records "slurm -j 2, 4 runs of 0.2 s, job $id:"
	run awk '{ print $1, $5, $6 }' records
	assert_equal "$(sort <<< "$output")" 'exp_a_1 0 sweep-test
exp_a_2 1 sweep-test
exp_a_3 2 sweep-test
exp_a_4 3 sweep-test'
	[ "$(most_at_once)" -le 2 ]
	run listing .
	assert_output "./job
./out
./out/exp_a_1.json
./out/exp_a_2.json
./out/exp_a_3.json
./out/exp_a_4.json
./records
./run.sh
./run.sh.logs
$(printf './run.sh.logs/exp_a_%s.%s\n' 1 exit 1 log 1 run 2 exit 2 log 2 run 3 exit 3 log 3 run 4 exit 4 log 4 run)
./run.sh.logs/slurm-tasks
./run.sh.manifest"
	run sweep-status run.sh
	assert_success
	run jq -r '"\(.name) \(.index) \(.state) \(.exit) \(.seconds >= 0) \(.log)"' <<< "$output"
	assert_output "$(for i in 1 2 3 4; do echo "exp_a_$i $((i - 1)) done 0 true run.sh.logs/exp_a_$i.log"; done)"
}

@test "slurm: names and commands with spaces, quotes, \$ and backticks run unchanged" {
	mkdir 'a b%"c'
	tricky_runs | sweep-script -q -o out -l slurm -c "$TRICKY_COMMAND" \
	    -s 'a b%"c/run.sh'
	submit 'a b%"c/run.sh'
	run bash -c 'cd "a b%\"c" && jq -r .name run.sh.manifest | while IFS= read -r name; do cat "run.sh.logs/$name.log"; done'
	assert_output "$TRICKY_OUTPUT"
	[ ! -e pwned ]
	{
		echo "# slurm, 6 tasks of job $id, their logs in run order:"
		sed 's/^/#   /' <<< "$output"
	} >&3
}

@test "slurm: a failed run fails the job, the other tasks still run; sweep-status says which" {
	make_job 0
	touch fail-exp_a_2
	runs 1 2 3 | sweep-script -q -o out -l slurm -c "sh $PWD/job {name}" \
	    -s run.sh
	run sbatch --wait run.sh
	assert_failure
	run recorded
	assert_output $'exp_a_1\nexp_a_2\nexp_a_3'
	run sweep-status run.sh
	assert_failure 1
	run jq -r '"\(.name) \(.state) \(.exit)"' <<< "$output"
	assert_output $'exp_a_1 done 0\nexp_a_2 failed 1\nexp_a_3 done 0'
	# submitted again, only the failed run runs
	rm fail-exp_a_2 records
	submit run.sh
	run recorded
	assert_output exp_a_2
}

@test "slurm: more runs than MaxArraySize (8 here): refused whole, run in parts with SWEEP_OFFSET" {
	make_job 0
	runs $(seq 1 10) | sweep-script -q -o out -l slurm -c "sh $PWD/job {name}" \
	    -s run.sh
	run sbatch run.sh
	assert_failure
	assert_output --partial 'Invalid job array specification'
	submit --array=0-7 run.sh
	submit --array=0-1 --export=ALL,SWEEP_OFFSET=8 run.sh
	run recorded
	assert_output "$(printf 'exp_a_%s\n' $(seq 1 10) | sort)"
	run ls run.sh.logs/
	assert_equal "${#lines[@]}" 31
	assert_equal "$(cat run.sh.logs/slurm-tasks)" ''
	run sweep-status run.sh
	assert_success
}

@test "slurm: ./run.sh --submit splits a sweep bigger than MaxArraySize (8 here) into arrays, each from its run" {
	make_job 0
	runs $(seq 1 10) | sweep-script -q -o out -l slurm -c "sh $PWD/job {name}" \
	    -s run.sh
	run ./run.sh --submit --wait
	assert_success
	assert_line --index 0 --regexp '^Submitted batch job [0-9]+$'
	assert_line --index 1 --regexp '^Submitted batch job [0-9]+$'
	assert_equal "${#lines[@]}" 2
	run recorded
	assert_output "$(printf 'exp_a_%s\n' $(seq 1 10) | sort)"
	run sweep-status run.sh
	assert_success
}

# relative_sweep: "x y'z/A/run.sh", made with --relative: runs exp_a_1
# and exp_a_2 with their configs beside it, exp_b_3 in ../cfg. Each run
# appends "NAME CONFIG A SWEEP_DIR" to ./records, A its config's "a" and
# SWEEP_DIR as its environment has it.
relative_sweep() {
	local job=$PWD/job

	cat > job <<EOF2
printf '%s %s %s %s\n' "\$1" "\$2" "\$(jq .a "\$2")" "\${SWEEP_DIR-unset}" >> '$PWD/records'
EOF2
	mkdir -p "x y'z/A" && cp "$FIX/small.json" "x y'z/A/base.json"
	(cd "x y'z/A" && {
		sweep-add -b base.json -k a -n a 1 2
		sweep-add -b base.json -k a -n b 3 -o ../cfg
	} | sweep-script -q --relative -l slurm -c "sh $job {name} {config}" \
	    -s run.sh)
}

# The records of relative_sweep's runs from B, sorted.
relative_records() {
	printf '%s\n' "exp_a_1 $B/A/exp_a_1.json 1 unset" \
	    "exp_a_2 $B/A/exp_a_2.json 2 unset" \
	    "exp_b_3 $B/A/../cfg/exp_b_3.json 3 unset"
}

@test "slurm --relative: moved (to a name with a comma and an =, passed in the environment, not in --export); sbatch from elsewhere (scontrol names the script), and without scontrol --submit (SWEEP_DIR) or sbatch in its directory, each run every run from the new place" {
	relative_sweep
	A=$(realpath "x y'z/A")
	mv "x y'z" "B d'r,=2"
	B=$(realpath "B d'r,=2")
	mkdir elsewhere && cd elsewhere
	run grep -rF -e "$A" -e "x y'z" "$B/A/run.sh" "$B/A/run.sh.manifest"
	assert_failure 1
	submit "$B/A/run.sh"
	run sort ../records
	assert_output "$(relative_records)"
	run ls "$B/A/run.sh.logs"
	assert_output "$(printf 'exp_%s.%s\n' a_1 exit a_1 log a_1 run a_2 exit \
	    a_2 log a_2 run b_3 exit b_3 log b_3 run)
slurm-tasks"
	assert_equal "$(cat "$B/A/run.sh.logs/slurm-tasks")" ''
	run sweep-status "$B/A/run.sh"
	assert_success
	# without scontrol: --submit passes the directory
	mkdir bin && printf '#!/bin/sh\nexit 1\n' > bin/scontrol
	chmod +x bin/scontrol
	rm -r ../records "$B/A/run.sh.logs"
	PATH=$PWD/bin:$PATH run "$B/A/run.sh" --submit --wait
	assert_success
	run sort ../records
	assert_output "$(relative_records)"
	# or sbatch in the script's directory finds it at -s's place
	rm -r ../records "$B/A/run.sh.logs"
	(cd "$B/A" && PATH=$OLDPWD/bin:$PATH sbatch --wait run.sh)
	run sort ../records
	assert_output "$(relative_records)"
	# nor from elsewhere: the tasks fail, no run runs
	rm -r ../records "$B/A/run.sh.logs"
	PATH=$PWD/bin:$PATH run sbatch --wait "$B/A/run.sh"
	assert_failure
	[ ! -e ../records ] && [ ! -e "$B/A/run.sh.logs" ]
}
