#!/usr/bin/env bats
# sweep-plot: a metric against a parameter, drawn by gnuplot into a PNG
# or an SVG file.

load helper
load runs-helper

setup_file() {
	sh "$TOP/tests/install-deps" gnuplot-nox >&3
}

# collected: the collected runs of the stand-in trainer's sweep, one of
# which failed.
collected() {
	make_sweep
	train_all jsonl
	sweep-collect -m 'cfg/{name}.metrics.jsonl' out.sh > runs.jsonl
}

@test "a PNG: one line for each value of --by, on a log x axis" {
	collected
	run --separate-stderr sweep-plot -x lr -y success --by opt --log-x -o plot.png < runs.jsonl
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
	assert_equal "$(head -c 8 plot.png | od -An -tx1)" ' 89 50 4e 47 0d 0a 1a 0a'
	[ "$(stat -c %s plot.png)" -gt 5000 ]
	assert_equal "$(ls -A)" $'cfg\nout.sh\nout.sh.logs\nout.sh.manifest\nplot.png\nruns.jsonl'
}

@test "an SVG, its lines titled by the values of --by" {
	collected
	run sweep-plot -x lr -y loss --by opt -o plot.svg < runs.jsonl
	assert_success
	assert_equal "$(sed -n 2p plot.svg)" '<svg '
	assert_equal "$(sed '/^$/d' plot.svg | tail -1)" '</svg>'
	grep -q '>adam</text>' plot.svg
	grep -q '>sgd</text>' plot.svg
}

@test "--script: gnuplot's script, each line's points in the order of x, runs without them left out" {
	collected
	# Out of order, and a run that is still pending.
	{ tac runs.jsonl; echo '{"name":"late","state":"pending","params":{"lr":0.5,"opt":"adam"},"metrics":{}}'; } > shuffled.jsonl
	run sweep-plot -x lr -y success --by opt --log-x -o 'it'\''s.svg' --script < shuffled.jsonl
	assert_success
	assert_output "set terminal svg noenhanced size 800,500 background rgb 'white'
set output 'it''s.svg'
set xlabel 'lr'
set ylabel 'success'
set key title 'opt'
set grid
set key outside right
set logscale x
\$d0 << EOD
0.001 0.87
0.01 0.93
0.1 0.83
EOD
\$d1 << EOD
0.001 0.85
0.01 0.91
EOD
plot \$d0 using 1:2 with linespoints pointtype 7 title 'adam', \$d1 using 1:2 with linespoints pointtype 7 title 'sgd'"
	[ ! -e "it's.svg" ]
	# Without --by, one line titled by the metric; a number-valued --by.
	run sweep-plot -x epoch -y loss -o p.png --script < runs.jsonl
	assert_line --index 0 'set terminal pngcairo noenhanced size 800,500'
	assert_line --index 6 '$d0 << EOD'
	assert_line --index 7 '3 0.07'
	assert_line --index 13 "plot \$d0 using 1:2 with linespoints pointtype 7 title 'loss'"
	run sweep-plot -x success -y loss --by lr -o p.png --script < runs.jsonl
	assert_line --index 18 "plot \$d0 using 1:2 with linespoints pointtype 7 title '0.001', \$d1 using 1:2 with linespoints pointtype 7 title '0.01', \$d2 using 1:2 with linespoints pointtype 7 title '0.1'"
}

@test "nothing to plot is an error, and no file; a plot that fails leaves the old one" {
	make_sweep
	sweep-collect -m 'cfg/{name}.metrics.jsonl' out.sh > runs.jsonl
	echo '{"name":"x","metrics":{"success":1}}' >> runs.jsonl
	run --separate-stderr sweep-plot -x lr -y success -o plot.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: nothing to plot: no run has numbers at both lr and success (have any finished?)'
	assert_equal "$(ls -A)" $'cfg\nout.sh\nout.sh.logs\nout.sh.manifest\nruns.jsonl'
	echo old > plot.png
	run --separate-stderr sweep-plot -x lr -y success -o plot.png < runs.jsonl
	assert_failure 1
	assert_equal "$(cat plot.png)" old
}

