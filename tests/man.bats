#!/usr/bin/env bats
# The man pages: one a command, sweep(1) the overview, sweep.jq(7) the jq
# module; each with its sections, its options those of --help, and
# EXAMPLES that run.

load helper

setup_file() {
	sh "$TOP/tests/install-deps" man-db >&3
	export PREFIX=$BATS_FILE_TMPDIR/usr
	make -s -C "$TOP" install PREFIX="$PREFIX" > /dev/null
}

# The commands make builds: sweep and every sweep-*.
commands() {
	(cd "$TOP/cmd" && ls *.c | sed 's/\.c$//')
}

# sections PAGE: the page's section headings, one a line.
sections() {
	sed -n 's/^\.Sh //p' "$1"
}

# options_of_help CMD: the options --help lists, and -h, which every
# command takes for --help without listing it; one a line, sorted.
options_of_help() {
	{ "$TOP/bin/$1" --help | grep -oE '^ {1,8}(-[^ ,]+, )*-[^ ,=[]+' |
		grep -oE -- '-[^ ,]+'; echo -h; } | sort -u
}

# options_of_page PAGE: the options the OPTIONS section lists.
options_of_page() {
	sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$1" | grep '^\.It Fl' |
		grep -oE 'Fl [^ ]+' | sed 's/^Fl /-/; s/^-\\-/--/' | sort -u
}

@test "a page for every command and for the jq module, each with its sections, groff-clean" {
	local n page
	for n in $(commands); do
		page=$TOP/man/$n.1
		[ -f "$page" ] || fail "no man page for $n: write man/$n.1"
		for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
			sections "$page" | grep -qx "$s" || fail "$n.1: no $s section"
		done
		run groff -mdoc -t -ww -z "$page"
		assert_equal "$n: $output" "$n: "
	done
	for s in NAME DESCRIPTION FILES EXAMPLES "SEE ALSO"; do
		sections "$TOP/man/sweep.jq.7" | grep -qx "$s" || fail "sweep.jq.7: no $s section"
	done
}

@test "every page's OPTIONS are the options of its --help" {
	local n
	for n in $(commands); do
		assert_equal "$n: $(options_of_page "$TOP/man/$n.1" | tr '\n' ' ')" \
		    "$n: $(options_of_help "$n" | tr '\n' ' ')"
	done
}

@test "the jq module's page lists every function of the module" {
	local f
	for f in $(sed -n 's/^def \([a-z][a-z_]*\).*/\1/p' "$TOP/filters/sweep.jq"); do
		grep -qE "^\.It (Fn|Li) $f( |$)" "$TOP/man/sweep.jq.7" ||
			fail "sweep.jq.7 does not list $f"
	done
}

@test "every EXAMPLES block of every page runs (bash -e -o pipefail, installed commands)" {
	local page n=0
	for page in "$TOP"/man/*.[17]; do
		awk -v page="${page##*/}" '
		    /^\.Sh EXAMPLES/ { on = 1 } /^\.Sh / && !/EXAMPLES/ { on = 0 }
		    on && /^\.Bd -literal/ { f = "ex." page "." ++k; next }
		    on && /^\.Ed/ { close(f); f = ""; next }
		    on && f { gsub(/\\e/, "\\"); print > f }' "$page"
	done
	for ex in ex.*; do
		n=$((n + 1))
		rm -rf box && mkdir box && cp "$TOP/examples/base.json" box/
		run bash -e -o pipefail -c "cd box && PATH='$PREFIX/bin:$PATH' && . ../$ex" < /dev/null
		assert_equal "$ex: $status $(tail -3 <<< "$output")" "$ex: 0 $(tail -3 <<< "$output")"
	done
	[ "$n" -ge $(( $(ls "$TOP"/man/*.[17] | wc -l) * 3 )) ]
}

@test "make install puts every page where man finds it; man sweep opens the overview" {
	local n
	for n in $(commands); do
		cmp "$PREFIX/share/man/man1/$n.1" "$TOP/man/$n.1"
	done
	cmp "$PREFIX/share/man/man7/sweep.jq.7" "$TOP/man/sweep.jq.7"
	MANPATH=$PREFIX/share/man MANWIDTH=100 run man sweep
	assert_success
	assert_line --regexp '^ +sweep .* hyperparameter sweeps for JSON configs, as Unix pipes$'
	MANPATH=$PREFIX/share/man MANWIDTH=100 run man 7 sweep.jq
	assert_success
	assert_line --regexp '^ +hp\(NAME\)$'
}
