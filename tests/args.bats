#!/usr/bin/env bats
# Sweeping a script that takes flags: a sweep without a base config, and
# the placeholders {args} (--KEY=VALUE) and {overrides} (Hydra's
# KEY=VALUE).

load helper

# The commands between "case" and "*)" of a parallel or slurm script.
arms() {
	sed -n '/^case /,/^\*)/p' | sed '1d;$d'
}

@test "no base: sweep-add at the head of a pipeline starts from {}; configs are {} with the swept keys, nested where the key is dotted" {
	run bash -c "sweep-add -k lr 0.1 0.01 < /dev/null | sweep-add -k optim.beta.1 0.9 -n b1 |
		sweep-add -k seed 0 1 | sweep-script -q -c 'python train.py {args}'"
	assert_success
	assert_output '#!/bin/bash

python train.py --lr=0.1 --optim.beta.1=0.9 --seed=0
python train.py --lr=0.1 --optim.beta.1=0.9 --seed=1
python train.py --lr=0.01 --optim.beta.1=0.9 --seed=0
python train.py --lr=0.01 --optim.beta.1=0.9 --seed=1'
	run listing .
	assert_output './lr_0.01_b1_0.9_seed_0.json
./lr_0.01_b1_0.9_seed_1.json
./lr_0.1_b1_0.9_seed_0.json
./lr_0.1_b1_0.9_seed_1.json'
	run cat lr_0.01_b1_0.9_seed_1.json
	assert_output '{
    "lr": 0.01,
    "optim": {
        "beta": {
            "1": 0.9
        }
    },
    "seed": 1
}'
}

@test "no base: the spec is one over {}, base_file null, every key created" {
	run bash -c "sweep-add -k lr 0.1 0.01 < /dev/null | sweep-add -k a.b -S x"
	assert_success
	assert_output '{"sweep":{"version":1,"base_file":null,"base_dir":null,"params":[{"key":"lr","paths":[["lr"]],"name":"lr","group":null,"values":[0.1,0.01],"value_names":null,"hidename":false,"create":true},{"key":"a.b","paths":[["a","b"]],"name":"","group":null,"values":["x"],"value_names":null,"hidename":false,"create":true}]},"base":{}}'
	# an empty base is the same: its keys need no --create
	echo '{}' > empty.json
	run bash -c "sweep-add -b empty.json -k lr 0.1 | jq -c '.sweep.params[0].create, .base'"
	assert_output $'true\n{}'
}

@test "no base at a terminal: the pipeline of the issue, through sweep-expand and sweep-name too" {
	run script -qec "sweep-add -k lr 0.1 0.01 | sweep-add -k seed 0 1 | sweep-script --dry-run -q -c 'python train.py {args}'" /dev/null
	assert_success
	assert_output $'#!/bin/bash\r\n\r\npython train.py --lr=0.1 --seed=0\r\npython train.py --lr=0.1 --seed=1\r\npython train.py --lr=0.01 --seed=0\r\npython train.py --lr=0.01 --seed=1\r'
	run script -qec "sweep-add -k lr 0.1 0.01 | sweep-add -k seed 0 1 | sweep-expand | sweep-name | sweep-script -q -c 'python train.py {args} --config {config}' -s run.sh" /dev/null
	assert_success
	run cat run.sh
	assert_output "#!/bin/bash

python train.py --lr=0.1 --seed=0 --config $PWD/lr_0.1_seed_0.json
python train.py --lr=0.1 --seed=1 --config $PWD/lr_0.1_seed_1.json
python train.py --lr=0.01 --seed=0 --config $PWD/lr_0.01_seed_0.json
python train.py --lr=0.01 --seed=1 --config $PWD/lr_0.01_seed_1.json"
	run cat lr_0.1_seed_1.json
	assert_output $'{\n    "lr": 0.1,\n    "seed": 1\n}'
}

@test "no base: an empty pipe or an empty file on stdin is still the stage before that gave nothing" {
	run --separate-stderr bash -c "false | sweep-add -k seed 0 1"
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-add: no sweep spec on stdin: the stage before gave nothing (did it fail? see its error above); to start a sweep, give -b BASE, or < /dev/null for one without a base config'
	: > empty
	run --separate-stderr sweep-add -k seed 0 1 < empty
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: no sweep spec on stdin: the stage before gave nothing (did it fail? see its error above); to start a sweep, give -b BASE, or < /dev/null for one without a base config'
}

