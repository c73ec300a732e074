#!/usr/bin/env bats
# Distributions: sweep-add --uniform, --log-uniform, --int-uniform, drawn
# by sweep-expand --sample=N --seed=S, pseudo-randomly or with --sobol.

load helper

# spec OPTION...: the spec of the small fixture with the parameters that
# sweep-add stages of OPTIONS, separated by /, declare.
spec() {
	local stage=() a first=1
	for a in "$@" /; do
		if [ "$a" != / ]; then
			stage+=("$a")
			continue
		fi
		if [ $first = 1 ]; then
			sweep-add -b "$FIX/small.json" "${stage[@]}" > .spec || return 1
		else
			sweep-add "${stage[@]}" < .spec > .spec.new &&
			    mv .spec.new .spec || return 1
		fi
		first=0 stage=()
	done
	cat .spec
}

@test "a distribution goes in the spec, which is then version 2" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a --log-uniform=1e-4:1e-1 | jq -c .sweep"
	assert_success
	assert_output "{\"version\":2,\"base_file\":\"$FIX/small.json\",\"base_dir\":\"$FIX\",\"params\":[{\"key\":\"a\",\"paths\":[[\"a\"]],\"name\":\"a\",\"group\":null,\"dist\":{\"kind\":\"log-uniform\",\"low\":0.0001,\"high\":0.1},\"value_names\":null,\"hidename\":false,\"create\":false}]}"
	run bash -c "sweep-add -b '$FIX/small.json' -k a --uniform=-1:2.5 | sweep-add -k o.p --int-uniform=-3:3 | sweep-add -k b.d x y | jq -c '[.sweep.version, (.sweep.params[] | .dist // .values)]'"
	assert_output '[2,{"kind":"uniform","low":-1,"high":2.5},{"kind":"int-uniform","low":-3,"high":3},["x","y"]]'
}

@test "a spec without a distribution keeps version 1; replacing the distribution brings it back" {
	run bash -c "sweep-add -b '$FIX/small.json' -k a --uniform=0:1 | sweep-add -k a 1 2 | jq -c '[.sweep.version, .sweep.params[0].values]'"
	assert_success
	assert_output '[1,[1,2]]'
}

@test "sweep-add refuses a distribution with values, a second one, -N or -g, and bad ends" {
	for args in '1 --uniform=0:1|--uniform and values for a: a parameter has values or a distribution, not both' \
	    '--uniform=0:1 --log-uniform=1:2|--uniform and --log-uniform: a parameter has one distribution: give one' \
	    '-N x --uniform=0:1|--uniform and -N: drawn values have no names: leave out -N' \
	    '-g 1 --int-uniform=0:1|--int-uniform and -g: a distribution is a group of its own: leave out -g' \
	    '--uniform=0:1:2|--uniform=0:1:2: write A:B, as in 1e-4:1e-1' \
	    '--uniform=x:1|--uniform=x:1: x is not a number: write A:B, as in 1e-4:1e-1' \
	    '--uniform=1:1|--uniform=1:1: A 1 is not below B 1: give the low end first, or one value as a VALUE' \
	    '--log-uniform=0:1|--log-uniform=0:1: A is 0: a log scale needs A and B above 0' \
	    '--int-uniform=1.5:3|--int-uniform=1.5:3: A and B must be whole numbers of at most 2^53: write them as 1:10'; do
		run --separate-stderr sweep-add -b "$FIX/small.json" -k a ${args%%|*}
		assert_equal "$status" 64
		assert_equal "${stderr_lines[0]}" "sweep-add: ${args#*|}"
		assert_output ''
	done
	run --separate-stderr sweep-add -b "$FIX/small.json" -k b.d --uniform=0:1
	assert_failure 1
	assert_equal "$stderr" 'sweep-add: value 0 for b.d is a number, but the base has a string there: a distribution draws numbers: draw a key that holds one'
}

