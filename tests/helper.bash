# Loaded by every suite: bats-support, bats-assert, the commands on PATH,
# and a fresh temporary directory as the working directory.
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
FIX=$TOP/tests/fixtures
export PATH="$TOP/bin:$PATH"

# work_dir: a fresh directory of the test's own, made the working one.
work_dir() {
	mkdir -p "$BATS_TEST_TMPDIR/work" && cd "$BATS_TEST_TMPDIR/work"
}

setup() {
	work_dir || return 1
}

# The seed's tutorial sweep as a spec, over a copy of the seed's base.json
# in DIR (default: gen).
seed_spec() {
	local dir=${1:-gen}
	mkdir -p "$dir" && cp "$FIX/seed/base.json" "$dir/base.json"
	"$TOP/tests/seed-spec" "$PWD/$dir/base.json"
}

# runs VALUE...: named runs of the small fixture, one a VALUE of a.
runs() {
	sweep-add -b "$FIX/small.json" -k a -n a "$@" | sweep-expand | sweep-name
}

# Lists what is in DIR, hidden files too, one a line, sorted.
listing() {
	(cd "$1" && find . -mindepth 1 | sort)
}

# readme_block AFTER N: the N-th fenced block (from 1) after the README
# line that starts with AFTER, without its fences.
readme_block() {
	awk -v after="$1" -v n="$2" '
	    index($0, after) == 1 { on = 1 }
	    on && /^```/ { if (inside) { if (++k == n) exit; inside = 0 }
		else inside = 1; next }
	    on && inside && k == n - 1 { print }' "$TOP/README.md"
}
