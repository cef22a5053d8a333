#!/usr/bin/env bash
# exec-check.sh - run a C program sequentially and under mploop, compare.
#
# Usage: exec-check.sh SRC TMP [extra cflags...]
#
# The sequential answer comes from the same source built with the plain C
# compiler ($CC), which ignores the mploop pragmas.  The parallel build uses
# mploop-cc ($MPLOOP_CC_DRIVER, default: mploop-cc on PATH).  The parallel
# program runs once per worker count in $MPLOOP_TEST_WORKERS (default
# "1 2 3 4") with MPLOOP_VERBOSE=1; its stdout must equal the sequential
# stdout byte for byte and its exit status must be the same.
#
# Files left for the test to inspect (e.g. with FileCheck):
#   TMP.seq TMP.par            the two programs
#   TMP.expected TMP.status    sequential stdout and exit status
#   TMP.out.W TMP.log.W        parallel stdout and stderr with W workers
# Each run is limited to $MPLOOP_TEST_TIMEOUT seconds (default 120), so that
# a hung loop fails the test instead of stopping the suite.
# Every execution of every loop runs on workers (MPLOOP_ADAPT=0 unless the
# environment says otherwise): what is compared is the forked run, and a
# loop repeated in the program would otherwise go in-process once the
# runtime finds that forking does not pay.
# Exits 0 when every run matches, 1 otherwise (after printing the worker
# count, the difference and the runtime's log).
set -u

if [ $# -lt 2 ]; then
    echo "usage: exec-check.sh SRC TMP [extra cflags...]" >&2
    exit 2
fi
src=$1
tmp=$2
shift 2

cc=${CC:-cc}
driver=${MPLOOP_CC_DRIVER:-mploop-cc}
workers=${MPLOOP_TEST_WORKERS:-1 2 3 4}
limit=${MPLOOP_TEST_TIMEOUT:-120}
export MPLOOP_ADAPT="${MPLOOP_ADAPT:-0}"

rm -f "$tmp".seq "$tmp".par "$tmp".expected "$tmp".status "$tmp".out.* "$tmp".log.*

if ! "$cc" -O2 -w "$src" -o "$tmp.seq" "$@" -lm; then
    echo "exec-check: sequential build with $cc failed" >&2
    exit 1
fi
if ! "$driver" -O2 -w "$src" -o "$tmp.par" "$@" -lm; then
    echo "exec-check: build with $driver failed" >&2
    exit 1
fi

timeout -k 5 "$limit" "$tmp.seq" > "$tmp.expected" < /dev/null
seq_status=$?
if [ "$seq_status" = 124 ]; then
    echo "exec-check: the sequential program ran longer than $limit s" >&2
    exit 1
fi
echo "$seq_status" > "$tmp.status"

failed=0
for w in $workers; do
    MPLOOP_WORKERS=$w MPLOOP_VERBOSE=1 timeout -k 5 "$limit" "$tmp.par" \
        > "$tmp.out.$w" 2> "$tmp.log.$w" < /dev/null
    par_status=$?
    if [ "$par_status" = 124 ]; then
        echo "exec-check: with MPLOOP_WORKERS=$w the program ran longer than $limit s" >&2
        failed=1
    elif [ "$par_status" != "$seq_status" ]; then
        echo "exec-check: with MPLOOP_WORKERS=$w the exit status is $par_status," \
             "sequentially it is $seq_status" >&2
        failed=1
    fi
    if ! cmp -s "$tmp.expected" "$tmp.out.$w"; then
        echo "exec-check: with MPLOOP_WORKERS=$w stdout differs from the sequential run" \
             "(--- sequential, +++ parallel):" >&2
        diff -u "$tmp.expected" "$tmp.out.$w" | head -n 60 >&2
        failed=1
    fi
    if [ "$failed" != 0 ]; then
        echo "exec-check: stderr of the run with MPLOOP_WORKERS=$w:" >&2
        head -n 60 "$tmp.log.$w" >&2
        exit 1
    fi
done
exit 0
