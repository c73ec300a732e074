#!/usr/bin/env bats
# make install: commands, man pages, completions and jq modules where
# bash-completion, zsh, fish, man and jq look for them.

load helper

setup_file() {
	sh "$TOP/tests/install-deps" help2man man-db >&3
}

# The commands make builds: sweep and every sweep-*.
commands() {
	(cd "$TOP/cmd" && ls *.c | sed 's/\.c$//')
}

@test "make install PREFIX=DIR puts everything where it is looked for" {
	make -s -C "$TOP" install PREFIX="$PWD/usr" > /dev/null
	local n expected=
	for n in $(commands); do
		expected+="./bin/$n
./share/man/man1/$n.1
"
		[ "$n" = sweep ] && continue
		expected+="./share/bash-completion/completions/$n -> sweep
./share/fish/vendor_completions.d/$n.fish -> sweep.fish
"
	done
	for n in "$TOP"/filters/*.jq; do
		[ -e "$n" ] && expected+="./lib/jq/${n##*/}
"
	done
	expected+="./share/bash-completion/completions/sweep
./share/fish/vendor_completions.d/sweep.fish
./share/zsh/site-functions/_sweep"
	run bash -c "cd usr && find . -type l -printf '%p -> %l\n' -o -type f -print | sort"
	assert_output "$(sort <<< "$expected" | sed '/^$/d')"
	for n in $(commands); do
		[ -x "usr/bin/$n" ] && cmp "usr/bin/$n" "$TOP/bin/$n"
	done
	cmp usr/share/zsh/site-functions/_sweep "$TOP/completions/_sweep"
	run head -1 usr/share/zsh/site-functions/_sweep
	assert_output '#compdef sweep -p sweep-*'
	for n in "$TOP"/filters/*.jq; do
		[ ! -e "$n" ] || cmp "$n" "usr/lib/jq/${n##*/}"
	done
}

@test "DESTDIR stages an install; uninstall takes it away again" {
	make -s -C "$TOP" install DESTDIR="$PWD/stage" PREFIX=/opt/sweep > /dev/null
	[ -x stage/opt/sweep/bin/sweep-add ]
	[ -f stage/opt/sweep/share/man/man1/sweep-add.1 ]
	make -s -C "$TOP" uninstall DESTDIR="$PWD/stage" PREFIX=/opt/sweep > /dev/null
	run find stage ! -type d
	assert_output ''
}

@test "a man page for every command, from its --help" {
	local n line
	make -s -C "$TOP" man > /dev/null
	for n in $(commands); do
		MANWIDTH=200 man -l "$TOP/man/$n.1" > page 2> /dev/null
		grep -q "^       $n - [a-z]" page
		grep -qF "       $n [OPTION...]" page
		# Every option of --help, with its text.
		"$TOP/bin/$n" --help | sed -n 's/^ \{1,8\}\(-.*[^ ]\)   *\(.*\)/\1\n\2/p' |
		while IFS= read -r line; do
			grep -qF -- "$line" page || { echo "$n: no $line"; exit 1; }
		done
	done
	MANWIDTH=200 man -l "$TOP/man/sweep.1" > page
	grep -qF 'Commands installed (beside sweep, then on PATH): add, collect, expand, keys, name, plot, script, status, table.' page
	grep -qF '       sweep - run the sweep command COMMAND with ARGs' page
}