@test "{args} and {overrides} in every launcher's script, byte for byte" {
	sweep-add -k optim.lr 0.1 0.01 < /dev/null | sweep-add -k model -S resnet 'vi t' > spec
	run sweep-script -q --dry-run -c 'python train.py {args}' < spec
	assert_output "#!/bin/bash

python train.py --optim.lr=0.1 --model=resnet
python train.py --optim.lr=0.1 '--model=vi t'
python train.py --optim.lr=0.01 --model=resnet
python train.py --optim.lr=0.01 '--model=vi t'"
	# parallel and slurm run each command through sweep_run, as one word
	for l in parallel slurm; do
		sweep-script -q --dry-run -l $l -c 'python app.py {overrides} hydra.run.dir=out/{name}' < spec > $l.sh
		run arms < $l.sh
		assert_output "0)
	sweep_run lr_0.1_model_resnet 6160b02cdb3780c3 'python app.py optim.lr=0.1 model=resnet hydra.run.dir=out/lr_0.1_model_resnet'
	;;
1)
	sweep_run 'lr_0.1_model_vi t' 8bc99ba20751cf53 'python app.py optim.lr=0.1 '\\''model=\"vi t\"'\\'' hydra.run.dir=out/'\\''lr_0.1_model_vi t'\\'''
	;;
2)
	sweep_run lr_0.01_model_resnet d73d14aa7d677513 'python app.py optim.lr=0.01 model=resnet hydra.run.dir=out/lr_0.01_model_resnet'
	;;
3)
	sweep_run 'lr_0.01_model_vi t' 91dc7ae3aa4ba443 'python app.py optim.lr=0.01 '\\''model=\"vi t\"'\\'' hydra.run.dir=out/'\\''lr_0.01_model_vi t'\\'''
	;;"
	done
	run listing .
	assert_output $'./parallel.sh\n./slurm.sh\n./spec'
}

@test "{args}: strings as they are, numbers as jq prints them, lists and objects as compact JSON, booleans, null; each word quoted once" {
	[ "$(jq -n '1e-4')" = 0.0001 ]
	sweep-add -k s -S -N sp,q,sub,semi,nl,uni,empty,dash -- 'two words' "it's \"q\"" '$(touch pwned)' 'a;touch pwned' $'new\nline' 'é ✓' '' '-rf' < /dev/null |
		sweep-add -k v -N e4,neg,int,list,empty,strs,obj,t,f,null -- 1e-4 -2.5 3 '[1024,1024]' '[]' '["a b","c"]' '{"k":{"x":[1]}}' true false null > spec
	run sweep-script -q --dry-run -c 'train {args}' < spec
	assert_success
	assert_line --index 1 "train '--s=two words' --v=0.0001"
	assert_line --index 2 "train '--s=two words' --v=-2.5"
	assert_line --index 3 "train '--s=two words' --v=3"
	assert_line --index 4 "train '--s=two words' '--v=[1024,1024]'"
	assert_line --index 5 "train '--s=two words' '--v=[]'"
	assert_line --index 6 "train '--s=two words' '--v=[\"a b\",\"c\"]'"
	assert_line --index 7 "train '--s=two words' '--v={\"k\":{\"x\":[1]}}'"
	assert_line --index 8 "train '--s=two words' --v=true"
	assert_line --index 9 "train '--s=two words' --v=false"
	assert_line --index 10 "train '--s=two words' --v=null"
	run bash -c "sweep-script -q --dry-run -c 'train {args}' < spec | grep -e '--v=null'"
	assert_output "train '--s=two words' --v=null
train '--s=it'\\''s \"q\"' --v=null
train '--s=\$(touch pwned)' --v=null
train '--s=a;touch pwned' --v=null
line' --v=null
train '--s=é ✓' --v=null
train --s= --v=null
train --s=-rf --v=null"
	run bash -c "sweep-script -q --dry-run -c 'train {args}' < spec | grep -A1 -e 'new\$' | head -2"
	assert_output "train '--s=new
line' --v=0.0001"
}

