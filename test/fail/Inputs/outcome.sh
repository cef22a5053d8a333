#!/bin/sh
# outcome.sh SEQ PAR ARG... - run the sequential build SEQ and the mploop
# build PAR of a test program with the same arguments, and print:
#   status=N                     the sequential program's status (sh style:
#                                128+signal for a death by signal)
#   same-status | status differs: seq=A par=B
#   none-left | left: PIDS       processes of PAR (its process group, and
#                                any it orphaned) still there right after it
#                                ended; see alone.py
# then PAR's stderr.  The MPLOOP_* environment reaches PAR.  Neither run
# may dump core, and each is killed after 60 s so a hang fails the test.
ulimit -c 0
seq=$1 par=$2
shift 2
here=$(dirname "$0")
tmp=${TMPDIR:-/tmp}/outcome.$$
timeout -s KILL 60 "$seq" "$@" > "$tmp.seq.out" 2> "$tmp.seq.err"
s=$?
python3 "$here/alone.py" --timeout 60 --report "$tmp.par.report" -- "$par" "$@" \
    > "$tmp.par.out" 2> "$tmp.par.err"
p=$(sed -n 's/^status=//p' "$tmp.par.report")
echo "status=$s"
if [ "$s" = "$p" ]; then echo same-status; else echo "status differs: seq=$s par=$p"; fi
grep -v '^status=' "$tmp.par.report"
cat "$tmp.par.err"
if ! cmp -s "$tmp.seq.out" "$tmp.par.out"; then
    echo "stdout differs:"
    diff "$tmp.seq.out" "$tmp.par.out"
fi
rm -f "$tmp".*
