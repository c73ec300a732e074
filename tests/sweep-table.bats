#!/usr/bin/env bats
# sweep-table: the runs that sweep-collect writes, as a table.

load helper
load runs-helper

# collected FORMAT: the collected runs of the stand-in trainer's sweep.
collected() {
	make_sweep
	train_all "${1:-json}"
	sweep-collect -m "cfg/{name}.metrics.${1:-json}" out.sh > runs.jsonl
}

@test "aligned columns by default: one a parameter and a metric, numbers to the right" {
	collected
	run --separate-stderr sweep-table < runs.jsonl
	assert_success
	assert_equal "$stderr" ''
	assert_output 'name               index  state      lr  opt   epoch  loss  success  note
lr_0.001_opt_adam      0  done    0.001  adam      3  0.13     0.87  adam-3
lr_0.001_opt_sgd       1  done    0.001  sgd       3  0.15     0.85  sgd-3
lr_0.01_opt_adam       2  done     0.01  adam      3  0.07     0.93  adam-3
lr_0.01_opt_sgd        3  done     0.01  sgd       3  0.09     0.91  sgd-3
lr_0.1_opt_adam        4  done      0.1  adam      3  0.17     0.83  adam-3
lr_0.1_opt_sgd         5  failed    0.1  sgd       -     -        -  -'
}

@test "--csv, --tsv and --markdown, each quoting what it must" {
	echo '{"name":"a","params":{"x":1},"metrics":{"note":"say \"hi\", then","t":"a\tb\\c","p":"x|y"}}
{"name":"b","params":{"x":10.5},"metrics":{"t":"two\nlines","v":[1,2],"b":true}}' > runs.jsonl
	run sweep-table --csv < runs.jsonl
	assert_output 'name,x,note,t,p,v,b
a,1,"say ""hi"", then",a	b\c,x|y,,
b,10.5,,"two
lines",,"[1,2]",true'
	run sweep-table --tsv < runs.jsonl
	assert_output 'name	x	note	t	p	v	b
a	1	say "hi", then	a\tb\\c	x|y		
b	10.5		two\nlines		[1,2]	true'
	run sweep-table --markdown < runs.jsonl
	assert_output '| name |    x | note           | t         | p    | v     | b    |
| ---- | ---: | -------------- | --------- | ---- | ----- | ---- |
| a    |    1 | say "hi", then | a b\\c    | x\|y | -     | -    |
| b    | 10.5 | -              | two lines | -    | [1,2] | true |'
	run sweep-table < runs.jsonl
	assert_output 'name     x  note            t          p    v      b
a        1  say "hi", then  a b\c      x|y  -      -
b     10.5  -               two lines  -    [1,2]  true'
}

@test "--sort: numbers by value, runs without a value last, ties in order; --reverse" {
	echo '{"name":"a","metrics":{"acc":9,"opt":"sgd"}}
{"name":"b","metrics":{"acc":10,"opt":"adam"}}
{"name":"c","metrics":{}}
{"name":"d","metrics":{"acc":9,"opt":"adam"}}
{"name":"e","metrics":{"acc":-1,"opt":null}}' > runs.jsonl
	run sweep-table --csv --sort=acc < runs.jsonl
	assert_output $'name,acc,opt\ne,-1,\na,9,sgd\nd,9,adam\nb,10,adam\nc,,'
	run sweep-table --csv --sort acc --reverse < runs.jsonl
	assert_output $'name,acc,opt\nb,10,adam\na,9,sgd\nd,9,adam\ne,-1,\nc,,'
	run sweep-table --csv --sort=opt < runs.jsonl
	assert_output $'name,acc,opt\nb,10,adam\nd,9,adam\na,9,sgd\nc,,\ne,-1,'
	run sweep-table --csv --reverse < runs.jsonl
	assert_output $'name,acc,opt\ne,-1,\nd,9,adam\nc,,\nb,10,adam\na,9,sgd'
}

@test "--columns picks the columns, in its order; --sort may use one not shown" {
	collected csv
	run sweep-table --columns=success,name,lr --sort=loss < runs.jsonl
	assert_output 'success  name                  lr
   0.93  lr_0.01_opt_adam    0.01
   0.91  lr_0.01_opt_sgd     0.01
   0.87  lr_0.001_opt_adam  0.001
   0.85  lr_0.001_opt_sgd   0.001
   0.83  lr_0.1_opt_adam      0.1
      -  lr_0.1_opt_sgd       0.1'
}

@test "nested metrics are named by their dotted path, a name met twice by its whole path" {
	echo '{"name":"a","params":{"loss":"l1"},"metrics":{"loss":0.5,"eval":{"success":0.8,"len":{"mean":3}}}}' |
		sweep-table --csv > out.csv
	assert_equal "$(cat out.csv)" $'name,loss,metrics.loss,eval.success,eval.len.mean\na,l1,0.5,0.8,3'
}

