#!/usr/bin/env bats
# sweep-script: write the configs and the launch script.

load helper

@test "configs: 4-space indent, key order kept, newline at the end" {
	mkdir out
	runs 1 2 | sweep-script -q -o out > script
	run cat out/exp_a_1.json
	assert_output '{
    "experiment": {
        "name": "exp_a_1"
    },
    "a": 1,
    "b": {
        "c": true,
        "d": "x"
    },
    "l": [
        1,
        2
    ],
    "layers": [
        {
            "dim": 1
        },
        {
            "dim": 2
        }
    ],
    "n": null,
    "o": {
        "p": 1,
        "odd.key": 2
    },
    "meta": {
        "hp_base_config_file": "'"$FIX"'/small.json",
        "hp_keys": [
            "a"
        ],
        "hp_values": [
            1
        ]
    }
}'
	[ "$(tail -c 1 out/exp_a_1.json | od -An -c | tr -d ' ')" = '\n' ]
}

@test "the script: #!/bin/bash, an empty line, one command a run in order" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 3 1 2 | sweep-expand | sweep-name | sweep-script -o out"
	assert_success
	assert_output "#!/bin/bash

python train.py --config $PWD/out/exp_a_3.json
python train.py --config $PWD/out/exp_a_1.json
python train.py --config $PWD/out/exp_a_2.json"
	assert_equal "$stderr" "sweep-script: wrote 3 configs to $PWD/out"
	run listing out
	assert_output $'./exp_a_1.json\n./exp_a_2.json\n./exp_a_3.json'
}

@test "a path that is not UTF-8 (-o, -s, the base's directory, the current one) is refused, where the configs went to a U+FFFD twin" {
	local tail='the path is not UTF-8, and sweep writes it into JSON, which would name another file: rename it to UTF-8, or choose another'
	# a base from stdin: its configs go to the current directory
	sweep-add -b - -k a -n a 2 < "$FIX/small.json" | sweep-expand | sweep-name > runs
	run --separate-stderr sweep-script -o $'out\xe9' < runs
	assert_equal "$status $output" '1 '
	assert_equal "$stderr" "sweep-script: $PWD/out\\xe9: $tail"
	run --separate-stderr sweep-script -o out -s $'run\xe9.sh' < runs
	assert_equal "$status $stderr" "1 sweep-script: $PWD/run\\xe9.sh: $tail"
	run --separate-stderr sweep-add -b "$FIX/small.json" -k a -o $'out\xe9' 1
	assert_equal "$status $stderr" "1 sweep-add: $PWD/out\\xe9: $tail"
	mkdir $'d\xe9'
	cp "$FIX/small.json" $'d\xe9/base.json'
	run --separate-stderr sweep-add -b $'d\xe9/base.json' -k a -n a 1
	assert_equal "$status $stderr" "1 sweep-add: d\\xe9/base.json: $tail"
	cp "$FIX/small.json" $'base\xe9.json'
	run --separate-stderr sweep-add -b $'base\xe9.json' -k a -n a 1
	assert_equal "$status $stderr" "1 sweep-add: base\\xe9.json: $tail"
	rm $'base\xe9.json'
	cd $'d\xe9'
	run --separate-stderr sweep-script < ../runs
	assert_equal "$status $stderr" "1 sweep-script: ${PWD%/*}/d\\xe9: $tail"
	# there, a path that is UTF-8 works
	run --separate-stderr sweep-script -q -o ../out < ../runs
	assert_success
	cd ..
	assert_equal "$(ls | LC_ALL=C sort | tr '\n' ' ')" "d"$'\xe9'" out runs "
	assert_equal "$(ls out)" 'exp_a_2.json'
}

@test "-s writes the script with mode 0755, replacing it with -f" {
	echo old > run.sh
	chmod 600 run.sh
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name | sweep-script -f -o out -s run.sh"
	assert_success
	assert_output ''
	assert_equal "$stderr" "sweep-script: wrote 1 config to $PWD/out and the script to run.sh"
	assert_equal "$(stat -c %a run.sh)" 755
	run cat run.sh
	assert_output "#!/bin/bash

python train.py --config $PWD/out/exp_a_1.json"
}

