#!/usr/bin/env bats
# sweep-script --launcher: the scripts of bash, parallel and slurm; the
# parallel ones run for real (the Slurm cluster is in slurm.bats).

load helper
load launch-helper

setup_file() {
	sh "$BATS_TEST_DIRNAME/install-deps" parallel
}

@test "parallel: the script, byte for byte" {
	runs 1 2 | sweep-script -q -o out -l parallel -j 2 --gpus 0,1 -s run.sh
	run cat run.sh
	assert_output '#!/bin/bash
# sweep: 2 runs with GNU parallel, 2 at a time,
# each on a GPU of its own from 0,1 (CUDA_VISIBLE_DEVICES).
# Each run logs to NAME.log in this script'\''s name + .logs/, with its start
# and end in NAME.run and NAME.exit. Start the script again to run only
# the runs that have not succeeded with the config they have now.
# GNU parallel'\''s job log is beside it (its name + .joblog).
self=$(realpath -e -- "${BASH_SOURCE[0]}" 2> /dev/null && echo /) || {
	echo "$0: start this script from its file, not a pipe: it runs itself for each run" >&2
	exit 2
}
self=${self%?/}
logs=$self.logs
mkdir -p -- "$logs" || exit 2
'"$SWEEP_RUN"'
# sweep_summary: how many runs succeeded and failed, then the failed ones
# with their logs.
sweep_summary() {
	local n=0 ok=0 i s name failed=()
	while IFS= read -r -d '\'''\'' i && IFS= read -r -d '\'''\'' s &&
	    IFS= read -r -d '\'''\'' name; do
		n=$((n + 1))
		if [ "$s" = 0 ]; then
			ok=$((ok + 1))
		else
			failed[i]=$name
		fi
	done < "$SWEEP_RESULTS"
	echo "sweep: $n run$([ "$n" = 1 ] || echo s): $ok done, ${#failed[@]} failed"
	for name in "${failed[@]}"; do
		echo "$name: $logs/$name.log"
	done
	[ "${#failed[@]}" -eq 0 ]
}
if [ "$1" != --run ]; then
	SWEEP_RESULTS=$(mktemp) || exit 2
	trap '\''rm -f -- "$SWEEP_RESULTS"'\'' EXIT
	export SWEEP_RESULTS
	seq 0 1 | SWEEP_SCRIPT=$self parallel --jobs 2 --line-buffer \
	    --joblog "$self.joblog" '\''bash "$SWEEP_SCRIPT" --run {} {%}'\''
	status=$?
	sweep_summary
	exit "$status"
fi
gpus=(0 1)
export CUDA_VISIBLE_DEVICES=${gpus[${PARALLEL_JOBSLOT:-$3} - 1]}
index=$2
case $2 in
0)
	sweep_run exp_a_1 '"$(hash_of exp_a_1 run.sh.manifest)"' '\''python train.py --config '"$PWD"'/out/exp_a_1.json'\''
	;;
1)
	sweep_run exp_a_2 '"$(hash_of exp_a_2 run.sh.manifest)"' '\''python train.py --config '"$PWD"'/out/exp_a_2.json'\''
	;;
*)
	echo "$0: no run $2: start this script without arguments" >&2
	exit 2
	;;
esac'
}

@test "parallel: --gpus alone runs one job a GPU; without it, CUDA_VISIBLE_DEVICES is left alone" {
	runs 1 | sweep-script -q -o out -l parallel --gpus 0,1,2 > gpus.sh
	run grep -c -e '--jobs 3 ' -e '^gpus=(0 1 2)$' gpus.sh
	assert_output 2
	runs 1 | sweep-script -q -f -o out -l parallel -j 3 > jobs.sh
	run grep -c -e 'gpus' -e 'CUDA' jobs.sh
	assert_output 0
	assert_equal "$(sed -n 2p jobs.sh)" '# sweep: 1 run with GNU parallel, 3 at a time.'
	runs 1 | sweep-script -q -f -o out -l parallel > cores.sh
	assert_equal "$(sed -n 2p cores.sh)" '# sweep: 1 run with GNU parallel, as many at a time as there are CPU cores.'
	run grep -c -e '--jobs' cores.sh
	assert_output 0
}