@test "{args} and {overrides} run: every word reaches the command intact, nothing runs as shell" {
	sweep-add -k s.t -S -N sp,q,sub,semi,nl,uni,bs -- 'two words' "it's \"q\"" '$(touch pwned)' 'a;touch pwned' $'new\nline' 'é ✓' 'C:\dir\' < /dev/null |
		sweep-add -k v '[1024,1024]' > spec
	sweep-script -q -c "printf '<%s>\n' {args} -- {overrides}" -s run.sh < spec
	run bash run.sh
	assert_success
	assert_output '<--s.t=two words>
<--v=[1024,1024]>
<-->
<s.t="two words">
<v=[1024,1024]>
<--s.t=it'"'"'s "q">
<--v=[1024,1024]>
<-->
<s.t="it'"'"'s \"q\"">
<v=[1024,1024]>
<--s.t=$(touch pwned)>
<--v=[1024,1024]>
<-->
<s.t="$(touch pwned)">
<v=[1024,1024]>
<--s.t=a;touch pwned>
<--v=[1024,1024]>
<-->
<s.t="a;touch pwned">
<v=[1024,1024]>
<--s.t=new
line>
<--v=[1024,1024]>
<-->
<s.t="new
line">
<v=[1024,1024]>
<--s.t=é ✓>
<--v=[1024,1024]>
<-->
<s.t="é ✓">
<v=[1024,1024]>
<--s.t=C:\dir\>
<--v=[1024,1024]>
<-->
<s.t="C:\dir\\">
<v=[1024,1024]>'
	[ ! -e pwned ]
	# under slurm, each command goes through sweep_run's eval, as one word
	bash run.sh > want
	sweep-script -q -f -l slurm -c "printf '<%s>\n' {args} -- {overrides}" -s run-slurm.sh < spec
	for i in 0 1 2 3 4 5 6; do
		SLURM_ARRAY_TASK_ID=$i bash run-slurm.sh
	done
	jq -r .name run-slurm.sh.manifest | while IFS= read -r n; do
		cat "run-slurm.sh.logs/$n.log"
	done > got
	cmp want got
	[ ! -e pwned ] && [ ! -e run-slurm.sh.logs/pwned ]
}

@test "{overrides}: Hydra's override syntax, strings bare only where Hydra reads them back as those strings" {
	sweep-add -k optim.lr 1e-4 < /dev/null |
		sweep-add -k model -S -N id,path,dash,sp,num,bool,null,nan,digit,empty,comma,brace,dollar,dq,bs,bsq,sq -- \
		resnet a/b.c foo-bar_10 'hello world' 1.5 True NULL nan 10 '' 'a,b' '{a:1}' '${x}' 'say "hi"' 'C:\dir\' 'x\"y' "it's" |
		sweep-add -k dims -N list,strs,dict,empty '[1024,1024]' '["a b",true,null,2.5]' '{"a":1,"b_c":{"d":"x y"}}' '{}' > spec
	run sweep-script -q --dry-run -c 'app {overrides}' < spec
	assert_success
	assert_line --index 1 "app optim.lr=0.0001 model=resnet 'dims=[1024,1024]'"
	assert_line --index 2 "app optim.lr=0.0001 model=resnet 'dims=[\"a b\",true,null,2.5]'"
	assert_line --index 3 "app optim.lr=0.0001 model=resnet 'dims={a:1,b_c:{d:\"x y\"}}'"
	assert_line --index 4 "app optim.lr=0.0001 model=resnet 'dims={}'"
	# every string, in the runs with the list (dims=)
	run bash -c "sweep-script -q --dry-run -c 'app {overrides}' < spec | sed -n 's/ .dims=.1024,1024..\$//p'"
	assert_output "app optim.lr=0.0001 model=resnet
app optim.lr=0.0001 model=a/b.c
app optim.lr=0.0001 model=foo-bar_10
app optim.lr=0.0001 'model=\"hello world\"'
app optim.lr=0.0001 'model=\"1.5\"'
app optim.lr=0.0001 'model=\"True\"'
app optim.lr=0.0001 'model=\"NULL\"'
app optim.lr=0.0001 'model=\"nan\"'
app optim.lr=0.0001 'model=\"10\"'
app optim.lr=0.0001 'model=\"\"'
app optim.lr=0.0001 'model=\"a,b\"'
app optim.lr=0.0001 'model=\"{a:1}\"'
app optim.lr=0.0001 'model=\"\${x}\"'
app optim.lr=0.0001 'model=\"say \\\"hi\\\"\"'
app optim.lr=0.0001 'model=\"C:\\dir\\\\\"'
app optim.lr=0.0001 'model=\"x\\\\\\\"y\"'
app optim.lr=0.0001 'model=\"it'\\''s\"'"
}