@test "-s replaces an existing file only with -f, and never a config or the base of the sweep" {
	mkdir sub
	cp "$FIX/small.json" sub/base.json
	ln -s sub link
	echo code > train.py
	echo old > sub/exp_a_1.json
	sweep-add -b sub/base.json -k a -n a 1 2 > spec
	sweep-expand < spec | sweep-name > runs
	local input r refused=(
		"-s train.py:script train.py exists: use -f to overwrite it"
		"-s sub/base.json:script sub/base.json exists: use -f to overwrite it"
		"-f -s sub/base.json:script sub/base.json would replace the base config sub/base.json: choose another place with -s"
		"-f -s link/base.json:script link/base.json would replace the base config sub/base.json: choose another place with -s"
		"-f -s link/../sub/base.json:script link/../sub/base.json would replace the base config sub/base.json: choose another place with -s"
		"-f -s sub/exp_a_1.json:script sub/exp_a_1.json would replace the config of run exp_a_1: choose another place with -s"
		"-f -s sub/exp_a_2.json:script sub/exp_a_2.json would replace the config of run exp_a_2: choose another place with -s"
		"-f -s link/exp_a_2.json:script link/exp_a_2.json would replace the config of run exp_a_2: choose another place with -s"
		"-f --dry-run -s sub/exp_a_2.json:script sub/exp_a_2.json would replace the config of run exp_a_2: choose another place with -s"
		"-f -o out -s out/exp_a_2.json:script out/exp_a_2.json would replace the config of run exp_a_2: choose another place with -s"
	)
	for input in spec runs; do
		for r in "${refused[@]}"; do
			run --separate-stderr sweep-script -q ${r%%:*} < $input
			assert_equal "$input ${r%%:*}: $status $stderr" "$input ${r%%:*}: 1 sweep-script: ${r#*:}"
			assert_equal "$(cat train.py sub/exp_a_1.json)" $'code\nold'
			cmp sub/base.json "$FIX/small.json"
			run listing .
			assert_output $'./link\n./runs\n./spec\n./sub\n./sub/base.json\n./sub/exp_a_1.json\n./train.py'
		done
	done
	run --separate-stderr sweep-script -q -s run.sh < spec
	assert_equal "$status $stderr" "1 sweep-script: $PWD/sub/exp_a_1.json exists: use -f to overwrite it"
	sweep-script -q -f -s run.sh < spec
	[ -x run.sh ]
}

@test "-s naming a directory says so, with or without -f, instead of asking for -f" {
	mkdir logs
	ln -s logs linked
	runs 1 > runs
	local r refused=(
		"-s logs:script logs is a directory: give -s a file name, such as logs/run.sh"
		"-f -s logs/:script logs/ is a directory: give -s a file name, such as logs/run.sh"
		"--dry-run -s logs//:script logs// is a directory: give -s a file name, such as logs/run.sh"
		"-s /:script / is a directory: give -s a file name, such as /run.sh"
		"-s linked:script linked exists: use -f to overwrite it"
	)
	for r in "${refused[@]}"; do
		run --separate-stderr sweep-script -q -o out ${r%%:*} < runs
		assert_equal "${r%%:*}: $status $stderr" "${r%%:*}: 1 sweep-script: ${r#*:}"
		run listing .
		assert_output $'./linked\n./logs\n./runs'
	done
}

@test "a config never replaces its run's base config, even with -f, on both paths" {
	mkdir gen
	echo '{"lr": 5, "keep": "me"}' > gen/lr_1.json
	sweep-add -b gen/lr_1.json -k lr 1 2 > spec
	sweep-expand < spec | sweep-name > runs
	local input f
	for input in spec runs; do
		for f in "" -f --dry-run "-f -o gen" "-f -o ./gen/../gen"; do
			run --separate-stderr sweep-script -q $f < $input
			assert_equal "$input $f: $status $stderr" "$input $f: 1 sweep-script: the config of run lr_1 would replace its base config $PWD/gen/lr_1.json: write the configs elsewhere with -o"
			assert_output ''
			assert_equal "$(cat gen/lr_1.json)" '{"lr": 5, "keep": "me"}'
			run listing gen
			assert_output ./lr_1.json
		done
	done
	run --separate-stderr sweep-script -q -o out < runs
	assert_success
	assert_equal "$(jq -c . out/lr_1.json)" '{"lr":1,"keep":"me"}'
}