@test "parallel: a job's GPU is its slot's, from PARALLEL_JOBSLOT or else {%}" {
	runs 1 | sweep-script -q -o out -l parallel --gpus 4,5,6 \
	    -c 'echo {index} "$CUDA_VISIBLE_DEVICES"' -s run.sh
	run env -u PARALLEL_JOBSLOT bash run.sh --run 0 2
	assert_success
	assert_output ''
	assert_equal "$(cat run.sh.logs/exp_a_1.log)" '0 5'
	# its exit mark removed, it runs again
	rm run.sh.logs/exp_a_1.exit
	run env PARALLEL_JOBSLOT=3 bash run.sh --run 0 2
	assert_equal "$(cat run.sh.logs/exp_a_1.log)" '0 6'
}

@test "parallel -j 2 --gpus 0,1: every run once, on one GPU, never two at once on a GPU" {
	make_job 0.3
	runs 1 2 3 4 5 6 | sweep-script -q -o out -l parallel -j 2 --gpus 0,1 \
	    -c "sh $PWD/job {name}" -s run.sh
	run ./run.sh
	assert_success
	assert_output 'sweep: 6 runs: 6 done, 0 failed'
	show_records 'parallel -j 2 --gpus 0,1, 6 runs of 0.3 s:'
	run recorded
	assert_output "$(printf 'exp_a_%s\n' 1 2 3 4 5 6)"
	run cut -d ' ' -f 2 records
	refute_line --regexp '^[^01]|^.+,'
	run gpu_overlaps
	assert_output ''
	[ "$(most_at_once)" -le 2 ]
}

@test "the overlap check finds two runs at once on one GPU" {
	printf '%s\n' 'a 0 1.0 2.0' 'b 1 1.5 2.5' 'c 0 2.0 3.0' 'd 1 2.4 3.0' > records
	run gpu_overlaps
	assert_output 'b and d on GPU 1'
	assert_equal "$(most_at_once)" 3
}

@test "parallel: a failed run fails the script, the others still run; started again, it retries only the failed ones, from any directory" {
	make_job 0.1
	mkdir sweep elsewhere
	runs 1 2 3 4 | sweep-script -q -o sweep -l parallel -j 2 \
	    -c "sh $PWD/job {name}" -s sweep/run.sh
	touch fail-exp_a_2 fail-exp_a_4
	run bash -c 'cd elsewhere && bash ../sweep/run.sh'
	assert_failure 2
	assert_output "sweep: 4 runs: 2 done, 2 failed
exp_a_2: $PWD/sweep/run.sh.logs/exp_a_2.log
exp_a_4: $PWD/sweep/run.sh.logs/exp_a_4.log"
	run recorded
	assert_output "$(printf 'exp_a_%s\n' 1 2 3 4)"
	rm fail-exp_a_2 records
	run bash -c "cd / && '$PWD/sweep/run.sh'"
	assert_failure 1
	assert_output "sweep: 4 runs: 3 done, 1 failed
exp_a_4: $PWD/sweep/run.sh.logs/exp_a_4.log"
	run recorded
	assert_output "$(printf 'exp_a_%s\n' 2 4)"
	rm fail-exp_a_4 records
	run sweep/run.sh
	assert_success
	assert_output 'sweep: 4 runs: 4 done, 0 failed'
	run recorded
	assert_output exp_a_4
	rm records
	run sweep/run.sh
	assert_success
	[ ! -e records ]
	run listing elsewhere
	assert_output ''
	# the job log is the last start's: every run, each skipped or succeeded
	# (its rows in the order the runs ended: sorted here)
	run bash -c 'sed -n 1p sweep/run.sh.joblog | cut -f 1,7; sed 1d sweep/run.sh.joblog | cut -f 1,7 | sort -n'
	assert_output "$(printf '%s\t%s\n' Seq Exitval 1 0 2 0 3 0 4 0)"
}

@test "parallel: from a pipe, the script says to start it from its file" {
	# written whole first: bash, done at its first lines, would close the
	# pipe on sweep-script still writing the rest
	sweep-add -b "$FIX/small.json" -k a -n a 1 | sweep-script -q -o out -l parallel > script
	run --separate-stderr bash -c "cat script | bash"
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" 'bash: start this script from its file, not a pipe: it runs itself for each run'
}

@test "quoting: names and commands with spaces, quotes, \$ and backticks run unchanged under bash" {
	tricky_runs | sweep-script -q -o out -c "$TRICKY_COMMAND" -s run.sh
	run ./run.sh
	assert_success
	assert_output "$TRICKY_OUTPUT"
	[ ! -e pwned ]
}