@test "a spec edited to give a distribution a group or values is refused" {
	sweep-add -b "$FIX/small.json" -k a --uniform=0:1 > spec
	run --separate-stderr bash -c "jq -c '.sweep.params[0].group = 1' spec | sweep-expand --sample=1"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: a is drawn from a distribution, which is a group of its own: leave out -g'
	run --separate-stderr bash -c "jq -c '.sweep.params[0].values = [1]' spec | sweep-expand --sample=1"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: parameter 1 of the spec is malformed: make specs with sweep-add'
	run --separate-stderr bash -c "jq -c '.sweep.params[0].dist.low = 2' spec | sweep-expand --sample=1"
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: <stdin>:1: a: A 2 is not below B 1: give the low end first, or one value as a VALUE'
}

@test "each distribution draws within its range, over all of it" {
	spec -k a --uniform=2:5 / -k o.p --log-uniform=1e-3:10 / -k l.0 --int-uniform=-2:2 > spec
	run bash -c "sweep-expand --sample=1000 --seed=7 < spec | jq -s -c '
		[(map(.config.a) | min > 2, max < 5, min < 2.01, max > 4.99),
		 (map(.config.o.p) | min > 1e-3, max < 10, min < 1.1e-3, max > 9),
		 (map(.config.l[0]) | unique)]'"
	assert_success
	assert_output '[true,true,true,true,true,true,true,true,[-2,-1,0,1,2]]'
}

@test "uniform over ends whose difference overflows a double draws over all of it, not B every time" {
	spec -k a --uniform=-1e308:1e308 > spec
	for sobol in '' --sobol; do
		run bash -c "sweep-expand --sample=200 --seed=5 $sobol < spec | jq -s -c '
			map(.config.a) | [min >= -1e308, max <= 1e308, min < -9e307, max > 9e307, (unique | length)]'"
		assert_equal "$sobol: $output" "$sobol: [true,true,true,true,200]"
	done
}

@test "log-uniform: 400 draws over 4 decades put at least 60 in each" {
	spec -k a --log-uniform=1e-5:1e-1 > spec
	run bash -c "sweep-expand --sample=400 --seed=3 < spec |
		jq -s -c 'map(.config.a | log10 | floor) | group_by(.) | map([.[0], length >= 60])'"
	assert_success
	assert_output '[[-5,true],[-4,true],[-3,true],[-2,true]]'
}

@test "int-uniform draws both ends" {
	spec -k a --int-uniform=1:3 > spec
	run bash -c "sweep-expand --sample=60 < spec | jq -c .config.a | sort -u | tr '\n' ' '"
	assert_output '1 2 3 '
	run bash -c "sweep-expand --sample=16 --sobol < spec | jq -c .config.a | sort -u | tr '\n' ' '"
	assert_output '1 2 3 '
}

@test "the same seed gives the same runs, to the last digit; another seed others" {
	spec -k a -n u --uniform=0:1 / -k o.p -n lg --log-uniform=1e-4:1 / -k l.0 -n i --int-uniform=1:100 > spec
	run bash -c "sweep-expand --sample=3 < spec | sweep-name | jq -c '[.run.index, .run.name, .config.a, .config.o.p, .config.l[0]]'"
	assert_success
	assert_output '[0,"exp_u_0.6_lg_0.1_i_69",0.6012629994179048,0.09797073589022297,69]
[1,"exp_u_0.4_lg_0.09_i_99",0.4165890778296456,0.08550413468677046,99]
[2,"exp_u_0.4_lg_0.01_i_18",0.42221152382531557,0.013887352685902972,18]'
	sweep-expand --sample=50 --seed=9 < spec > a
	sweep-expand --sample=50 --seed=9 < spec > b
	sweep-expand --sample=50 --seed=10 < spec > c
	cmp a b
	run cmp -s a c
	assert_failure
	run bash -c "cat a c | jq -c .config.a | sort | uniq -d"
	assert_output ''
}

