#!/usr/bin/env bats
# sweep: the dispatcher that runs sweep-COMMAND, beside itself or on PATH.

load helper

# A sweep-NAME script in DIR that prints its name and arguments.
fake() {
	mkdir -p "$1"
	printf '#!/bin/sh\necho "%s $*"\n' "$2" > "$1/sweep-$2"
	chmod +x "$1/sweep-$2"
}

@test "sweep COMMAND ARGS runs sweep-COMMAND with the ARGS, options too" {
	run sweep keys "$FIX/small.json"
	assert_success
	assert_output "$(sweep-keys "$FIX/small.json")"
	run bash -c "sweep expand --help < /dev/null | head -1"
	assert_output 'Usage: sweep-expand [OPTION...]'
	run --separate-stderr sweep add -k
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" "sweep-add: option requires an argument -- 'k'"
}

@test "third-party sweep-NAME commands on PATH run the same way" {
	fake tools hello
	PATH=$PWD/tools:$PATH run sweep hello -x 'a b'
	assert_success
	assert_output 'hello -x a b'
}

@test "a command beside sweep comes before one on PATH" {
	mkdir -p own
	cp "$TOP/bin/sweep" own/sweep
	fake own keys
	run own/sweep keys -c a
	assert_output 'keys -c a'
	run sweep keys -c a "$FIX/small.json"
	assert_output 'a'
}

@test "--help and --commands list the commands installed, each once" {
	fake tools hello
	fake more hello
	fake more zap
	printf 'not a program\n' > tools/sweep-data
	PATH=$PWD/tools:$PWD/more:/usr/bin:/bin run "$TOP/bin/sweep" --commands
	assert_success
	assert_output $'add\ncollect\nexpand\nhello\nkeys\nname\nplot\nscript\nstatus\ntable\nzap'
	PATH=$PWD/tools:$PWD/more:/usr/bin:/bin run "$TOP/bin/sweep" --help
	assert_success
	assert_line 'Usage: sweep [OPTION...] COMMAND [ARG...]'
	assert_line 'Commands installed (beside sweep, then on PATH): add, collect, expand, hello,'
	assert_line 'keys, name, plot, script, status, table, zap.'
	run sweep --version
	assert_output "sweep $(sed -n 's/^VERSION = //p' "$TOP/Makefile")"
}

@test "refusals: no command, an unknown one, one that cannot run" {
	run --separate-stderr sweep
	assert_failure 64
	assert_equal "${stderr%%$'\n'*}" 'sweep: no COMMAND: give one of those that sweep --help lists'
	run --separate-stderr sweep nope 1 2
	assert_failure 64
	assert_equal "$stderr" 'sweep: no command nope (no sweep-nope beside sweep or on PATH): sweep --help lists the commands installed'
	run --separate-stderr sweep ../bin/sweep-keys
	assert_failure 64
	assert_equal "$stderr" 'sweep: no command ../bin/sweep-keys (no sweep-../bin/sweep-keys beside sweep or on PATH): sweep --help lists the commands installed'
	mkdir tools && printf 'echo\n' > tools/sweep-data && chmod -x tools/sweep-data
	PATH=$PWD/tools:$PATH run --separate-stderr sweep data
	assert_failure 1
	assert_equal "$stderr" 'sweep: sweep-data: Permission denied'
}

@test "sweep help COMMAND is sweep-COMMAND --help; -h is --help everywhere" {
	run sweep help add
	assert_success
	assert_output "$(sweep-add --help)"
	run sweep help
	assert_success
	assert_output "$(sweep --help)"
	run sweep -h
	assert_output "$(sweep --help)"
	for c in add expand keys name script; do
		run "sweep-$c" -h
		assert_success
		assert_output "$(sweep-$c --help)"
		refute_output --partial 'Report bugs'
	done
	run --separate-stderr sweep help nope
	assert_failure 64
	assert_equal "$stderr" 'sweep: no command nope (no sweep-nope beside sweep or on PATH): sweep --help lists the commands installed'
}
