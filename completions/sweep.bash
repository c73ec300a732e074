# bash completion for sweep and its commands (sweep-add, sweep-expand, ...).
#
# Installed as PREFIX/share/bash-completion/completions/sweep with a link
# for every command, so that bash-completion loads it when first needed;
# or source it from ~/.bashrc after bash-completion.
#
# Options and what their arguments are come from each command's --help,
# read once a session: FILE and SCRIPT complete files, DIR directories,
# KEY the key paths of the base config (sweep-keys --complete),
# --launcher its kinds.
# The base config is the one that -b names in this command or in an
# earlier stage of the pipeline, or a < FILE redirect.
#
# bash hands a completion function only the current command, not the
# earlier stages of its pipeline, so once loaded this file makes TAB save
# the whole line first (it wraps what TAB did, unless TAB was rebound to a
# macro). bash completes nothing on a continuation line (after \ and
# Enter); type the pipeline on one line there.

declare -gA _sweep_opts _sweep_args
declare -g _sweep_line _sweep_cache_key _sweep_tab _sweep_tab_state
declare -ga _sweep_cache _sweep_toks

# Reads "WORDS... --help" once: the options of command CMD into
# _sweep_opts[CMD] ("--base= --create ..."), the metavar of each option
# that takes an argument into _sweep_args[CMD/OPTION], and its operands
# (from the usage line) into _sweep_args[CMD].
_sweep_help()
{
	local cmd=$1 line short long arg opts=
	shift
	[[ -v _sweep_opts[$cmd] ]] && return
	while IFS= read -r line; do
		if [[ $line =~ ^Usage:\ [^\ ]+\ (.*) ]]; then
			_sweep_args[$cmd]=${BASH_REMATCH[1]}
			continue
		fi
		[[ $line =~ ^\ {1,8}(-([^-\ ]),\ +)?--([[:alnum:]][[:alnum:]-]*)(\[?=([^]\ ]+))? ]] ||
			continue
		short=${BASH_REMATCH[2]/[?]/} long=${BASH_REMATCH[3]}
		arg=${BASH_REMATCH[5]}
		opts+=" ${short:+-$short }--$long${arg:+=}"
		if [[ $arg ]]; then
			_sweep_args[$cmd/--$long]=$arg
			[[ $short ]] && _sweep_args[$cmd/-$short]=$arg
		fi
	done < <("$@" --help 2>/dev/null)
	_sweep_opts[$cmd]=$opts
}