@test "quoting: names and commands with spaces, quotes, \$ and backticks run unchanged under parallel" {
	tricky_runs | sweep-script -q -o out -l parallel --gpus 0,1 \
	    -c "$TRICKY_COMMAND" -s run.sh
	run --separate-stderr ./run.sh
	assert_success
	assert_equal "$stderr" ''
	assert_output 'sweep: 6 runs: 6 done, 0 failed'
	run bash -c 'jq -r .name run.sh.manifest | while IFS= read -r name; do cat "run.sh.logs/$name.log"; done'
	assert_output "$TRICKY_OUTPUT"
	[ ! -e pwned ]
}

@test "slurm: the script, byte for byte, logs beside it by run name, --sbatch lines in order" {
	mkdir 'a b%"c'
	runs 1 2 3 | sweep-script -q -o out -l slurm -j 2 \
	    --sbatch=--partition=gpu --sbatch '--time 10' --sbatch='-J sweep' \
	    -s 'a b%"c/run.sh'
	run cat 'a b%"c/run.sh'
	assert_output '#!/bin/bash
#SBATCH --array=0-2%2
#SBATCH --output=/dev/null
#SBATCH --partition=gpu
#SBATCH --time 10
#SBATCH -J sweep
# sweep: 3 runs as a Slurm job array: submit it with sbatch.
# Task I runs the I-th command below, from 0 (from $SWEEP_OFFSET if set).
# Each run logs to NAME.log in this script'\''s name + .logs/, with its start
# and end in NAME.run and NAME.exit. Start the script again to run only
# the runs that have not succeeded with the config they have now.
# ./SCRIPT --submit [SBATCH_OPTION...] submits it in as many parts as the
# cluster'\''s MaxArraySize asks.
if [ "$1" = --submit ]; then
	shift
	self=$(realpath -e -- "${BASH_SOURCE[0]}" && echo /) || exit 2
	self=${self%?/}
	max=$(scontrol show config 2> /dev/null |
	    sed -n '\''s/^MaxArraySize *= *\([0-9][0-9]*\).*/\1/p'\'')
	max=${max:-1001}
	for ((first = 0; first < 3; first += max)); do
		last=$((first + max < 3 ? max - 1 : 3 - 1 - first))
		sbatch --array=0-$last%2 --export=ALL,SWEEP_OFFSET=$first "$@" "$self" || {
			echo "$0: sbatch refused the runs from $first on: submit them with sbatch --array=0-$last%2 --export=ALL,SWEEP_OFFSET=$first and the parts after" >&2
			exit 1
		}
	done
	exit
fi
logs='\'''"$PWD"'/a b%"c/run.sh'\''.logs
mkdir -p -- "$logs" || exit 2
# A task'\''s own messages (its run logs to NAME.log) go to slurm-tasks there.
[ -z "$SLURM_ARRAY_TASK_ID" ] || exec >> "$logs/slurm-tasks" 2>&1
offset=${SWEEP_OFFSET:-0}
if [[ $offset == *[!0-9]* ]]; then
	echo "$0: SWEEP_OFFSET=$offset is not a run number: give the first run of this part" >&2
	exit 2
fi
'"$SWEEP_RUN"'
case ${SLURM_ARRAY_TASK_ID:+$((SLURM_ARRAY_TASK_ID + 10#$offset))} in
0)
	sweep_run exp_a_1 '"$(hash_of exp_a_1 'a b%"c/run.sh.manifest')"' '\''python train.py --config '"$PWD"'/out/exp_a_1.json'\''
	;;
1)
	sweep_run exp_a_2 '"$(hash_of exp_a_2 'a b%"c/run.sh.manifest')"' '\''python train.py --config '"$PWD"'/out/exp_a_2.json'\''
	;;
2)
	sweep_run exp_a_3 '"$(hash_of exp_a_3 'a b%"c/run.sh.manifest')"' '\''python train.py --config '"$PWD"'/out/exp_a_3.json'\''
	;;
*)
	echo "$0: no run for array task ${SLURM_ARRAY_TASK_ID:-(none)}${SWEEP_OFFSET:+ from run $SWEEP_OFFSET}: submit this script with sbatch" >&2
	exit 2
	;;
esac'
}

@test "slurm: without -j no throttle; on stdout, logs in sweep.logs where it is submitted" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-script -q -o out -l slurm"
	assert_success
	assert_line --index 1 '#SBATCH --array=0-0'
	assert_line --index 2 '#SBATCH --output=/dev/null'
	assert_line --index 3 '# sweep: 1 run as a Slurm job array: submit it with sbatch.'
	assert_line 'logs=${SLURM_SUBMIT_DIR:-$PWD}/sweep.logs'
}

