# fish completion for sweep and its commands (sweep-add, sweep-expand, ...).
#
# Installed as PREFIX/share/fish/vendor_completions.d/sweep.fish with a
# link for every command (sweep-add.fish, ...): fish loads the file named
# after the command it completes, and this file completes that command.
#
# Options, their descriptions and what their arguments are come from the
# command's --help: FILE and SCRIPT complete files, DIR directories, KEY the key
# paths of the base config (sweep-keys --complete), --launcher its kinds.
# The base config is the one that -b names in this command or in an
# earlier stage of the pipeline, or a < FILE redirect.

# The base config that the pipeline stage in argv (words) names: its last
# -b FILE (in a sweep command) or < FILE; false if none, or stdin.
function __sweep_stage_base
    set -l file
    set -l sweep (string match -qr '^(.*/)?sweep(-.*)?$' -- $argv[1]; and echo 1)
    set -l i 2
    while test $i -le (count $argv)
        set -l w $argv[$i]
        set -l next $argv[(math $i + 1)]
        if test "$w" = '<'
            set file $next
            set i (math $i + 1)
        else if test -n "$sweep"
            switch $w
                case -b --base
                    set file $next
                    set i (math $i + 1)
                case '--base=*'
                    set file (string replace -- --base= '' $w)
                case '-b?*'
                    set file (string sub -s 3 -- $w)
                case --
                    break
            end
        end
        set i (math $i + 1)
    end
    set file (string replace -r -- '^~/' "$HOME/" $file)
    test -n "$file" -a "$file" != -; and echo $file
end

# The base config of the pipeline whose text, up to the cursor, is argv:
# named in the current stage, else in the nearest earlier one.
function __sweep_base
    printf %s $argv | read -zlat toks
    set -l end (count $toks)
    while true
        set -l start $end
        while test $start -gt 0; and not contains -- $toks[$start] '|' '&|'
            set start (math $start - 1)
        end
        set -l stage
        test $start -lt $end; and set stage $toks[(math $start + 1)..$end]
        __sweep_stage_base $stage; and return
        test $start -gt 0; or return 1
        set end (math $start - 1)
    end
end

# The key paths of the base config, as completion offers them: sweep-keys
# runs once a level (algo.rnn. for algo.rnn.hi) and file version, and fish
# picks from what it gave as typing goes on. A config too big to read in
# 2 s ($SWEEP_COMPLETION_TIMEOUT) has no keys to offer.
function __sweep_keys
    set -l file (__sweep_base (commandline -cj | string collect)); or return
    # A FIFO, a device or /dev/stdin is read by the command, not here:
    # reading it would take its data or wait on the terminal.
    test -f "$file"; or return
    set -l word (commandline -ct | string replace -r -- '^(--[^=]*=|-k)' '' | string unescape)
    set -l level ''
    string match -qr '^[^.].*\.' -- $word; and set level (string replace -r -- '[^.]*$' '' $word)
    string match -q '.*' -- $word; and set level $word
    set -l keys sweep-keys
    set -l cmd (commandline -opc)[1]
    string match -q '*/*' -- $cmd; and set keys (path dirname -- $cmd)/sweep-keys
    set -l key "$file "(path mtime -- $file)" $level"
    if test "$__sweep_cache_key" != "$key"
        set -l limit
        set -l seconds 2
        set -q SWEEP_COMPLETION_TIMEOUT; and set seconds $SWEEP_COMPLETION_TIMEOUT
        command -q timeout; and set limit timeout $seconds
        set -g __sweep_cache ($limit $keys --complete=$level -- $file 2>/dev/null)
        set -g __sweep_cache_key $key
    end
    printf '%s\n' $__sweep_cache
end

# The commands that sweep runs.
function __sweep_commands
    set -l sweep (commandline -opc)[1]
    $sweep --commands 2>/dev/null
end

# sweep COMMAND ...: completes as sweep-COMMAND ... would.
function __sweep_subcommand
    set -l proc (commandline -cp | string collect)
    set -l job (commandline -cj | string collect)
    set -l before (string sub -l (math (string length -- $job) - (string length -- $proc)) -- $job)
    complete -C (string join '' -- $before (string replace -r -- '^(\s*\S*)sweep\s+(\S+)' '$1sweep-$2' $proc))
end

# Adds the options that "argv[2..] --help" lists to the completions of
# command argv[1], under condition argv... after --.
function __sweep_options -a cmd
    set -l run $argv[2..]
    set -l cond
    set -l i (contains -i -- -- $run)
    if test -n "$i"
        set cond -n "$run[$i..-1]"
        set cond[2] (string replace -r -- '^-- ' '' $cond[2])
        set run $run[1..(math $i - 1)]
    end
    set -l short long arg desc
    for line in ($run --help 2>/dev/null) ''
        if test -n "$long"; and string match -qr '^ {20,}\S' -- $line
            set desc "$desc "(string trim -- $line)
            continue
        end
        test -n "$long"; and __sweep_option "$arg" $cmd $cond $short -l $long -d $desc
        set long
        if string match -qr '^Usage: \S+ .*(FILE|SCRIPT)' -- $line
            complete -c $cmd $cond -F
        end
        string match -qr '^ {1,8}(?:-(?<short>[^-? ]), +|(?:-\?, +)?)--(?<long>[[:alnum:]][[:alnum:]-]*)(?:\[?=(?<arg>[^] ]+))?\]? *(?<desc>.*)' -- $line
        and test -n "$short"; and set short -s $short
    end
end

# Adds one option (complete's arguments in argv[2..]) and what its
# argument argv[1] is: the launcher kinds, the keys, files or directories.
function __sweep_option -a arg
    set -e argv[1]
    switch "$argv[-3]:$arg"
        case 'launcher:*'
            complete -c $argv -x -a 'bash parallel slurm'
        case '*:KEY'
            complete -c $argv -x -a '(__sweep_keys)'
        case '*:FILE'
            complete -c $argv -r -F
        case '*:DIR'
            complete -c $argv -x -a '(__fish_complete_directories)'
        case '*:?*'
            complete -c $argv -x
        case '*'
            complete -c $argv
    end
end

set -l cmd (string replace -r -- '\.fish$' '' (path basename -- (status filename)))
complete -c $cmd -f
if test $cmd = sweep
    complete -c sweep -n __fish_use_subcommand -x -a '(__sweep_commands)' -d 'sweep command'
    __sweep_options sweep sweep -- __fish_use_subcommand
    complete -c sweep -n 'not __fish_use_subcommand' -x -a '(__sweep_subcommand)'
else if command -q $cmd
    __sweep_options $cmd $cmd
else
    __sweep_options $cmd sweep (string replace -- sweep- '' $cmd)
end