@test "values are drawn among a list's; a zipped group stays zipped" {
	spec -k a --uniform=0:1 / -k b.d -g 0 x y z / -k o.p -g 0 1 2 3 > spec
	run bash -c "sweep-expand --sample=100 < spec | jq -c '[.config.b.d, .config.o.p]' | sort | uniq -c | awk '{ print \$2 }'"
	assert_success
	assert_output '["x",1]
["y",2]
["z",3]'
	run bash -c "sweep-expand --sample=4 --sobol < spec | jq -c '[.run.index, .config.a, .config.b.d]'"
	assert_output '[0,0,"x"]
[1,0.5,"y"]
[2,0.75,"x"]
[3,0.25,"z"]'
}

@test "--sobol: the first points are Joe and Kuo's" {
	spec -k a --uniform=0:1 / -k o.p --uniform=0:1 / -k l.0 --uniform=0:1 > spec
	run bash -c "sweep-expand --sample=8 --sobol < spec | jq -c '[.config.a, .config.o.p, .config.l[0]]'"
	assert_success
	assert_output '[0,0,0]
[0.5,0.5,0.5]
[0.75,0.25,0.25]
[0.25,0.75,0.75]
[0.375,0.375,0.625]
[0.875,0.875,0.125]
[0.625,0.125,0.875]
[0.125,0.625,0.375]'
}

@test "--sobol: 32 dimensions; a 33rd is refused" {
	echo '{}' > base.json
	sweep-add -b base.json -k x0 --create --uniform=0:1 > spec
	for i in $(seq 1 31); do sweep-add -k x$i --create --uniform=0:1 < spec > s && mv s spec; done
	run bash -c "sweep-expand --sample=4 --sobol < spec | jq -c '[.config.x1, .config.x31]'"
	assert_success
	assert_output '[0,0]
[0.5,0.5]
[0.25,0.25]
[0.75,0.75]'
	sweep-add -k x32 --create --uniform=0:1 < spec > s
	run --separate-stderr sweep-expand --sample=4 --sobol < s
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: --sobol draws at most 32 dimensions, and this sweep has 33 (one a group or distribution): sweep fewer parameters, or draw without --sobol'
}

@test "--sobol: 2^m points fill every cell of 2^m in 1 dimension and of 2^(m/2) x 2^(m/2) in 2, with and without --seed" {
	spec -k a --uniform=0:1 > spec1
	spec -k a --uniform=0:1 / -k o.p --uniform=0:1 > spec2
	for seed in '' --seed=0 --seed=5; do
		run bash -c "sweep-expand --sample=64 --sobol $seed < spec1 | jq -c '.config.a * 64 | floor' | sort -n | uniq | wc -l"
		assert_output 64
		run bash -c "sweep-expand --sample=256 --sobol $seed < spec2 | jq -c '[.config.a, .config.o.p] | map(. * 16 | floor)' | sort | uniq | wc -l"
		assert_output 256
	done
	sweep-expand --sample=8 --sobol < spec2 > plain
	sweep-expand --sample=8 --sobol --seed=5 < spec2 > shifted
	sweep-expand --sample=8 --sobol --seed=5 < spec2 > again
	run cmp -s plain shifted
	assert_failure
	cmp shifted again
}

@test "--where draws until N runs pass, numbered 0..N-1" {
	spec -k a --uniform=0:1 > spec
	run bash -c "sweep-expand --sample=20 --where '.a < 0.25' < spec | jq -s -c '[map(.run.index), (map(.config.a) | max < 0.25)]'"
	assert_success
	assert_output '[[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19],true]'
	run bash -c "sweep-expand --sample=3 --where '.a < 0.25' --count < spec"
	assert_output 3
}

@test "--where gives up when far too few draws pass" {
	spec -k a --uniform=0:1 > spec
	run --separate-stderr sweep-expand --sample=2 --where '.a > 2' < spec
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-expand: --where: 0 of 2000 draws pass, too few for --sample=2: loosen the filter, or narrow the distributions to where it passes'
}