@test "-s takes a file name of 250 bytes, the most a run name may have" {
	local name=$(printf 'r%.0s' $(seq 1 250))
	runs 1 > runs
	run --separate-stderr sweep-script -q -o out -s "$name" < runs
	assert_success
	# no room for NAME.manifest: the sweep goes without one, and says so
	assert_equal "$stderr" "sweep-script: no manifest: $name.manifest would be a name over 255 bytes: give -s a name of at most 246 bytes for sweep-status and sweep-collect to read"
	run listing .
	assert_output $'./out\n./out/exp_a_1.json\n./'"$name"$'\n./runs'
	assert_equal "$(stat -c %a "$name")" 755
}

@test "a path through a symlinked directory and .. is the one the file system opens: -b, -o and -s" {
	mkdir -p real/deep
	cp "$FIX/small.json" real/base.json
	echo '{"a": "wrong"}' > base.json
	ln -s real/deep link
	sweep-add -b link/../base.json -k a -n a 1 > spec
	assert_equal "$(jq -r .sweep.base_dir spec)" "$PWD/real"
	sweep-script -q < spec > script
	run listing real
	assert_output $'./base.json\n./deep\n./exp_a_1.json'
	assert_equal "$(cat script)" $'#!/bin/bash\n\npython train.py --config '"$PWD/real/exp_a_1.json"
	sweep-script -q -o link/../out -s link/../run.sh < spec
	run listing real
	assert_output $'./base.json\n./deep\n./exp_a_1.json\n./out\n./out/exp_a_1.json\n./run.sh\n./run.sh.manifest'
	run cat real/run.sh
	assert_line --index 1 "python train.py --config $PWD/real/out/exp_a_1.json"
}

@test "the default output directory is the base file's" {
	mkdir -p sub
	cp "$FIX/small.json" sub/base.json
	sweep-add -b sub/base.json -k a -n a 1 2 | sweep-expand | sweep-name > runs
	mkdir elsewhere
	(cd elsewhere && sweep-script -q < ../runs > ../script)
	run listing sub
	assert_output $'./base.json\n./exp_a_1.json\n./exp_a_2.json'
	run cat script
	assert_line "python train.py --config $PWD/sub/exp_a_1.json"
}

@test "a base from stdin puts configs in the current directory" {
	mkdir here
	cd here
	run bash -c "sweep-add -b - -k a -n a 1 < '$FIX/small.json' | sweep-expand | sweep-name | sweep-script -q"
	assert_success
	assert_line "python train.py --config $PWD/exp_a_1.json"
	run jq .meta.hp_base_config_file exp_a_1.json
	assert_output null
}

@test "-o makes the directory, parents too" {
	runs 1 | sweep-script -q -o deep/er/out > /dev/null
	run listing deep
	assert_output $'./er\n./er/out\n./er/out/exp_a_1.json'
}

@test "-c: {config}, {name} and {index}, quoted only where needed" {
	run bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d -- plain 'two words' \"it's\" '\$(x)' | sweep-expand | sweep-name |
		sweep-script -q -o out -c 'train --cfg {config} --name {name} --seed {index} \${HOME}'"
	assert_success
	assert_output "#!/bin/bash

train --cfg $PWD/out/exp_d_plain.json --name exp_d_plain --seed 0 \${HOME}
train --cfg '$PWD/out/exp_d_two words.json' --name 'exp_d_two words' --seed 1 \${HOME}
train --cfg '$PWD/out/exp_d_it'\\''s.json' --name 'exp_d_it'\\''s' --seed 2 \${HOME}
train --cfg '$PWD/out/exp_d_\$(x).json' --name 'exp_d_\$(x)' --seed 3 \${HOME}"
	run ls out
	assert_line 'exp_d_$(x).json'
}

@test "the script's commands run as written, names inert" {
	run bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d -- 'a b' \"it's\" '\$(touch pwned)' '\`touch pwned\`' | sweep-expand | sweep-name |
		sweep-script -q -o out -c 'printf %s\\\\n {name}' | bash"
	assert_success
	assert_output 'exp_d_a b
exp_d_it'"'"'s
exp_d_$(touch pwned)
exp_d_`touch pwned`'
	[ ! -e pwned ]
}

@test "an unknown placeholder is refused" {
	run --separate-stderr sweep-script -c 'train {confg}' < /dev/null
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: unknown placeholder {confg} in the command: use {config}, {name}, {index}, {args} or {overrides}'
}

