# Loaded by launch.bats and slurm.bats: a job that records how it ran,
# checks over those records, and runs whose names need quoting.

# make_job [SECONDS]: writes ./job. "sh job NAME" sleeps SECONDS (default
# 0.2), appends to the file records beside it the line "NAME GPU START
# END TASK JOBNAME" (GPU from CUDA_VISIBLE_DEVICES, times from date
# +%s.%N, TASK and JOBNAME from Slurm; "-" when unset), and fails when a
# file fail-NAME is beside it.
make_job() {
	cat > job <<EOF
dir=\$(dirname "\$0")
start=\$(date +%s.%N)
sleep ${1:-0.2}
echo "\$1 \${CUDA_VISIBLE_DEVICES:--} \$start \$(date +%s.%N)" \\
    "\${SLURM_ARRAY_TASK_ID:--} \${SLURM_JOB_NAME:--}" >> "\$dir/records"
[ ! -e "\$dir/fail-\$1" ]
EOF
}

# The names in records, sorted.
recorded() {
	cut -d ' ' -f 1 records | sort
}

# Pairs of records (default file: records) whose runs overlapped in time
# on one GPU.
gpu_overlaps() {
	awk '{ n++; r[n] = $1; g[n] = $2; s[n] = $3; e[n] = $4 }
	END {
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (g[i] == g[j] && s[i] < e[j] && s[j] < e[i])
					print r[i] " and " r[j] " on GPU " g[i]
	}' "${1:-records}"
}

# The most runs in records that were running at one time.
most_at_once() {
	awk '{ s[NR] = $3; e[NR] = $4 }
	END {
		for (i = 1; i <= NR; i++) {
			c = 0
			for (j = 1; j <= NR; j++)
				c += s[j] <= s[i] && s[i] < e[j]
			m = c > m ? c : m
		}
		print m
	}' records
}

# show_records TITLE: the records, times in seconds from the first start,
# as comments in the TAP stream, for the reader of the test log.
show_records() {
	{
		echo "# $1"
		sort -k 3,3n records | awk 'NR == 1 { t0 = $3 }
		    { printf "#   %s gpu=%s %.2f-%.2fs task=%s job=%s\n",
			$1, $2, $3 - t0, $4 - t0, $5, $6 }'
	} >&3
}

# Runs whose names hold spaces, quotes, $ and backticks.
tricky_runs() {
	sweep-add -b "$FIX/small.json" -k b.d -n d -- 'a b' "it's" \
	    'say "hi"' '$(touch pwned)' '`touch pwned`' '$HOME' |
	    sweep-expand | sweep-name
}

# A command template that is shell code with quotes, $ and backticks of
# its own, and what it prints for the tricky runs, in order.
TRICKY_COMMAND='printf '\''%s|%s\n'\'' {name} "$((6 * 7)) `echo b` '\''c d'\''"'
TRICKY_OUTPUT='exp_d_a b|42 b '\''c d'\''
exp_d_it'\''s|42 b '\''c d'\''
exp_d_say "hi"|42 b '\''c d'\''
exp_d_$(touch pwned)|42 b '\''c d'\''
exp_d_`touch pwned`|42 b '\''c d'\''
exp_d_$HOME|42 b '\''c d'\'''

# The function through which a script that logs runs each run, as
# sweep-script writes it.
SWEEP_RUN='# sweep_mark NAME HASH STATUS: marks the end of run NAME, or says it cannot.
sweep_mark() {
	printf '\''%s %(%s)T %s\n'\'' "$3" -1 "$2" 2> /dev/null > "$logs/$1.exit" && return
	rm -f -- "$logs/$1.exit" "$logs/$1.run"
	echo "$0: cannot write $logs/$1.exit: run $1 ended ($3) but counts as failed: make room there and start the script again" >&2
	return 1
}
# sweep_run NAME HASH COMMAND: runs COMMAND, its output in NAME.log, its start
# in NAME.run and its exit status, end and config hash in NAME.exit;
# skipped when NAME.exit says it succeeded with a config of this HASH.
# INT, TERM or HUP during the run end the script once the run is marked.
sweep_run() {
	local s e h
	if ! read -r s e h 2> /dev/null < "$logs/$1.exit" ||
	    [ "$s $h" != "0 $2" ]; then
		rm -f -- "$logs/$1.exit"
		if printf '\''%(%s)T %s %s\n'\'' -1 "$$" "$HOSTNAME" 2> /dev/null \
		    > "$logs/$1.run"; then
			sweep_signal=
			trap '\''sweep_signal=130'\'' INT
			trap '\''sweep_signal=143'\'' TERM
			trap '\''sweep_signal=129'\'' HUP
			(eval "$3") > "$logs/$1.log" 2>&1
			s=$?
			trap - INT TERM HUP
			sweep_mark "$1" "$2" "$s" || s=1
			[ -z "$sweep_signal" ] || exit "$sweep_signal"
		else
			rm -f -- "$logs/$1.run"
			echo "$0: cannot write $logs/$1.run: run $1 not started: make room there and start the script again" >&2
			s=1
		fi
	fi
	[ -z "$SWEEP_RESULTS" ] ||
	    printf '\''%s\0%s\0%s\0'\'' "$index" "$s" "$1" >> "$SWEEP_RESULTS"
	index=$((index + 1))
	return "$s"
}'

# hash_of NAME MANIFEST: the config hash of run NAME in MANIFEST (its
# config holds the base's path, so the hash changes with the tree).
hash_of() {
	jq -r --arg n "$1" 'select(.name == $n) | .hash' "$2"
}