@test "refusals: a column that is not there or not numbers, --log-x at 0, no gnuplot" {
	collected
	run --separate-stderr sweep-plot -x lrr -y success -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -x: no column lrr: did you mean lr?'
	run --separate-stderr sweep-plot -x lr -y accuracy -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -y: no column accuracy: the columns are name, index, state, lr, opt, epoch, loss, success, note'
	run --separate-stderr sweep-plot -x lr -y success --by op -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "${stderr%%:*}" 'sweep-plot'
	assert_equal "${stderr:12:20}" '--by: no column op: '
	run --separate-stderr sweep-plot -x opt -y success -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -x: opt is adam in run lr_0.001_opt_adam, not a number: plot a column of numbers'
	run --separate-stderr sweep-plot -x lr -y note -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -y: note is adam-3 in run lr_0.001_opt_adam, not a number: plot a column of numbers'
	sed 's/"lr":0.001/"lr":0/' runs.jsonl > zero.jsonl
	run --separate-stderr sweep-plot -x lr -y success --log-x -o p.png < zero.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: --log-x: lr is 0 in run lr_0.001_opt_adam: a log scale needs values above 0'
	run --separate-stderr /usr/bin/env PATH="$TOP/bin" sweep-plot -x lr -y success -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: gnuplot not found: install the Debian package gnuplot-nox'
	run --separate-stderr sweep-plot -x lr -y success -o no/p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -o no/p.png: No such file or directory: give a FILE in a directory that exists and you may write'
	assert_equal "$(ls -A | grep -c p.png)" 0
	mkdir d.png
	run --separate-stderr sweep-plot -x lr -y success -o d.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -o d.png: a directory: give the FILE to write in it, such as d.png/plot.png'
	assert_equal "$(ls -A | grep -c p.png)" 0
	assert_equal "$(ls -A d.png)" ''
}

@test "a FILE whose name holds a line end or a quote is written whole, and nothing else" {
	collected
	mkdir out
	run --separate-stderr sweep-plot -x lr -y success -o $'out/a\nb\'c".png' < runs.jsonl
	assert_success
	assert_equal "$stderr" ''
	assert_equal "$(ls -A out)" $'a\nb\'c".png'
	assert_equal "$(head -c 8 out/a*.png | od -An -tx1)" ' 89 50 4e 47 0d 0a 1a 0a'
}

@test "usage errors: no -x, -y or -o, a FILE that is no .png or .svg, an operand" {
	run --separate-stderr sweep-plot -y success -o p.png
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-plot: no -x: give -x PARAM, -y METRIC and -o FILE'
	run --separate-stderr sweep-plot -x lr -o p.png
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-plot: no -y: give -x PARAM, -y METRIC and -o FILE'
	run --separate-stderr sweep-plot -x lr -y success
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-plot: no -o: give -x PARAM, -y METRIC and -o FILE'
	run --separate-stderr sweep-plot -x lr -y success -o p.pdf
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-plot: -o p.pdf: give a FILE that ends in .png or .svg'
	run --separate-stderr sweep-plot -x lr -y success -o p.png runs.jsonl
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep-plot: runs.jsonl: sweep-plot reads stdin: pipe sweep-collect into it'
}

@test "an empty column name says so, not 'no column :'" {
	collected
	run --separate-stderr sweep-plot -x '' -y success -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -x: an empty column name: name a column, such as name'
	assert_equal "$(ls -A | grep -c p.png)" 0
}

@test "an infinite metric (a diverged run's Infinity) is left out with a line on stderr, not a gnuplot failure" {
	printf '%s\n' '{"name":"a","params":{"lr":0.1},"metrics":{"loss":1}}' \
	    '{"name":"b","params":{"lr":0.2},"metrics":{"loss":1.7976931348623157e+308}}' \
	    '{"name":"c","params":{"lr":0.3},"metrics":{"loss":2}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss -o p.png --script < runs.jsonl
	assert_success
	assert_equal "$stderr" 'sweep-plot: run b: loss is infinite: left out of the plot'
	assert_line --index 6 '$d0 << EOD'
	assert_line --index 7 '0.1 1'
	assert_line --index 8 '0.3 2'
	assert_line --index 9 'EOD'
	# Every point infinite: nothing to plot, instead of gnuplot's
	# "all points y value undefined!".
	printf '%s\n' '{"name":"a","params":{"lr":0.1},"metrics":{"loss":1e400}}' \
	    '{"name":"b","params":{"lr":0.2},"metrics":{"loss":-1e400}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: run a: loss is infinite: left out of the plot
sweep-plot: run b: loss is infinite: left out of the plot
sweep-plot: nothing to plot: no run has numbers at both lr and loss (have any finished?)'
	assert_equal "$(ls -A | grep -c p.png)" 0
}

