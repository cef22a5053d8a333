#!/bin/sh
# kill-at.sh SIG WHOM PROG - run PROG FILE (FILE a fresh temporary path) as
# the leader of its own process group (alone.py), wait until PROG writes a
# process id into FILE (the loop body does, then sleeps), send SIG to that
# process (WHOM=body) or to PROG itself (WHOM=program), and print PROG's
# stderr, `status=N` as sh reports it and `none-left` when no process of
# PROG is left (its process group, or processes it orphaned), else
# `left: PIDS`.  PROG starts with SIGINT, SIGTERM and SIGHUP at their
# default action, and is killed after 30 s so a hang fails the test.
sig=$1 whom=$2 prog=$3
here=$(dirname "$0")
file=${TMPDIR:-/tmp}/kill-at.$$
rm -f "$file" "$file.tmp" "$file.err" "$file.report"
ulimit -c 0
python3 "$here/alone.py" --timeout 30 --report "$file.report" --signal "$sig" \
    --to "$whom" --pidfile "$file" -- "$prog" "$file" 2> "$file.err"
cat "$file.err"
cat "$file.report"
rm -f "$file" "$file.tmp" "$file.err" "$file.report"
