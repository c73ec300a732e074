#!/usr/bin/env bats
# sweep-collect: each run's parameters (from the manifest) beside its
# metrics (from the file the stand-in trainer wrote).

load helper
load runs-helper

# The lines of a sweep whose runs all ran: the failed one has no metrics.
COLLECTED='{"name":"lr_0.001_opt_adam","index":0,"state":"done","params":{"lr":0.001,"opt":"adam"},"metrics":{"epoch":3,"loss":0.13,"success":0.87,"note":"adam-3"}}
{"name":"lr_0.001_opt_sgd","index":1,"state":"done","params":{"lr":0.001,"opt":"sgd"},"metrics":{"epoch":3,"loss":0.15,"success":0.85,"note":"sgd-3"}}
{"name":"lr_0.01_opt_adam","index":2,"state":"done","params":{"lr":0.01,"opt":"adam"},"metrics":{"epoch":3,"loss":0.07,"success":0.93,"note":"adam-3"}}
{"name":"lr_0.01_opt_sgd","index":3,"state":"done","params":{"lr":0.01,"opt":"sgd"},"metrics":{"epoch":3,"loss":0.09,"success":0.91,"note":"sgd-3"}}
{"name":"lr_0.1_opt_adam","index":4,"state":"done","params":{"lr":0.1,"opt":"adam"},"metrics":{"epoch":3,"loss":0.17,"success":0.83,"note":"adam-3"}}
{"name":"lr_0.1_opt_sgd","index":5,"state":"failed","params":{"lr":0.1,"opt":"sgd"},"metrics":{}}'

@test "a JSON object, JSON lines (the last counts) or CSV (the last row): the same lines" {
	make_sweep
	local format
	for format in json jsonl csv; do
		train_all "$format"
		run --separate-stderr sweep-collect -m "cfg/{name}.metrics.$format" out.sh
		assert_success
		assert_output "$COLLECTED"
		assert_equal "$stderr" ''
	done
	run sweep-collect -m '{config_dir}/{name}.metrics.jsonl' out.sh
	assert_output "$COLLECTED"
	# JSON lines give the last line of each run.
	[ "$(wc -l < cfg/lr_0.001_opt_adam.metrics.jsonl)" -eq 3 ]
}

@test "runs without metrics are listed with their state and {}" {
	make_sweep
	"$TOP/examples/train" cfg/lr_0.001_opt_adam.json > /dev/null
	ran lr_0.001_opt_adam 0 1000 1012
	started lr_0.001_opt_sgd 1000
	run sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_success
	assert_output '{"name":"lr_0.001_opt_adam","index":0,"state":"done","params":{"lr":0.001,"opt":"adam"},"metrics":{"epoch":3,"loss":0.13,"success":0.87,"note":"adam-3"}}
{"name":"lr_0.001_opt_sgd","index":1,"state":"running","params":{"lr":0.001,"opt":"sgd"},"metrics":{}}
{"name":"lr_0.01_opt_adam","index":2,"state":"pending","params":{"lr":0.01,"opt":"adam"},"metrics":{}}
{"name":"lr_0.01_opt_sgd","index":3,"state":"pending","params":{"lr":0.01,"opt":"sgd"},"metrics":{}}
{"name":"lr_0.1_opt_adam","index":4,"state":"pending","params":{"lr":0.1,"opt":"adam"},"metrics":{}}
{"name":"lr_0.1_opt_sgd","index":5,"state":"pending","params":{"lr":0.1,"opt":"sgd"},"metrics":{}}'
	# An empty file is a run that has written nothing yet.
	: > cfg/lr_0.001_opt_sgd.metrics.json
	run sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_line --index 1 '{"name":"lr_0.001_opt_sgd","index":1,"state":"running","params":{"lr":0.001,"opt":"sgd"},"metrics":{}}'
}

@test "{index} and {config_dir}; the pattern is read from the working directory" {
	make_sweep
	mkdir m
	echo '{"acc": 0.5}' > m/run-0.json
	echo '{"acc": 0.25}' > m/run-2.json
	run sweep-collect -m 'm/run-{index}.json' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output")" '{"acc":0.5}
{}
{"acc":0.25}
{}
{}
{}'
	mkdir sub && cd sub
	run sweep-collect -m '{config_dir}/../m/run-{index}.json' ../out.sh
	assert_equal "$(jq -c .metrics <<< "$output" | head -1)" '{"acc":0.5}'
	run sweep-collect -m 'm/run-{index}.json' ../out.sh
	assert_equal "$(jq -c .metrics <<< "$output" | head -1)" '{}'
}