@test "runs without the --by column or without a name: a line titled -, messages by position, no crash" {
	printf '%s\n' '{"name":"a","params":{"lr":0.1,"opt":"x"},"metrics":{"loss":1}}' \
	    '{"name":"b","params":{"lr":0.2},"metrics":{"loss":2}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss --by opt -o p.png --script < runs.jsonl
	assert_success
	assert_equal "$stderr" ''
	assert_line "plot \$d0 using 1:2 with linespoints pointtype 7 title 'x', \$d1 using 1:2 with linespoints pointtype 7 title '-'"
	printf '%s\n' '{"params":{"lr":0.1},"metrics":{"loss":1}}' '{"params":{"lr":0.2},"metrics":{"loss":"x"}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -y: loss is x in run #2, not a number: plot a column of numbers'
	printf '%s\n' '{"params":{"lr":0.1},"metrics":{"loss":1}}' '{"params":{"lr":0},"metrics":{"loss":2}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss --log-x -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: --log-x: lr is 0 in run #2: a log scale needs values above 0'
	printf '%s\n' '{"params":{"lr":0.1},"metrics":{"loss":1}}' '{"params":{"lr":0.2},"metrics":{"loss":1e999}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss -o p.png --script < runs.jsonl
	assert_success
	assert_equal "$stderr" 'sweep-plot: run #2: loss is infinite: left out of the plot'
}

@test "--by values 1 and \"1\", or none and \"-\", are lines of their own, the strings in quotes" {
	printf '%s\n' '{"params":{"lr":0.1,"g":1},"metrics":{"loss":1}}' \
	    '{"params":{"lr":0.2,"g":"1"},"metrics":{"loss":2}}' \
	    '{"params":{"lr":0.3,"g":"-"},"metrics":{"loss":3}}' \
	    '{"params":{"lr":0.4},"metrics":{"loss":4}}' \
	    '{"params":{"lr":0.5,"g":"x"},"metrics":{"loss":5}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss --by g -o p.png --script < runs.jsonl
	assert_success
	assert_line "plot \$d0 using 1:2 with linespoints pointtype 7 title '1', \$d1 using 1:2 with linespoints pointtype 7 title '\"1\"', \$d2 using 1:2 with linespoints pointtype 7 title '\"-\"', \$d3 using 1:2 with linespoints pointtype 7 title '-', \$d4 using 1:2 with linespoints pointtype 7 title 'x'"
	printf '%s\n' '{"params":{"lr":"1"},"metrics":{"loss":1}}' > runs.jsonl
	run --separate-stderr sweep-plot -x lr -y loss -o p.png < runs.jsonl
	assert_failure 1
	assert_equal "$stderr" 'sweep-plot: -x: lr is "1" in run #1, not a number: plot a column of numbers'
}

@test "gnuplot failing: its last word and where to look, and no file" {
	collected
	mkdir fake
	printf '#!/bin/sh\ncat > /dev/null\necho "gnuplot> plot x" >&2\necho "         line 12: bad thing" >&2\nexit 1\n' > fake/gnuplot
	chmod +x fake/gnuplot
	run --separate-stderr env PATH="$PWD/fake:$PATH" sweep-plot -x lr -y success -o p.png < runs.jsonl
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-plot: gnuplot failed: line 12: bad thing: run the same with --script to see what it read'
	assert_equal "$(ls -A | grep -c p.png)" 0
}

@test "a ~/.gnuplot that sets an output does not take the plot away from FILE" {
	collected
	mkdir home
	printf "set output '%s/home/elsewhere.png'\n" "$PWD" > home/.gnuplot
	run --separate-stderr env HOME="$PWD/home" sweep-plot -x lr -y success -o p.png < runs.jsonl
	assert_success
	assert_equal "$stderr" ''
	assert_equal "$(head -c 8 p.png | od -An -tx1)" ' 89 50 4e 47 0d 0a 1a 0a'
	[ ! -s home/elsewhere.png ]
}