@test "slurm: outside Slurm, the script says to submit it" {
	runs 1 | sweep-script -q -o out -l slurm -s run.sh
	run --separate-stderr ./run.sh
	assert_failure 2
	assert_equal "$stderr" './run.sh: no run for array task (none): submit this script with sbatch'
}

@test "slurm: more runs than Slurm's default array size: the parts to submit, each from its run" {
	mkdir "it's"
	sweep-add -b "$FIX/small.json" -k a -n a --range=0:2001 |
	    sweep-script -q -o out -l slurm -j 3 -s "it's/run.sh"
	run sed -n '2p;5p;9,14p' "it's/run.sh"
	assert_output '#SBATCH --array=0-2000%3
# Task I runs the I-th command below, from 0 (from $SWEEP_OFFSET if set).
# Slurm'"'"'s default MaxArraySize is 1001: where sbatch refuses the array,
# submit it in parts, each from its first run:
#   sbatch --array=0-999%3 '"'$PWD/it'\\''s/run.sh'"'
#   sbatch --array=0-999%3 --export=ALL,SWEEP_OFFSET=1000 '"'$PWD/it'\\''s/run.sh'"'
#   sbatch --array=0-0%3 --export=ALL,SWEEP_OFFSET=2000 '"'$PWD/it'\\''s/run.sh'"'
# ./SCRIPT --submit [SBATCH_OPTION...] submits it in as many parts as the'
	mkdir tools
	printf '#!/bin/sh\necho "$@"\n' > tools/python
	chmod +x tools/python
	run env PATH="$PWD/tools:$PATH" SLURM_ARRAY_TASK_ID=999 SWEEP_OFFSET=1000 "it's/run.sh"
	assert_success
	assert_output ''
	assert_equal "$(cat "it's/run.sh.logs/exp_a_1999.log")" "train.py --config $PWD/out/exp_a_1999.json"
	run env PATH="$PWD/tools:$PATH" SLURM_ARRAY_TASK_ID=0 SWEEP_OFFSET=2000 "it's/run.sh"
	assert_equal "$(cat "it's/run.sh.logs/exp_a_2000.log")" "train.py --config $PWD/out/exp_a_2000.json"
	run ls "it's/run.sh.logs"
	assert_output "$(printf 'exp_a_%s.%s\n' 1999 exit 1999 log 1999 run 2000 exit 2000 log 2000 run; echo slurm-tasks)"
	# a task's own messages, where Slurm's output file (/dev/null) would lose them
	run --separate-stderr env SLURM_ARRAY_TASK_ID=1 SWEEP_OFFSET=2000 "it's/run.sh"
	assert_failure 2
	assert_equal "$stderr" ''
	run --separate-stderr env SLURM_ARRAY_TASK_ID=1 SWEEP_OFFSET=1e3 "it's/run.sh"
	assert_failure 2
	assert_equal "$stderr" ''
	run cat "it's/run.sh.logs/slurm-tasks"
	assert_output "it's/run.sh: no run for array task 1 from run 2000: submit this script with sbatch
it's/run.sh: SWEEP_OFFSET=1e3 is not a run number: give the first run of this part"
}

@test "slurm: up to Slurm's default array size, no parts" {
	sweep-add -b "$FIX/small.json" -k a -n a --range=0:1001 |
	    sweep-script -q -o out -l slurm -s run.sh
	run grep -c '^# ' run.sh
	assert_output 13
	run sed -n 2p run.sh
	assert_output '#SBATCH --array=0-1000'
}

# misfit MESSAGE OPTION...: sweep-script refuses the OPTIONs as a usage
# error (64), with MESSAGE as its first line, before reading anything.
misfit() {
	local message=$1
	shift
	run --separate-stderr sweep-script "$@" < /dev/null
	assert_failure 64
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" "sweep-script: $message"
}

@test "options that do not fit the launcher are usage errors" {
	misfit '-j is for -l parallel or -l slurm: the bash launcher runs one command after another' -j 2
	misfit '--gpus is for -l parallel: add -l parallel' --gpus 0
	misfit '--gpus is for -l parallel: ask Slurm for a GPU a task with --sbatch=--gres=gpu:1' -l slurm --gpus 0
	misfit '--sbatch is for -l slurm: add -l slurm' -l parallel --sbatch=-p
	misfit '--sbatch is for -l slurm: add -l slurm' --sbatch=-p
	misfit 'unknown launcher pbs: use bash, parallel or slurm' -l pbs
	misfit 'jobs 0 is not a positive integer: give -j 4, say' -l parallel -j 0
}

