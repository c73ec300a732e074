#!/usr/bin/env bats
# sweep-script -s FILE: the manifest FILE.manifest beside the script, one
# JSON line a run, written with the script, all or nothing.

load helper

# fnv FILE: the FNV-1a 64 hash of FILE's bytes, 16 hex digits.
fnv() {
	python3 -c 'import sys
h = 0xcbf29ce484222325
for c in open(sys.argv[1], "rb").read():
    h = ((h ^ c) * 0x100000001b3) % 2**64
print("%016x" % h)' "$1"
}

@test "a line a run: name, index, config as the script has it, hash of the config, params by -n name or key" {
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 | sweep-add -k b.d -- x y |
	    sweep-add -k .l[0] -n '' 5 | sweep-add -k o.p --hide-name 7 |
	    sweep-expand | sweep-name | sweep-script -q -o out -s run.sh
	local c=$PWD/out
	run cat run.sh.manifest
	assert_output "{\"name\":\"exp_a_1_d_x\",\"index\":0,\"config\":\"$c/exp_a_1_d_x.json\",\"hash\":\"$(fnv out/exp_a_1_d_x.json)\",\"params\":{\"a\":1,\"d\":\"x\",\".l[0]\":5,\"o.p\":7}}
{\"name\":\"exp_a_1_d_y\",\"index\":1,\"config\":\"$c/exp_a_1_d_y.json\",\"hash\":\"$(fnv out/exp_a_1_d_y.json)\",\"params\":{\"a\":1,\"d\":\"y\",\".l[0]\":5,\"o.p\":7}}
{\"name\":\"exp_a_2_d_x\",\"index\":2,\"config\":\"$c/exp_a_2_d_x.json\",\"hash\":\"$(fnv out/exp_a_2_d_x.json)\",\"params\":{\"a\":2,\"d\":\"x\",\".l[0]\":5,\"o.p\":7}}
{\"name\":\"exp_a_2_d_y\",\"index\":3,\"config\":\"$c/exp_a_2_d_y.json\",\"hash\":\"$(fnv out/exp_a_2_d_y.json)\",\"params\":{\"a\":2,\"d\":\"y\",\".l[0]\":5,\"o.p\":7}}"
	run jq -r .config run.sh.manifest
	assert_output "$(sed -n 's/^python train.py --config //p' run.sh)"
}

@test "the same manifest from a spec, from runs, and from runs in another order of keys" {
	sweep-add -b "$FIX/small.json" -k a -n a 1 2 | sweep-add -k l -n l '[1,2]' '[]' > spec
	sweep-script -q -o out -s spec.sh < spec
	sweep-expand < spec | sweep-name | sweep-script -q -f -o out -s runs.sh
	sweep-expand < spec | sweep-name | jq -c '{config, run}' |
	    sweep-script -q -f -o out -s jq.sh
	cmp spec.sh.manifest runs.sh.manifest
	cmp spec.sh.manifest jq.sh.manifest
	run jq -c .params spec.sh.manifest
	assert_output '{"a":1,"l":[1,2]}
{"a":1,"l":[]}
{"a":2,"l":[1,2]}
{"a":2,"l":[]}'
}

@test "a config changed only at one run changes only that run's hash" {
	runs 1 2 | sweep-script -q -o out -s run.sh
	cp run.sh.manifest before
	runs 1 2 | jq -c 'if .run.name == "exp_a_2" then .config.b.d = "z" else . end' |
	    sweep-script -q -f -o out -s run.sh
	run diff <(jq -r .hash before) <(jq -r .hash run.sh.manifest)
	assert_line --index 0 2c2
	assert_equal "${#lines[@]}" 4
}

@test "no manifest without -s, and nothing at all with --dry-run" {
	runs 1 | sweep-script -q -o out > script
	run listing .
	assert_output $'./out\n./out/exp_a_1.json\n./script'
	runs 1 | sweep-script -q -o dry -s dry.sh --dry-run > printed
	run listing .
	assert_output $'./out\n./out/exp_a_1.json\n./printed\n./script'
}

@test "an existing manifest is replaced only with -f, as the script is" {
	echo old > run.sh.manifest
	run -1 sweep-script -q -o out -s run.sh < <(runs 1)
	assert_output "sweep-script: run.sh.manifest exists: use -f to overwrite it"
	run listing .
	assert_output ./run.sh.manifest
	runs 1 | sweep-script -q -f -o out -s run.sh
	run jq -r .name run.sh.manifest
	assert_output exp_a_1
	runs 2 | sweep-script -q -f -o out -s run.sh
	run jq -r .name run.sh.manifest
	assert_output exp_a_2
	[ "$(stat -c %a run.sh.manifest)" = 644 ]
}

@test "on an error nothing is written and an old manifest stays as it was" {
	runs 1 | sweep-script -q -o out -s run.sh
	echo old > run.sh.manifest
	run -1 sweep-script -q -o out -s run.sh < <(runs 1)
	assert_output "sweep-script: script run.sh exists: use -f to overwrite it"
	run cat run.sh.manifest
	assert_output old
	run -1 sweep-script -q -f -o out -s run.sh < <(runs 3 3)
	run cat run.sh.manifest
	assert_output old
	run listing .
	assert_output $'./out\n./out/exp_a_1.json\n./run.sh\n./run.sh.manifest'
}

@test "the script failing to go into place puts the old manifest back, or removes the new one" {
	cc -shared -fPIC -O1 -o fault.so "$BATS_TEST_DIRNAME/fault.c" -ldl
	echo old > run.sh.manifest
	echo old > run.sh
	run -1 env LD_PRELOAD=$PWD/fault.so FAULT_CALL=rename FAULT_AT=1 \
	    FAULT_DO=EROFS sweep-script -q -f -o out -s run.sh < <(runs 1)
	assert_output "sweep-script: cannot write script run.sh: Read-only file system: choose another place with -s"
	run listing .
	assert_output $'./fault.so\n./run.sh\n./run.sh.manifest'
	assert_equal "$(cat run.sh run.sh.manifest)" $'old\nold'
	rm run.sh run.sh.manifest
	run -1 env LD_PRELOAD=$PWD/fault.so FAULT_CALL=rename FAULT_AT=1 \
	    FAULT_DO=EROFS sweep-script -q -f -o out -s run.sh < <(runs 1)
	run listing .
	assert_output ./fault.so
}