@test "a command that names no run is refused; \${config} is the shell's, not a run's" {
	run --separate-stderr sweep-script -c 'train' < /dev/null
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: the command train names no run: put {config}, {name}, {index}, {args} or {overrides} in it'
	run --separate-stderr sweep-script -c 'train ${config}' < /dev/null
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: the command train ${config} names no run: put {config}, {name}, {index}, {args} or {overrides} in it'
}

@test "--dry-run checks all, writes nothing, prints the script even with -s" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | sweep-expand | sweep-name | sweep-script --dry-run -o out -s run.sh"
	assert_success
	assert_output "#!/bin/bash

python train.py --config $PWD/out/exp_a_1.json
python train.py --config $PWD/out/exp_a_2.json"
	assert_equal "$stderr" "sweep-script: dry run: would write 2 configs to $PWD/out"
	run listing .
	assert_output ''
}

@test "--dry-run to a reader that has seen enough (| head) ends quietly; other write errors say so, never that configs were removed" {
	sweep-add -b "$FIX/small.json" -k a -n a $(seq 1 3000) > spec
	run --separate-stderr bash -o pipefail -c 'sweep-script --dry-run -q < spec | head -1'
	assert_success
	assert_output '#!/bin/bash'
	assert_equal "$stderr" ''
	run --separate-stderr bash -c 'sweep-script --dry-run -q < spec > /dev/full'
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: cannot write the script to stdout: No space left on device: check the disk and the reader'
	run listing .
	assert_output ./spec
}

@test "--dry-run still refuses an existing file" {
	mkdir out
	echo keep > out/exp_a_2.json
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 2 | sweep-expand | sweep-name | sweep-script --dry-run -o out"
	assert_failure 1
	assert_equal "$stderr" "sweep-script: $PWD/out/exp_a_2.json exists: use -f to overwrite it"
	assert_output ''
}

@test "-f replaces existing configs" {
	mkdir out
	echo old > out/exp_a_1.json
	runs 1 2 | sweep-script -q -f -o out > /dev/null
	run jq .a out/exp_a_1.json
	assert_output 1
	run listing out
	assert_output $'./exp_a_1.json\n./exp_a_2.json'
}

@test "-q silences the report" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name | sweep-script -q -o out"
	assert_success
	assert_equal "$stderr" ''
}

