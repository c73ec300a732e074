# Loaded by the completion suites: sweep installed into a temporary
# prefix by make install, and interactive shells that know nothing of the
# user's dotfiles, driven through tmux (bash, zsh) or complete -C (fish).
load helper

# Once a suite: the packages, make install into $PREFIX, and the configs
# that completion reads, in $CONFIGS.
setup_file() {
	sh "$TOP/tests/install-deps" tmux bash-completion zsh fish >&3 ||
		return 1
	export PREFIX=$BATS_FILE_TMPDIR/prefix CONFIGS=$BATS_FILE_TMPDIR/configs
	make -s -C "$TOP" install PREFIX="$PREFIX" > /dev/null || return 1
	mkdir -p "$CONFIGS"
	cp "$FIX/robomimic/bc.json" "$CONFIGS/base.json"
	cp "$FIX/robomimic/iris.json" "$CONFIGS/iris.json"
	echo '{"odd.key": {"x/y": 1, "if": 2}, "a": {"b c": 3}}' > "$CONFIGS/odd.json"
}

# The working directory of a test: the configs, an empty directory out/,
# and a spec over base.json.
setup() {
	work_dir || return 1
	cp "$CONFIGS"/*.json .
	mkdir out
	"$PREFIX/bin/sweep-add" -b base.json -k train.seq_length 10 > spec.json
}

# start_shell bash|zsh|fish [RC_LINE]: starts the shell in tmux, a 120x40
# screen, with rc files that only set the prompt, PATH and completion
# (and RC_LINE); waits for the prompt. fish reads no rc line.
start_shell() {
	local home=$BATS_TEST_TMPDIR/home
	mkdir -p "$home"
	SOCKET=$BATS_TEST_TMPDIR/tmux
	case $1 in
	bash)
		cat > "$home/.bashrc" <<-EOF
		PS1='\$ '
		HISTFILE=/dev/null
		. /usr/share/bash-completion/bash_completion
		${2-}
		EOF
		echo 'set bell-style none' > "$home/.inputrc"
		set -- bash --noprofile --rcfile "$home/.bashrc" -i
		;;
	zsh)
		cat > "$home/.zshrc" <<-EOF
		PS1='\$ '
		fpath=("$PREFIX/share/zsh/site-functions" \$fpath)
		autoload -Uz compinit && compinit -u -d "$home/.zcompdump"
		unsetopt beep
		EOF
		set -- zsh --no-globalrcs -i
		;;
	fish)
		mkdir -p "$home/config/fish"
		cat > "$home/config/fish/config.fish" <<-EOF
		function fish_prompt; echo -n '\$ '; end
		function fish_greeting; end
		set -g fish_autosuggestion_enabled 0
		EOF
		set -- env XDG_CONFIG_HOME="$home/config" fish -i
		;;
	esac
	tmux -S "$SOCKET" -f /dev/null new-session -d -x 120 -y 40 \
	    env -i HOME="$home" ZDOTDIR="$home" INPUTRC="$home/.inputrc" \
	    SWEEP_COMPLETION_TIMEOUT="${SWEEP_COMPLETION_TIMEOUT:-2}" \
	    TERM=screen LANG=C.UTF-8 PATH="$PREFIX/bin:/usr/bin:/bin" \
	    XDG_DATA_DIRS="$PREFIX/share" "$@"
	screen_is '$'
}

teardown() {
	[ -z "${SOCKET-}" ] || tmux -S "$SOCKET" kill-server 2> /dev/null || true
}

# The screen, trailing blanks and empty lines dropped.
screen() {
	tmux -S "$SOCKET" capture-pane -p | sed 's/ *$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# screen_is TEXT: waits (10 s at most) until the screen shows TEXT, then
# asserts it does.
screen_is() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(screen)" = "$1" ] && break
		sleep 0.1
	done
	assert_equal "$(screen)" "$1"
}

# type_keys KEY...: as tmux send-keys: text, Tab, C-c ...
type_keys() {
	tmux -S "$SOCKET" send-keys "$@"
}

# Drops the line and clears the screen for the next one. The tty throws
# away what is typed after C-c until the shell is back at its prompt, so
# C-l waits for the prompt at the foot of the screen.
next_line() {
	local i
	type_keys C-c
	for ((i = 0; i < 100; i++)); do
		[ "$(screen | tail -1)" = '$' ] && break
		sleep 0.1
	done
	type_keys C-l
	tmux -S "$SOCKET" clear-history
	screen_is '$'
}

# completes TYPED SCREEN: TYPED and a TAB give SCREEN; then a new line.
completes() {
	type_keys "$1" Tab
	screen_is "$2"
	next_line
}

# completes_after HEAD [TYPED DONE]...: for each pair, HEAD TYPED and a
# TAB give the line HEAD DONE; then a new line.
completes_after() {
	local head=$1
	shift
	while [ $# -ge 2 ]; do
		completes "$head$1" "\$ $head$2"
		shift 2
	done
}

# sweep_add_naming_tab SHELL: in SHELL, TAB completes sweep-add's naming
# and writing options, a key after --name-key and a directory after -o.
sweep_add_naming_tab() {
	start_shell "$1"
	completes_after 'sweep-add -b base.json ' --no-m --no-meta \
	    --name-key=experiment.na --name-key=experiment.name
	completes_after 'sweep-add -b base.json -k train.seed 1 | sweep-add ' \
	    --out-d --out-dir= '-o ' '-o out/'
}