@test "CSV: quoted fields, numbers as numbers, empty fields null, CRLF" {
	make_sweep
	printf 'step,"a,b",note,empty,big\r\n1,2,x,,1e3\r\n2,"3","say ""hi"", then\nbye",,-0.005\r\n' \
	    > cfg/lr_0.001_opt_adam.metrics.csv
	printf 'n\n007\n' > cfg/lr_0.001_opt_sgd.metrics.csv
	run sweep-collect -m 'cfg/{name}.metrics.csv' out.sh
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"pending","params":{"lr":0.001,"opt":"adam"},"metrics":{"step":2,"a,b":3,"note":"say \"hi\", then\nbye","empty":null,"big":-0.005}}'
	assert_line --index 1 '{"name":"lr_0.001_opt_sgd","index":1,"state":"pending","params":{"lr":0.001,"opt":"sgd"},"metrics":{"n":"007"}}'
}

@test "a last line still being written does not count: the one before does" {
	make_sweep
	printf '{"epoch": 1, "loss": 0.3}\n{"epoch": 2, "lo' > cfg/lr_0.001_opt_adam.metrics.json
	printf 'epoch,loss\n1,0.3\n2,0.2\n3' > cfg/lr_0.001_opt_sgd.metrics.json
	printf '{"epoch": 1, "lo' > cfg/lr_0.01_opt_adam.metrics.json
	printf 'epoch,loss\n1,0.3\n2,0.2' > cfg/lr_0.01_opt_sgd.metrics.json
	run sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output")" '{"epoch":1,"loss":0.3}
{"epoch":2,"loss":0.2}
{}
{"epoch":2,"loss":0.2}
{}
{}'
}

@test "-f makes the metrics of other formats, compiled once" {
	make_sweep
	train_all jsonl
	run sweep-collect -m 'cfg/{name}.metrics.jsonl' -f '{best: ($values | map(.success) | max), epochs: ($values | length)}' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output")" '{"best":0.87,"epochs":3}
{"best":0.85,"epochs":3}
{"best":0.93,"epochs":3}
{"best":0.91,"epochs":3}
{"best":0.83,"epochs":3}
{}'
	# A log of text lines: the filter reads $text; no output is {}.
	run_names | while read -r name; do
		grep -q training "out.sh.logs/$name.log" &&
			printf 'epoch 1\nfinal acc=0.%s\n' "${#name}" > "cfg/$name.txt"
	done
	rm cfg/lr_0.1_opt_sgd.txt
	run sweep-collect -m 'cfg/{name}.txt' -f '$text | capture("acc=(?<acc>[0-9.]+)") | .acc |= tonumber' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output")" '{"acc":0.17}
{"acc":0.16}
{"acc":0.16}
{"acc":0.15}
{"acc":0.15}
{}'
	run sweep-collect -m 'cfg/{name}.metrics.jsonl' -f 'empty' out.sh
	assert_equal "$(jq -c .metrics <<< "$output" | sort -u)" '{}'
	run sweep-collect -m 'cfg/{name}.metrics.jsonl' -f 'null' out.sh
	assert_equal "$(jq -c .metrics <<< "$output" | sort -u)" '{}'
}