@test "--gpus: distinct ids, no more jobs than GPUs" {
	misfit '-j 3 with 2 GPUs (--gpus 0,1) would put more than 1 run on one GPU: give -j 2 or less, or more GPUs' -l parallel --gpus 0,1 -j 3
	misfit '-j 5 with 2 GPUs (--gpus 0,1) would put more than 2 runs on one GPU: give -j 4 or less, or more GPUs' -l parallel --gpus 0,1 --per-gpu 2 -j 5
	misfit '--per-gpu is for --gpus: add --gpus=all or --gpus=LIST' -l parallel --per-gpu 2
	misfit '--per-gpu 0 is not a positive integer: give --per-gpu 4, say' -l parallel --gpus all --per-gpu 0
	misfit '--gpus is for -l parallel: add -l parallel' --gpus all
	misfit '--gpus 0,1,0 lists GPU 0 twice: every running job gets a GPU of its own' -l parallel --gpus 0,1,0
	misfit '--gpus 0,,1 has an empty GPU id: give ids separated by commas, like 0,1,2,3' -l parallel --gpus 0,,1
	misfit '--gpus 0, has an empty GPU id: give ids separated by commas, like 0,1,2,3' -l parallel --gpus 0,
	misfit '--gpus 0;rm: the GPU id 0;rm holds more than letters, digits, -, _, : and /: give ids like 0,1,2,3' -l parallel --gpus '0;rm'
	runs 1 | sweep-script -q -o out -l parallel -j 1 --gpus GPU-8f2a-11,MIG-3:0/1 > run.sh
	run grep '^gpus=' run.sh
	assert_output 'gpus=(GPU-8f2a-11 MIG-3:0/1)'
}

@test "--sbatch: one sbatch option a line, the array left to sweep" {
	misfit '--sbatch takes one sbatch option, without line breaks: give --sbatch once for each' -l slurm --sbatch=$'-p gpu\necho hi'
	misfit '--sbatch partition=gpu is not an sbatch option: give one like --sbatch=--partition=gpu' -l slurm --sbatch=partition=gpu
	misfit '--sbatch --array=0-9: sweep writes the job array: throttle it with -j N' -l slurm --sbatch=--array=0-9
	misfit '--sbatch -a 0-9: sweep writes the job array: throttle it with -j N' -l slurm --sbatch='-a 0-9'
}

# fake_smi [ID...]: tools/nvidia-smi lists GPUs ID... as nvidia-smi -L
# does; with none, it fails as nvidia-smi does without a driver.
fake_smi() {
	mkdir -p tools
	{
		echo '#!/bin/sh'
		[ "$#" -gt 0 ] || echo 'echo "NVIDIA-SMI has failed" >&2; exit 9'
		for id; do
			echo "echo 'GPU $id: NVIDIA A100 (UUID: GPU-$id)'"
		done
	} > tools/nvidia-smi
	chmod +x tools/nvidia-smi
}

@test "parallel --gpus=all: the GPUs of CUDA_VISIBLE_DEVICES, else of nvidia-smi -L, found when it starts; --per-gpu=K shares one among K slots" {
	runs 1 2 3 4 5 | sweep-script -q -o out -l parallel --gpus=all --per-gpu=2 \
	    -c 'echo {index} "$CUDA_VISIBLE_DEVICES"' -s run.sh
	assert_equal "$(sed -n 2,4p run.sh)" '# sweep: 5 runs with GNU parallel, 2 a GPU at a time,
# 2 runs sharing a GPU, from those that CUDA_VISIBLE_DEVICES,
# else nvidia-smi -L, shows when it starts (CUDA_VISIBLE_DEVICES).'
	fake_smi 0 1 2
	run env PATH="$PWD/tools:$PATH" CUDA_VISIBLE_DEVICES=GPU-7,MIG-3:0/1 ./run.sh
	assert_success
	assert_output 'sweep: 5 runs: 5 done, 0 failed'
	run bash -c 'cat run.sh.logs/*.log | cut -d " " -f 2 | sort -u'
	assert_output $'GPU-7\nMIG-3:0/1'
	rm -r run.sh.logs
	run env -u CUDA_VISIBLE_DEVICES PATH="$PWD/tools:$PATH" ./run.sh
	assert_success
	run bash -c 'cat run.sh.logs/*.log | cut -d " " -f 2 | sort -u | tr "\n" " "'
	assert_output --regexp '^([012] ){1,3}$'
	# slots 1 and 2 share the first GPU, 3 and 4 the second
	rm run.sh.logs/exp_a_2.exit
	run env -u PARALLEL_JOBSLOT SWEEP_GPUS='4 6' bash run.sh --run 1 2
	assert_equal "$(cat run.sh.logs/exp_a_2.log)" '1 4'
	rm run.sh.logs/exp_a_2.exit
	run env -u PARALLEL_JOBSLOT SWEEP_GPUS='4 6' bash run.sh --run 1 3
	assert_equal "$(cat run.sh.logs/exp_a_2.log)" '1 6'
}

