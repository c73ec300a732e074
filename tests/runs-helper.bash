# Loaded by the suites of sweep-status, sweep-collect, sweep-table and
# sweep-plot: a sweep of the stand-in trainer (examples/train) and
# the files its runs leave, made by hand in the manifest's format.

# make_sweep: cfg/NAME.json for six runs, lr 0.001, 0.01 and 0.1 each
# with opt adam and sgd, and out.sh with out.sh.manifest beside it; no
# run has started.
make_sweep() {
	local i=0 lr opt name
	mkdir -p cfg out.sh.logs
	printf '#!/bin/bash\n\n' > out.sh
	: > out.sh.manifest
	for lr in 0.001 0.01 0.1; do
		for opt in adam sgd; do
			name=lr_${lr}_opt_$opt
			printf '{"experiment": {"name": "%s"}, "train": {"lr": %s}, "model": {"opt": "%s"}}\n' \
			    "$name" "$lr" "$opt" > "cfg/$name.json"
			echo "train cfg/$name.json" >> out.sh
			printf '{"name":"%s","index":%d,"config":"%s","hash":"h%d","params":{"lr":%s,"opt":"%s"}}\n' \
			    "$name" "$i" "$PWD/cfg/$name.json" "$i" "$lr" "$opt" >> out.sh.manifest
			i=$((i + 1))
		done
	done
}

# The names of the runs, in order.
run_names() {
	jq -r .name out.sh.manifest
}

# ran NAME EXIT START END [HASH]: the markers of a run that ended, and
# a log if it has none (HASH: the manifest's by default).
ran() {
	local hash=${5-$(sed -n "s/^{\"name\":\"$1\",\"index\":\([0-9]*\),.*/h\1/p" out.sh.manifest)}
	echo "$3" > "out.sh.logs/$1.run"
	echo "$2 $4 $hash" > "out.sh.logs/$1.exit"
	[ -e "out.sh.logs/$1.log" ] || echo "log of $1" > "out.sh.logs/$1.log"
}

# started NAME START: the markers of a run that is running.
started() {
	echo "$2" > "out.sh.logs/$1.run"
	: > "out.sh.logs/$1.log"
}

# train_all [FORMAT]: runs the trainer for every run of the sweep, in
# order, leaving the markers it would: starts 1000, 1010, ..., and each
# run taking as many seconds as its index plus 1.
train_all() {
	local i=0 name start rc
	for name in $(run_names); do
		start=$((1000 + 10 * i))
		rc=0
		"$TOP/examples/train" "cfg/$name.json" "${1:-json}" > "out.sh.logs/$name.log" 2>&1 || rc=$?
		ran "$name" "$rc" "$start" "$((start + i + 1))"
		i=$((i + 1))
	done
}