@test "keys: / reads as .; a jq path key gives its -n name, and without one is refused" {
	run bash -c "sweep-add -k a/b 1 2 < /dev/null | sweep-add -k '.o[\"odd.key\"]' -n odd x y | sweep-script -q --dry-run -c 'train {args} {overrides}'"
	assert_success
	assert_output '#!/bin/bash

train --a.b=1 --odd=x a.b=1 odd=x
train --a.b=1 --odd=y a.b=1 odd=y
train --a.b=2 --odd=x a.b=2 odd=x
train --a.b=2 --odd=y a.b=2 odd=y'
	sweep-add -b "$FIX/small.json" -k '.layers[].dim' -n '' 3 | sweep-add -k a -n a 1 2 > spec
	run --separate-stderr sweep-script -q -o out -c 'train {args}' < spec
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-script: {args} cannot write the key .layers[].dim, a jq path: name the parameter with -n NAME for --NAME=VALUE, or declare it with a dotted key'
	run --separate-stderr sweep-script -q -o out -c 'train {overrides}' < spec
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: {overrides} cannot write the key .layers[].dim, a jq path: name the parameter with -n NAME for NAME=VALUE, or declare it with a dotted key'
	[ ! -e out ]
	sweep-add -b "$FIX/small.json" -k '.layers[].dim' -n dim 3 4 | sweep-script -q -o out -c 'train {args}' -s run.sh
	run cat run.sh
	assert_output $'#!/bin/bash\n\ntrain --dim=3\ntrain --dim=4'
}

@test "with a base: {args} beside {config}, the configs as before" {
	run bash -c "sweep-add -b '$FIX/small.json' -k b.d -n d -S 'two words' y | sweep-add -k o.p 5 | sweep-expand | sweep-name |
		sweep-script -q -o out -c 'train --config {config} {args}'"
	assert_success
	assert_output "#!/bin/bash

train --config '$PWD/out/exp_d_two words.json' '--b.d=two words' --o.p=5
train --config $PWD/out/exp_d_y.json --b.d=y --o.p=5"
	run jq -c '{experiment, b, o}' out/exp_d_y.json
	assert_output '{"experiment":{"name":"exp_d_y"},"b":{"c":true,"d":"y"},"o":{"p":5,"odd.key":2}}'
}

@test "refused before anything is written: a quoted {args} or {overrides}, a NUL byte, an object key Hydra cannot write" {
	sweep-add -k lr 0.1 0.01 < /dev/null > spec
	run --separate-stderr sweep-script -o out -c 'train "{args}"' < spec
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: {args} is inside double quotes in the command: drop the quotes, sweep-script quotes what it puts there itself'
	run --separate-stderr sweep-script -o out -c "train '{overrides}'" < spec
	assert_failure 64
	assert_equal "$stderr" 'sweep-script: {overrides} is inside single quotes in the command: drop the quotes, sweep-script quotes what it puts there itself'
	sweep-expand < spec | sweep-name | jq -c '.run.params[0].value = "a\u0000b"' > runs
	run --separate-stderr sweep-script -o out -c 'train {args}' < runs
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: {args}: the value of lr holds a NUL byte, which no command line can pass: put {config} in the command instead'
	sweep-add -k m -n m -N x,y '{"a b":1}' '{"c":2}' < /dev/null > spec2
	run --separate-stderr sweep-script -o out -c 'train {overrides}' < spec2
	assert_failure 1
	assert_equal "$stderr" "sweep-script: {overrides}: the value of m has the key a b, which Hydra's overrides cannot write (only letters, digits and _-./): put {config} or {args} in the command instead"
	run listing .
	assert_output $'./runs\n./spec\n./spec2'
}

@test "the README's flags-only examples run as written" {
	run bash -e -o pipefail -c "$(readme_block 'A training script that takes flags' 1)" < /dev/null
	assert_success
	run cat run.sh
	assert_output '#!/bin/bash

python train.py --lr=0.1 --seed=0
python train.py --lr=0.1 --seed=1
python train.py --lr=0.01 --seed=0
python train.py --lr=0.01 --seed=1'
	rm -f ./*.json
	run bash -e -o pipefail -c "$(readme_block '### A script that takes flags' 1)" < /dev/null
	assert_success
	assert_equal "$(grep -v -e '^#!/bin/bash$' -e '^$' <<< "$output")" \
		"$(readme_block '### A script that takes flags' 2; readme_block '### A script that takes flags' 3)"
}