# Splits the shell text $1 into words, as far as completion needs: quotes
# and backslashes removed, operators (| ; & < > ( ) and newline) as words
# of their own that start with \1. Into _sweep_toks.
_sweep_split()
{
	local s=$1 w= inword= q
	local op=$'^(\\|\\||\\|&|&&|&>>?|>>|>&|<&|<<<?|[\n|&;<>()])'
	local plain=$'^[^\\\\\'" \t\n|&;<>()]+'
	_sweep_toks=()
	while [[ $s ]]; do
		case $s in
		\\$'\n'*) s=${s:2} ;;
		\\*) w+=${s:1:1} inword=1 s=${s:2} ;;
		\'*)
			q=${s:1} q=${q%%\'*}
			w+=$q inword=1 s=${s:${#q}+2}
			;;
		\"*)
			s=${s:1}
			while [[ $s && $s != \"* ]]; do
				if [[ $s == \\[\"\\\$\`]* ]]; then
					w+=${s:1:1} s=${s:2}
				else
					w+=${s:0:1} s=${s:1}
				fi
			done
			inword=1 s=${s:1}
			;;
		[$' \t\n|&;<>()']*)
			[[ $inword ]] && _sweep_toks+=("$w")
			w= inword=
			if [[ $s =~ $op ]]; then
				_sweep_toks+=($'\1'"${BASH_REMATCH[1]}")
				s=${s:${#BASH_REMATCH[1]}}
			else
				s=${s:1}
			fi
			;;
		*)
			[[ $s =~ $plain ]]
			w+=${BASH_REMATCH[0]} inword=1 s=${s:${#BASH_REMATCH[0]}}
			;;
		esac
	done
	[[ $inword ]] && _sweep_toks+=("$w")
}

# The base config that the pipeline stage in "$@" names: its last -b FILE
# (in a sweep command) or < FILE. Into REPLY; false if none, or stdin.
_sweep_stage_base()
{
	local sweep= i w
	REPLY=
	[[ ${1##*/} == sweep || ${1##*/} == sweep-* ]] && sweep=1
	for ((i = 1; i <= $#; i++)); do
		w=${!i}
		case $w in
		$'\1<') ((i++)) && REPLY=${!i-} ;;
		-b | --base) [[ $sweep ]] && ((i++)) && REPLY=${!i-} ;;
		--base=*) [[ $sweep ]] && REPLY=${w#--base=} ;;
		-b?*) [[ $sweep ]] && REPLY=${w#-b} ;;
		--) break ;;
		esac
	done
	[[ $REPLY == '~/'* ]] && REPLY=$HOME/${REPLY#'~/'}
	[[ $REPLY && $REPLY != - ]]
}

# The base config of the pipeline in the shell text $1, which ends at the
# cursor: named in the current stage, else in the nearest earlier stage
# that names one. Into REPLY.
_sweep_base()
{
	local end start
	_sweep_split "$1"
	local -a t=("${_sweep_toks[@]}")
	for ((end = ${#t[@]}; ; end = start - 1)); do
		for ((start = end; start > 0; start--)); do
			case ${t[start - 1]} in
			$'\1|' | $'\1|&' | $'\1;' | $'\1&' | $'\1&&' | $'\1||' | \
				$'\1(' | $'\1)' | $'\1\n') break ;;
			esac
		done
		_sweep_stage_base "${t[@]:start:end-start}" && return
		[[ ${t[start - 1]-} == $'\1|' || ${t[start - 1]-} == $'\1|&' ]] ||
			return 1
	done
}

# TAB saves the line before it completes: see the top. A second TAB that
# finds the line as the first one left it lists the completions, as TAB
# does unwrapped (readline lists on the second "complete" in a row only).
_sweep_save_line()
{
	local state="$HISTCMD:$READLINE_POINT:$READLINE_LINE"
	if [[ $_sweep_tab == complete && $state == "$_sweep_tab_state" ]]; then
		bind '"\C-x\C-_c": possible-completions'
	else
		bind "\"\\C-x\\C-_c\": $_sweep_tab"
	fi
	_sweep_tab_state=$state
	_sweep_line=${READLINE_LINE:0:READLINE_POINT}
}

_sweep_wrap_tab()
{
	local tab
	[[ $- == *i* ]] || return
	tab=$(bind -p 2>/dev/null | command grep -m1 '^"\\C-i": ')
	tab=${tab#'"\C-i": '}
	[[ $tab && $tab != *[\"\ ]* ]] || return
	_sweep_tab=$tab
	# Loaded by the TAB that completes $COMP_LINE: the next TAB lists
	# if this one leaves the line as it is.
	_sweep_tab_state="$HISTCMD:${COMP_POINT-}:${COMP_LINE-}"
	bind -x '"\C-x\C-_s": _sweep_save_line'
	bind '"\C-i": "\C-x\C-_s\C-x\C-_c"'
}

# The text of the pipeline up to the cursor: the line TAB saved, when it
# ends as this command does, else this command alone.
_sweep_text()
{
	local here=${COMP_LINE:0:COMP_POINT}
	REPLY=$here
	[[ $_sweep_line == *"$here" ]] && REPLY=$_sweep_line
	_sweep_line=
}

# Sets REPLY to key $2 written for the rest of a word whose open quote is
# $1 (' or ", or none): what the key holds stays text inside that quote,
# whatever a hostile config named it. A ' closes the quote, adds \' and
# opens it again; in "...", \ $ ` and " are escaped and ! (history) is
# put in single quotes.
_sweep_quote()
{
	case $1 in
	\') REPLY=${2//\'/\'\\\'\'} ;;
	\") REPLY=${2//\\/\\\\} REPLY=${REPLY//\$/\\\$} REPLY=${REPLY//\`/\\\`}
	    REPLY=${REPLY//\"/\\\"} REPLY=${REPLY//!/\"\'!\'\"} ;;
	*) REPLY=$2
	   [[ $2 == +([[:alnum:]._/-]) ]] || printf -v REPLY %q "$2" ;;
	esac
}

# Completes the key paths of the base config that start with $cur.
_sweep_keys()
{
	local keys=sweep-keys word=$cur quote= file level stamp k limit=
	[[ ${words[0]} == */* ]] && keys=${words[0]%/*}/sweep-keys
	_sweep_text
	_sweep_base "$REPLY" || return
	file=$REPLY
	# A FIFO, a device or /dev/stdin is read by the command, not here:
	# reading it would take its data or wait on the terminal.
	[[ -f $file ]] || return
	case $word in
	\'*) quote=\' word=${word:1} ;;
	\"*) quote=\" word=${word:1} word=${word//\\\"/\"} word=${word//\\\$/\$}
	    word=${word//\\\`/\`} word=${word//\\\\/\\} ;;
	*) word=${word//\\/} ;;
	esac
	# sweep-keys runs once a level (algo.rnn. for algo.rnn.hi) and file
	# version; typing on at that level filters what it gave. A config
	# too big to read in 2 s ($SWEEP_COMPLETION_TIMEOUT) has no keys
	# to offer.
	type -P timeout > /dev/null &&
	    limit="timeout ${SWEEP_COMPLETION_TIMEOUT:-2}"
	level=
	[[ $word == [!.]*.* ]] && level=${word%.*}.
	[[ $word == .* ]] && level=$word
	stamp=$(stat -L -c '%s %.9Y' -- "$file" 2>/dev/null) || return
	if [[ $_sweep_cache_key != "$file $stamp $level" ]]; then
		mapfile -t _sweep_cache < <($limit "$keys" --complete="$level" -- "$file" 2>/dev/null)
		_sweep_cache_key="$file $stamp $level"
	fi
	for k in "${_sweep_cache[@]}"; do
		[[ $k == "$word"* ]] || continue
		_sweep_quote "$quote" "$k"
		COMPREPLY+=("$REPLY")
	done
	[[ ${#COMPREPLY[@]} -eq 1 && $COMPREPLY == *[.[] ]] && compopt -o nospace
}

# Completes the argument of option $1 of command $2.
_sweep_arg()
{
	case $1 in
	--launcher | -l) COMPREPLY=($(compgen -W 'bash parallel slurm' -- "$cur")) ;;
	*) case ${_sweep_args[$2/$1]} in
		KEY) _sweep_keys ;;
		FILE) _filedir ;;
		DIR) _filedir -d ;;
		esac ;;
	esac
}

_sweep()
{
	local cur prev words cword split cmd i
	_init_completion -s || return
	cmd=${words[0]##*/}
	_sweep_help "$cmd" "${words[0]}"
	if [[ $cmd == sweep ]]; then
		for ((i = 1; i < cword; i++)); do
			[[ ${words[i]} == -* ]] || break
		done
		if ((i == cword)) && [[ $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$("${words[0]}" --commands 2>/dev/null)" -- "$cur"))
			return
		elif ((i < cword)); then
			cmd=sweep-${words[i]}
			_sweep_help "$cmd" "${words[0]}" "${words[i]}"
		fi
	fi
	if [[ -v _sweep_args[$cmd/$prev] ]]; then
		_sweep_arg "$prev" "$cmd"
	elif [[ $split == true ]]; then
		return
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${_sweep_opts[$cmd]}" -- "$cur"))
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
	elif [[ ${_sweep_args[$cmd]-} == *FILE* || ${_sweep_args[$cmd]-} == *SCRIPT* ]]; then
		_filedir
	fi
}

complete -F _sweep sweep sweep-add sweep-expand sweep-keys sweep-name \
	sweep-script sweep-status sweep-collect sweep-table sweep-plot \
	$(compgen -c sweep- 2>/dev/null)
_sweep_wrap_tab
