#!/bin/sh
# outcome.sh SEQ PAR ARG... - run the sequential build SEQ and the mploop
# build PAR of a test program with the same arguments, and print:
#   status=N                     the sequential program's status (sh style:
#                                128+signal for a death by signal)
#   same-status | status differs: seq=A par=B
#   none-left | left: PIDS       processes of PAR still there right after it ended
# then PAR's stderr.  The MPLOOP_* environment reaches PAR.  Neither run
# may dump core, and each is killed after 60 s so a hang fails the test.
ulimit -c 0
seq=$1 par=$2
shift 2
tmp=${TMPDIR:-/tmp}/outcome.$$
timeout -s KILL 60 "$seq" "$@" > "$tmp.seq.out" 2> "$tmp.seq.err"
s=$?
timeout -s KILL 60 "$par" "$@" > "$tmp.par.out" 2> "$tmp.par.err"
p=$?
echo "status=$s"
if [ "$s" = "$p" ]; then echo same-status; else echo "status differs: seq=$s par=$p"; fi
# Checked at once: the parent reaps every worker before it ends.
left=$(pgrep -x -f "$par $*" | tr '\n' ' ')
if [ -z "$left" ]; then echo none-left; else echo "left: $left"; fi
cat "$tmp.par.err"
if ! cmp -s "$tmp.seq.out" "$tmp.par.out"; then
    echo "stdout differs:"
    diff "$tmp.seq.out" "$tmp.par.out"
fi
rm -f "$tmp".*