@test "sweep-status lines make a table too" {
	make_sweep
	train_all
	run bash -c 'sweep-status out.sh | sweep-table --columns=name,state,exit --markdown'
	assert_output '| name              | state  | exit |
| ----------------- | ------ | ---: |
| lr_0.001_opt_adam | done   |    0 |
| lr_0.001_opt_sgd  | done   |    0 |
| lr_0.01_opt_adam  | done   |    0 |
| lr_0.01_opt_sgd   | done   |    0 |
| lr_0.1_opt_adam   | done   |    0 |
| lr_0.1_opt_sgd    | failed |    3 |'
}

@test "refusals: no runs, no object, an unknown column, two forms, an operand" {
	run --separate-stderr sweep-table < /dev/null
	assert_failure 1
	assert_equal "$stderr" 'sweep-table: no runs on stdin: the stage before gave nothing (did it fail? see its error above)'
	run --separate-stderr sweep-table <<< '[1]'
	assert_failure 1
	assert_equal "$stderr" 'sweep-table: <stdin>:1: a run is an object, not array: pipe sweep-collect here'
	echo '{"name":"a","metrics":{"acc":1}}' > runs.jsonl
	run --separate-stderr sweep-table --sort=loss < runs.jsonl
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-table: --sort: no column loss: the columns are name, acc'
	run --separate-stderr sweep-table --columns=name,,acc < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-table: --columns: an empty column name: name a column, such as name'
	run --separate-stderr sweep-table --csv --tsv < runs.jsonl
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-table: --csv and --tsv: give one form'
	run --separate-stderr sweep-table runs.jsonl
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-table: runs.jsonl: sweep-table reads stdin: pipe sweep-collect into it'
}

@test "columns are aligned by display width: wide characters take two, combining ones none" {
	echo '{"name":"日本語","params":{"x":1},"metrics":{"note":"ｗｉｄｅ"}}
{"name":"e\u0301","params":{"x":22},"metrics":{"note":"a"}}
{"name":"plain","params":{"x":3},"metrics":{"note":"emoji😀"}}' > runs.jsonl
	run sweep-table < runs.jsonl
	assert_output 'name     x  note
日本語   1  ｗｉｄｅ
é       22  a
plain    3  emoji😀'
	run sweep-table --markdown < runs.jsonl
	assert_output '| name   |   x | note     |
| ------ | --: | -------- |
| 日本語 |   1 | ｗｉｄｅ |
| é      |  22 | a        |
| plain  |   3 | emoji😀  |'
}

@test "control characters in a value cannot act on the terminal: they show as spaces" {
	echo '{"name":"a","metrics":{"x":"\u001b[2J\u001b]0;t\u0007\u009b1m\u007fz","y":1}}' > runs.jsonl
	run sweep-table < runs.jsonl
	assert_output 'name  x                y
a      [2J ]0;t  1m z  1'
	run sweep-table --markdown < runs.jsonl
	assert_output '| name | x               |   y |
| ---- | --------------- | --: |
| a    |  [2J ]0;t  1m z |   1 |'
}

@test "a column not there among many: the message lists the first 20 and says how many" {
	jq -nc '{name: "a", metrics: ([range(30)] | map({key: "m\(.)", value: .}) | from_entries)}' > runs.jsonl
	run --separate-stderr sweep-table --sort=loss < runs.jsonl
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-table: --sort: no column loss: the columns are name, m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, ... (31 in all: sweep-table --csv | head -1 lists them)'
	run --separate-stderr sweep-table --columns=m29,zzzz < runs.jsonl
	assert_failure 1
	assert_equal "${stderr:0:66}" 'sweep-table: --columns: no column zzzz: the columns are name, m0, '
	run sweep-table --csv --columns=m29,name < runs.jsonl
	assert_output $'m29,name\n29,a'
}

@test "a metric named as a member of the run itself keeps its value, under its whole path" {
	echo '{"name":"a","metrics":{"state":1,"name":"m"},"state":"done"}' > runs.jsonl
	run sweep-table --csv < runs.jsonl
	assert_output $'name,metrics.state,metrics.name,state\na,1,m,done'
}

@test "--markdown escapes a backslash too, so GFM shows a value's \ before | or punctuation" {
	printf '%s\n' '{"name":"a\\|b","metrics":{"p":"x|y","q":"c:\\dir\\"}}' > runs.jsonl
	run sweep-table --markdown < runs.jsonl
	assert_output '| name   | p    | q         |
| ------ | ---- | --------- |
| a\\\|b | x\|y | c:\\dir\\ |'
}

@test "a column name with a slip in it: did you mean the closest, case or a third of its letters off" {
	echo '{"name":"a","params":{"lr":0.1},"metrics":{"success":0.5,"Loss":1}}' > runs.jsonl
	run --separate-stderr sweep-table --sort=sucess < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-table: --sort: no column sucess: did you mean success?'
	run --separate-stderr sweep-table --columns=name,loss < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-table: --columns: no column loss: did you mean Loss?'
	run --separate-stderr sweep-table --sort=acc < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-table: --sort: no column acc: the columns are name, lr, success, Loss'
}
