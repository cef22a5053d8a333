#!/bin/sh
# kill-at.sh SIG WHOM PROG - run PROG FILE in the background (FILE a fresh
# temporary path), wait until PROG writes a process id into FILE (the loop
# body does, then sleeps), send SIG to that process (WHOM=body) or to PROG
# itself (WHOM=program), and print PROG's stderr, `status=N` as sh reports
# it and `none-left` when no process of PROG is left, else `left: PIDS`.
# SIGINT is given its default disposition, which sh takes away from
# background commands.
sig=$1 whom=$2 prog=$3
file=${TMPDIR:-/tmp}/kill-at.$$
rm -f "$file" "$file.tmp" "$file.err"
ulimit -c 0
env --default-signal=INT "$prog" "$file" 2> "$file.err" &
p=$!
i=0
while [ ! -s "$file" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
if [ "$whom" = body ]; then kill -s "$sig" "$(cat "$file")"; else kill -s "$sig" $p; fi
( sleep 30; kill -s KILL $p ) > /dev/null 2>&1 < /dev/null &
watchdog=$!
wait $p
s=$?
pkill -P $watchdog 2> /dev/null
kill $watchdog 2> /dev/null
cat "$file.err"
echo "status=$s"
# Checked at once: the parent reaps every worker before it ends (workers
# killed only by the parent-death signal could still be exiting).
left=$(pgrep -x -f "$prog $file" | tr '\n' ' ')
if [ -z "$left" ]; then echo none-left; else echo "left: $left"; fi
rm -f "$file" "$file.tmp" "$file.err"