@test "a spec with a distribution needs --sample; --count says the space is continuous" {
	spec -k a 1 2 / -k o.p --log-uniform=1e-3:1 > spec
	run --separate-stderr sweep-expand < spec
	assert_equal "$status" 64
	assert_output ''
	assert_equal "$stderr" 'sweep-expand: o.p is drawn from a distribution, so the runs are drawn, not listed: give --sample=N'
	run --separate-stderr sweep-expand --count < spec
	assert_equal "$status" 64
	assert_equal "$stderr" 'sweep-expand: --count: o.p is drawn from a distribution, so the space is continuous and has no count: draw N runs with --sample=N'
	run sweep-expand --count --sample=7 < spec
	assert_success
	assert_output 7
}

@test "--sobol needs --sample and a distribution; grids and distributions are not mixed" {
	spec -k a 1 2 > grid
	spec -k a --uniform=0:1 > drawn
	run --separate-stderr sweep-expand --sobol < drawn
	assert_equal "$status" 64
	assert_equal "$stderr" 'sweep-expand: --sobol draws --sample=N runs: give --sample=N'
	run --separate-stderr sweep-expand --sobol --sample=1 < grid
	assert_equal "$status" 64
	assert_equal "$stderr" 'sweep-expand: --sobol draws distributions, and the sweep has none: leave out --sobol, or declare one with sweep-add --uniform=A:B'
	run --separate-stderr bash -c 'cat grid drawn | sweep-expand --sample=1'
	assert_failure 1
	assert_equal "$stderr" 'sweep-expand: the specs mix grids and distributions: expand them one at a time'
}

@test "several specs with distributions give N runs each, each from 0" {
	spec -k a --uniform=0:1 > one
	run bash -c "cat one one | sweep-expand --sample=2 | jq -c '[.run.index, .config.a]'"
	assert_success
	assert_output '[0,0.6012629994179048]
[1,0.7477740925472398]
[0,0.7029218331588505]
[1,0.5204366199388569]'
}

@test "the fast path refuses a spec with a distribution and says how to draw it" {
	spec -k a --uniform=0:1 > spec
	run --separate-stderr sweep-script -o out < spec
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'sweep-script: <stdin>:1: a is drawn from a distribution: draw the runs first, with sweep-expand --sample=N | sweep-name | sweep-script'
	assert [ ! -e out ]
}

@test "names: a drawn value in full in the config, shortened in the name to the fewest digits that tell the runs apart" {
	spec -k a -n lr --log-uniform=1e-5:1e-1 / -k o.p -n wd --uniform=0:0.1 > spec
	run bash -c "sweep-expand --sample=100 < spec | sweep-name | jq -c '[.run.name, .config.a, .run.params[0].value_name]' | head -3"
	assert_success
	assert_output '["exp_lr_0.0025_wd_0.075",0.002541276952045036,"0.0025"]
["exp_lr_2.6e-05_wd_0.042",2.582735652084243e-05,"2.6e-05"]
["exp_lr_0.0086_wd_0.1",0.00855041346867705,"0.0086"]'
	run bash -c "sweep-expand --sample=100 < spec | sweep-name | jq -r .run.name | sort | uniq -d"
	assert_output ''
	run bash -c "sweep-expand --sample=3 < spec | sweep-name | jq -r .run.name"
	assert_output 'exp_lr_0.003_wd_0.07
exp_lr_3e-05_wd_0.04
exp_lr_0.009_wd_0.1'
}

@test "names: a collision that remains is the usual duplicate-name error" {
	spec -k a --uniform=0:1 --hide-name > spec
	run --separate-stderr bash -c "sweep-expand --sample=2 < spec | sweep-name | sweep-script -o out"
	assert_failure 1
	assert_equal "$stderr" 'sweep-script: two runs are named exp (runs 0 and 1): tell them apart with -n or -N'
	assert [ ! -e out ]
}