@test "the fast path: a spec straight from sweep-add writes the same bytes" {
	for f in "$FIX"/robomimic/*.json "$FIX/seed/base.json"; do
		local t=$(basename "$f" .json)
		sweep-add -b "$f" -k train.seed -n seed 1 2 3 |
		sweep-add -k experiment.name -n '' -- "$t" |
		sweep-add -k train.batch_size -n bs -N small,big 16 32 |
		sweep-add -k train.num_epochs -n ep --hide-name 7 > spec
		sweep-expand < spec | sweep-name --wandb-project p | sweep-script -q -o "full/$t" > "full-$t.sh"
		sweep-script -q --wandb-project p -o "fast/$t" < spec > "fast-$t.sh"
		run diff -r "full/$t" "fast/$t"
		assert_success
		run diff "full-$t.sh" <(sed "s#/fast/#/full/#" "fast-$t.sh")
		assert_success
		[ "$(ls "full/$t" | wc -l)" -eq 6 ]
		# sweeping the name key: named from the base's name, as
		# robomimic does, the swept value kept in the key
		local b=$(jq -r .experiment.name "$f")
		[ "$(jq .train.num_epochs "full/$t/${b}_seed_3_bs_big.json")" = 7 ]
		[ "$(jq -r .experiment.name "full/$t/${b}_seed_3_bs_big.json")" = "$t" ]
	done
}

@test "runs from several sweeps can go to several directories" {
	mkdir one two
	cp "$FIX/small.json" one/base.json
	cp "$FIX/small.json" two/base.json
	sweep-add -b one/base.json -k a -n a 1 2 | sweep-expand | sweep-name > runs
	sweep-add -b two/base.json -k a -n b 1 | sweep-expand | sweep-name >> runs
	run --separate-stderr sweep-script < runs
	assert_success
	assert_equal "$stderr" 'sweep-script: wrote 3 configs to 2 directories'
	run listing .
	assert_output './one
./one/base.json
./one/exp_a_1.json
./one/exp_a_2.json
./runs
./two
./two/base.json
./two/exp_b_1.json'
}

@test "a run edited so its config or params lost their shape says which, nothing written" {
	runs 1 2 > runs
	local r edits=(
		'.config = [1]:config is an array, not an object'
		'del(.config):config is missing'
		'.run.params = null:run.params is not an array'
	)
	for r in "${edits[@]}"; do
		run --separate-stderr bash -c "jq -c '${r%%:*}' runs | sweep-script -o out"
		assert_equal "${r%%:*}: $status $stderr" "${r%%:*}: 1 sweep-script: <stdin>:1: a run whose ${r#*:}: keep .config an object and .run.params an array when editing runs"
		assert_output ''
		[ ! -e out ]
	done
}

@test "unnamed runs are refused" {
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a 1 | sweep-expand | sweep-script -o out"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: <stdin>:1: the run has no name: pipe it through sweep-name first'
	[ ! -e out ]
}

@test "no runs at all is an error" {
	run --separate-stderr sweep-script -o out < /dev/null
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: no runs on stdin: the stage before gave nothing (did it fail? see its error above)'
	run listing .
	assert_output ''
}

@test "configs written from compact runs and from pretty ones are the same" {
	for base in "$FIX/robomimic/bc.json" "$FIX/robomimic/diffusion_policy.json" "$FIX/small.json"; do
		sweep-add -b "$base" -k experiment.name -n '' -- x | sweep-add -k .experiment.zz_new --create -n v -N t,n,s,o -- true 1.5 '"a/b"' '{"k":[]}' |
			sweep-expand | sweep-name > runs
		sed 's/,"/, "/g' runs > pretty
		rm -rf lane path
		sweep-script -q -o lane -c 'echo {name}' < runs > lane.sh
		sweep-script -q -o path -c 'echo {name}' < pretty > path.sh
		run diff -r lane path
		assert_success
		assert_equal "$(cat lane.sh)" "$(cat path.sh)"
		[ "$(ls lane | wc -l)" -eq 4 ]
	done
}

@test "the fast path fills one template: the same bytes under every naming option" {
	echo '{"experiment": {"name": "e/x", "logging": {"wandb_proj_name": "w"}}, "l": [{"d": 1}, {"d": 2}], "o": {"p": 1.5}, "s": "x"}' > odd.json
	for base in "$FIX/robomimic/bc.json" "$FIX/seed/base.json" odd.json "$FIX/plain.json"; do
		sweep-add -b "$base" -k .experiment.zz --create -n z -g 1 -N a,b -- '{"k": [1, 2]}' '[]' |
		sweep-add -k .yy.deep --create -n y -- 1e-3 -0 '"s/t"' |
		sweep-add -k .experiment.ww --create -n '' -- '"hidden"' |
		sweep-add -k .experiment.vv --create -n v -g 1 --hide-name -- 1 2 > spec
		for opts in "" "--no-meta" "--meta" "--meta --name-key q" "--wandb-project p" "--base-name b" "--no-base" "--name-key experiment.nn" "--name-key yy.deep"; do
			rm -rf full fast
			{ sweep-expand < spec | sweep-name $opts | sweep-script -q -o full > full.sh; } 2> full.err || true
			sweep-script -q $opts -o fast < spec > fast.sh 2> fast.err || true
			# the full pipeline says it from the stage that saw it
			assert_equal "$(head -1 fast.err | sed 's/^sweep-[a-z]*: //')" \
			    "$(head -1 full.err | sed 's/^sweep-[a-z]*: //')"
			if [ -e full ]; then
				run diff -r full fast
				assert_success
			else
				[ ! -e fast ]
			fi
			assert_equal "$(sed 's#/fast/#/full/#' fast.sh)" "$(cat full.sh)"
		done
		rm -rf full
		sweep-script -q -o full < spec > /dev/null
		[ "$(ls full | wc -l)" -eq 6 ]
	done
}

@test "a config without the name key is the base but at the swept keys, on both paths" {
	cp "$FIX/plain.json" base.json
	sweep-add -b base.json -k optim.lr -n lr 0.01 0.001 | sweep-add -k layers -n l -N wide '[128,128]' > spec
	sweep-script -q -o fast < spec > fast.sh
	sweep-expand < spec | sweep-name | sweep-script -q -o full > full.sh
	run listing fast
	assert_output $'./lr_0.001_l_wide.json\n./lr_0.01_l_wide.json'
	run cat fast/lr_0.01_l_wide.json
	assert_output '{
    "model": "resnet",
    "optim": {
        "lr": 0.01,
        "momentum": 0.9
    },
    "layers": [
        128,
        128
    ],
    "meta": {
        "owner": "me"
    }
}'
	run diff -r full fast
	assert_success
}

@test "options from the spec: naming and the output directory, on both paths; -o wins" {
	cp "$FIX/plain.json" base.json
	sweep-add -b base.json --name-key=run_name -o kept -k optim.lr -n lr 0.01 0.001 > spec
	sweep-script -q < spec > fast.sh
	run listing kept
	assert_output $'./lr_0.001.json\n./lr_0.01.json'
	run jq -c '[.run_name, .meta]' kept/lr_0.01.json
	assert_output '["lr_0.01",{"owner":"me"}]'
	sweep-expand < spec | sweep-name | sweep-script -q -f --dry-run > full.sh
	assert_equal "$(cat full.sh)" "$(cat fast.sh)"
	sweep-expand < spec | sweep-name | sweep-script -q -o other > /dev/null
	sweep-script -q -o other2 < spec > /dev/null
	run diff -r kept other
	assert_success
	run diff -r kept other2
	assert_success
}

@test "options from the spec: --no-meta and --base-name on a robomimic config, on both paths; sweep-script's own win" {
	cp "$FIX/small.json" base.json
	sweep-add -b base.json --no-meta --base-name=B -o kept -k a -n a 2 > spec
	sweep-script -q < spec > /dev/null
	run jq -c '[.experiment, .meta]' kept/B_a_2.json
	assert_output '[{"name":"B_a_2"},null]'
	sweep-expand < spec | sweep-name | sweep-script -q -o full > /dev/null
	run diff -r kept full
	assert_success
	sweep-script -q --meta --no-base --name-key=b.d -o own < spec > /dev/null
	run listing own
	assert_output './a_2.json'
	run jq -c '[.experiment, .b.d, .meta.hp_keys]' own/a_2.json
	assert_output '[{"name":"exp"},"a_2",["a"]]'
}

@test "a run whose options are malformed is refused in one line, nothing written" {
	runs 2 | jq -c '.run.options = {"out_dir": 5}' > compact
	jq . compact > pretty
	for input in compact pretty; do
		run --separate-stderr sweep-script -o out < $input
		assert_failure 1
		assert_output ''
		assert_equal "$stderr" 'sweep-script: <stdin>:1: malformed options: they hold name_key, base_name, wandb_project and out_dir as strings and meta as true or false: give them to sweep-add'
		assert [ ! -e out ]
	done
}

@test "the fast path refuses a bad run name as the full pipeline does" {
	sweep-add -b "$FIX/small.json" -k b.d -n d -- "$(printf 'x%.0s' {1..250})" > long
	run --separate-stderr sweep-script -o out < long
	assert_failure 1
	assert_equal "$stderr" "sweep-script: <stdin>:1: run name exp_d_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... is 256 bytes, over 250: shorten it with -N value names, shorter -n names or --hide-name"
	run --separate-stderr bash -c "sweep-add -b '$FIX/small.json' -k a -n '' 1 | sweep-script --no-base -o out"
	assert_failure 1
	assert_equal "$stderr" "sweep-script: <stdin>:1: a run has an empty name: give a base name with --base-name, or name a parameter with -n"
	[ ! -e out ]
}

@test "a placeholder inside quotes is refused: sweep-script quotes it" {
	run --separate-stderr sweep-script -c "python t.py --config '{config}'" < /dev/null
	assert_failure 64
	assert_output ''
	assert_equal "$stderr" 'sweep-script: {config} is inside single quotes in the command: drop the quotes, sweep-script quotes what it puts there itself'
	run --separate-stderr sweep-script -c 'python t.py "--config={config}" --tag {name}' < /dev/null
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: {config} is inside double quotes in the command: drop the quotes, sweep-script quotes what it puts there itself'
	run --separate-stderr sweep-script -c "echo \"it's {index}\"; t {config}" < /dev/null
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: {index} is inside double quotes in the command: drop the quotes, sweep-script quotes what it puts there itself'
	# quotes closed before it, or escaped, leave it outside
	run bash -c "sweep-add -b '$FIX/small.json' -k a -n a 1 | sweep-expand | sweep-name |
		sweep-script --dry-run -q -o . -c \"echo \\\"it's\\\" \\\\'{name} '\\\"' --config={config}\""
	assert_success
	assert_output "#!/bin/bash

echo \"it's\" \\'exp_a_1 '\"' --config=$PWD/exp_a_1.json"
}