@test "refusals: no -m, a bad placeholder, a bad filter, no SCRIPT, no manifest" {
	run --separate-stderr sweep-collect out.sh
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-collect: no -m PATTERN: say where a run's metrics are, such as -m '{config_dir}/{name}.json'"
	run --separate-stderr sweep-collect -m 'cfg/{nme}.json' out.sh
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-collect: -m: {nme} in cfg/{nme}.json is no placeholder: use {name}, {index} or {config_dir}'
	run --separate-stderr sweep-collect -m 'cfg/{name' out.sh
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-collect: -m: {name in cfg/{name is no placeholder: use {name}, {index} or {config_dir}'
	run --separate-stderr sweep-collect -m '' out.sh
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-collect: -m: an empty PATTERN: give the path of a run'\''s metrics, such as {config_dir}/{name}/metrics.json'
	run --separate-stderr sweep-collect -m x -f '.[' out.sh
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-collect: -f: bad filter .[: syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?): write a jq filter such as '.eval'"
	run --separate-stderr sweep-collect -m x
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-collect: no SCRIPT: name the script that sweep-script -s wrote'
	run --separate-stderr sweep-collect -m x out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: no manifest beside out.sh: make it with sweep-script -s out.sh'
}

@test "refusals: malformed metrics, metrics that are no object, a failing filter, no config" {
	make_sweep
	printf '{"a": }\n' > cfg/lr_0.01_opt_adam.metrics.json
	run --separate-stderr sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_failure 1
	assert_output ''
	assert_equal "${stderr%%: *}" 'sweep-collect'
	assert_regex "$stderr" '^sweep-collect: cfg/lr_0.01_opt_adam.metrics.json: [^:]* at line 1, column [0-9]+: fix it, or read it with -f$'
	printf '[1, 2]\n' > cfg/lr_0.01_opt_adam.metrics.json
	run --separate-stderr sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.01_opt_adam.metrics.json: its metrics are an array, not an object: pull them out with -f'
	printf 'a,b\n1,2\n3\n' > cfg/lr_0.01_opt_adam.metrics.json
	run --separate-stderr sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.01_opt_adam.metrics.json: row 2 has 1 field but the header 2: fix it, or read it with -f'
	# With -f, a file that does not parse is an odd format: . is null.
	run sweep-collect -m 'cfg/{name}.metrics.json' -f '{b: .b, t: $text}' out.sh
	assert_success
	assert_line --index 2 '{"name":"lr_0.01_opt_adam","index":2,"state":"pending","params":{"lr":0.01,"opt":"adam"},"metrics":{"b":null,"t":"a,b\n1,2\n3\n"}}'
	printf 'a,b\n1,2\n' > cfg/lr_0.01_opt_adam.metrics.json
	run --separate-stderr sweep-collect -m 'cfg/{name}.metrics.json' -f '.b' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.01_opt_adam.metrics.json: -f gave a number, not an object: make it give an object, such as {loss: .}'
	run --separate-stderr sweep-collect -m 'cfg/{name}.metrics.json' -f 'error("no")' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.01_opt_adam.metrics.json: -f: no'
	jq -c 'if .index == 2 then .config = null else . end' out.sh.manifest > m
	mv m out.sh.manifest
	run --separate-stderr sweep-collect -m '{config_dir}/{name}.metrics.json' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: run lr_0.01_opt_adam has no config: {config_dir} needs one; name the place of its metrics with {name}'
}

@test "a byte order mark is skipped, in JSON and in CSV" {
	make_sweep
	printf '\xef\xbb\xbf{"loss": 0.5}\n' > cfg/lr_0.001_opt_adam.m
	printf '\xef\xbb\xbfloss,acc\r\n0.4,0.9\r\n' > cfg/lr_0.001_opt_sgd.m
	printf '\xef\xbb\xbf' > cfg/lr_0.01_opt_adam.m
	run sweep-collect -m 'cfg/{name}.m' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output" | head -4)" '{"loss":0.5}
{"loss":0.4,"acc":0.9}
{}
{}'
}

@test "a CSV row that ends inside quotes is being written: the one before counts" {
	make_sweep
	printf 'step,note\n1,a\n2,"half' > cfg/lr_0.001_opt_adam.m
	printf 'step,note\n1,a\n2,"two\n' > cfg/lr_0.001_opt_sgd.m
	printf 'step,"no' > cfg/lr_0.01_opt_adam.m
	run sweep-collect -m 'cfg/{name}.m' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output" | head -3)" '{"step":1,"note":"a"}
{"step":1,"note":"a"}
{}'
}

@test "refusals: a metrics file that is a directory, a FIFO, a device, a link loop, or holds a NUL byte" {
	make_sweep
	m=cfg/lr_0.01_opt_adam.m
	mkdir "$m"
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" "sweep-collect: $m: a directory, not a file: give -m the path of the file each run writes"
	rmdir "$m" && mkfifo "$m"
	# A FIFO without a writer would block the reader for ever.
	run --separate-stderr timeout 10 sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: $m: a FIFO, not a file: give -m the path of the file each run writes"
	rm "$m" && ln -s /dev/null "$m"
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: $m: a special file, not a file: give -m the path of the file each run writes"
	rm "$m" && ln -s lr_0.01_opt_adam.m "$m"
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: $m: Too many levels of symbolic links: check it, or give -m the path of the file each run writes"
	rm "$m" && printf '{"a": 1}\n{"a": 2}\0\n' > "$m"
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: $m: a NUL byte on line 2: a metrics file is text; give -m the file of metrics each run writes"
	head -c 64 "$(command -v sweep-collect)" > "$m"
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' -f '{t: $text}' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: $m: a NUL byte on line 1: a metrics file is text; give -m the file of metrics each run writes"
}

@test "a metrics file without read permission is an error that names it" {
	[ "$(id -u)" != 0 ] || skip "root reads any file"
	make_sweep
	echo '{"a": 1}' > cfg/lr_0.01_opt_adam.m
	chmod 000 cfg/lr_0.01_opt_adam.m
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: cfg/lr_0.01_opt_adam.m: Permission denied: check it, or give -m the path of the file each run writes"
}

@test "-f that halts is an error, not empty metrics; input reads nothing" {
	make_sweep
	echo '{"a": 1}' > cfg/lr_0.001_opt_adam.m
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' -f '"stop" | halt_error' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.001_opt_adam.m: -f halted: stop: make it give an object'
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' -f '{a: 2} | halt_error(3)' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.001_opt_adam.m: -f halted: {"a":2}: make it give an object'
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' -f 'halt' out.sh
	assert_failure 1
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.001_opt_adam.m: -f halted: make it give an object'
	run sweep-collect -m 'cfg/{name}.m' -f '{n: [inputs] | length}' out.sh
	assert_success
	assert_line --index 0 --partial '"metrics":{"n":0}}'
}

@test "a long metrics file: without -f only its last value is kept, not every line" {
	[ -z "$SWEEP_SANITIZE" ] || skip "AddressSanitizer needs more address space than the limit"
	make_sweep
	# 200,000 lines (6 MB): every line as a jv took more than 100 MB.
	awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{\"epoch\": %d, \"loss\": 0.5}\n", i }' \
	    > cfg/lr_0.001_opt_adam.m
	awk 'BEGIN { print "epoch,loss"; for (i = 0; i < 200000; i++) printf "%d,0.5\n", i }' \
	    > cfg/lr_0.001_opt_sgd.m
	run bash -c "ulimit -v 60000 && sweep-collect -m 'cfg/{name}.m' out.sh"
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output" | head -2)" '{"epoch":199999,"loss":0.5}
{"epoch":199999,"loss":0.5}'
}

@test "two runs that would read one metrics file: an error that says to put {name} or {index} in -m" {
	make_sweep
	echo '{"loss": 1}' > metrics.json
	run --separate-stderr sweep-collect -m metrics.json out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-collect: runs lr_0.001_opt_adam and lr_0.001_opt_sgd both read metrics.json: put {name} or {index} in -m'
	run --separate-stderr sweep-collect -m '{config_dir}/m.json' out.sh
	assert_failure 1
	assert_equal "$stderr" "sweep-collect: runs lr_0.001_opt_adam and lr_0.001_opt_sgd both read $PWD/cfg/m.json: put {name} or {index} in -m"
}

@test "runs ended but no metrics file where -m says: the lines, and a word on stderr; none ended: quiet" {
	make_sweep
	run --separate-stderr sweep-collect -m 'cfg/{name}.metric.json' out.sh
	assert_success
	assert_equal "$stderr" ''
	train_all
	run --separate-stderr sweep-collect -m 'cfg/{name}.metric.json' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output" | sort -u)" '{}'
	assert_equal "$stderr" 'sweep-collect: 6 runs ended but no metrics file is where -m says, such as cfg/lr_0.001_opt_adam.metric.json: check PATTERN'
	run --separate-stderr sweep-collect -m 'cfg/{name}.metrics.json' out.sh
	assert_success
	assert_equal "$stderr" ''
}

@test "CSV: a quote inside a field that does not begin with one is a quote, as Python's csv reads it" {
	make_sweep
	printf 'a,b,c\n1,5" screen,"x"y\n' > cfg/lr_0.001_opt_adam.m
	run sweep-collect -m 'cfg/{name}.m' out.sh
	assert_success
	assert_equal "$(jq -c .metrics <<< "$output" | head -1)" '{"a":1,"b":"5\" screen","c":"xy"}'
}

@test "no SCRIPT.logs at all: the runs' metrics still, and a line on stderr about the states" {
	make_sweep
	rmdir out.sh.logs
	echo '{"loss": 1}' > cfg/lr_0.001_opt_adam.m
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_success
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"pending","params":{"lr":0.001,"opt":"adam"},"metrics":{"loss":1}}'
	assert_equal "$stderr" 'sweep-collect: no out.sh.logs: no run has started; a script logs its runs there when sweep-script made it with --logs, -l parallel or -l slurm'
}

@test "a metrics file over 1 GiB is refused before it is read, not handed to libjq whole" {
	make_sweep
	truncate -s 1073741825 cfg/lr_0.01_opt_adam.m
	run --separate-stderr sweep-collect -m 'cfg/{name}.m' out.sh
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-collect: cfg/lr_0.01_opt_adam.m: over 1 GiB, more than libjq reads at once: give -m a file of the metrics alone'
}

@test "while a run is running its CSV's last row without a newline may be cut short: the one before counts; once it ended, it counts" {
	make_sweep
	printf 'epoch,loss\n1,0.5\n2,0.4' > cfg/lr_0.001_opt_adam.m
	started lr_0.001_opt_adam 1000
	run sweep-collect -m 'cfg/{name}.m' out.sh
	assert_success
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"running","params":{"lr":0.001,"opt":"adam"},"metrics":{"epoch":1,"loss":0.5}}'
	ran lr_0.001_opt_adam 0 1000 1010
	run sweep-collect -m 'cfg/{name}.m' out.sh
	assert_line --index 0 '{"name":"lr_0.001_opt_adam","index":0,"state":"done","params":{"lr":0.001,"opt":"adam"},"metrics":{"epoch":2,"loss":0.4}}'
}
