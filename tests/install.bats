#!/usr/bin/env bats
# make install: commands, man pages, completions and jq modules where
# bash-completion, zsh, fish, man and jq look for them.

load helper

setup_file() {
	sh "$TOP/tests/install-deps" man-db >&3
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
	for n in "$TOP"/man/*.7; do
		expected+="./share/man/man7/${n##*/}
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