@test "parallel --gpus=all: no GPU found, or -j more than the GPUs take: refused when it starts, nothing run" {
	runs 1 2 | sweep-script -q -o out -l parallel --gpus=all -c 'touch ran-{name}' -s run.sh
	fake_smi
	run --separate-stderr env -u CUDA_VISIBLE_DEVICES PATH="$PWD/tools:$PATH" ./run.sh
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" './run.sh: no GPU: neither CUDA_VISIBLE_DEVICES nor nvidia-smi -L shows one: make the script with --gpus=LIST, or without --gpus'
	run --separate-stderr env CUDA_VISIBLE_DEVICES= PATH="$PWD/tools:$PATH" ./run.sh
	assert_failure 2
	assert_equal "$stderr" './run.sh: no GPU: neither CUDA_VISIBLE_DEVICES nor nvidia-smi -L shows one: make the script with --gpus=LIST, or without --gpus'
	runs 1 2 | sweep-script -q -f -o out -l parallel --gpus=all -j 3 -c 'touch ran-{name}' -s run.sh
	run --separate-stderr env CUDA_VISIBLE_DEVICES=0,1 ./run.sh
	assert_failure 2
	assert_equal "$stderr" './run.sh: -j 3 with 2 GPUs would put more than 1 run on one GPU: make the script with -j 2 or less'
	run ls
	refute_output --partial ran-
	run env CUDA_VISIBLE_DEVICES=0,1,2 ./run.sh
	assert_success
	[ -e ran-exp_a_1 ] && [ -e ran-exp_a_2 ]
}

@test "slurm: ./SCRIPT --submit sbatches it in parts of the cluster's MaxArraySize, each from its run, with the options given" {
	runs $(seq 1 10) | sweep-script -q -o out -l slurm -j 2 -s run.sh
	mkdir tools
	printf '#!/bin/sh\nprintf "AccountingStorageType   = none\\nMaxArraySize            = 4\\n"\n' > tools/scontrol
	printf '#!/bin/sh\necho "$*" >> "%s/calls"\n[ ! -e "%s/refuse-$2" ] || exit 1\necho Submitted batch job 7\n' "$PWD" "$PWD" > tools/sbatch
	chmod +x tools/scontrol tools/sbatch
	run env PATH="$PWD/tools:$PATH" ./run.sh --submit -p gpu
	assert_success
	assert_output $'Submitted batch job 7\nSubmitted batch job 7\nSubmitted batch job 7'
	run cat calls
	assert_output "--array=0-3%2 --export=ALL,SWEEP_OFFSET=0 -p gpu $PWD/run.sh
--array=0-3%2 --export=ALL,SWEEP_OFFSET=4 -p gpu $PWD/run.sh
--array=0-1%2 --export=ALL,SWEEP_OFFSET=8 -p gpu $PWD/run.sh"
	# a part refused: the rest is not submitted, and it says how
	rm calls
	touch refuse---export=ALL,SWEEP_OFFSET=4
	run --separate-stderr env PATH="$PWD/tools:$PATH" ./run.sh --submit
	assert_failure 1
	assert_equal "$stderr" './run.sh: sbatch refused the runs from 4 on: submit them with sbatch --array=0-3%2 --export=ALL,SWEEP_OFFSET=4 and the parts after'
	assert_equal "$(wc -l < calls)" 2
	# no scontrol: Slurm's default MaxArraySize, 1001
	rm calls refuse-* tools/scontrol
	run env PATH="$PWD/tools:$PATH" ./run.sh --submit
	assert_success
	run cat calls
	assert_output "--array=0-9%2 --export=ALL,SWEEP_OFFSET=0 $PWD/run.sh"
}
