. /usr/share/bash-completion/bash_completion
. /work/wt/attack2/completions/sweep.bash
comp() {
	COMP_LINE=$1; COMP_POINT=${#1}; _sweep_line=
	read -ra COMP_WORDS <<< "$1"; [[ $1 == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=()
	_sweep sweep-add "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
	printf '[%s]\n' "${COMPREPLY[@]}"
}
comp "sweep-add -b $1 -k "
