#!/bin/sh
# A program for mploop-bench's tests: appends to $RECORD_LOG one line per
# run with the setting (MPLOOP_WORKERS, or "seq" when it is unset), where
# MPLOOP_REPORT points (the extension of its file), MPLOOP_PROGRESS and the
# arguments; fails (status 3) when the setting is $RECORD_FAIL.
report=none
[ -n "$MPLOOP_REPORT" ] && report="${MPLOOP_REPORT##*.}"
echo "run ${MPLOOP_WORKERS:-seq} report=$report progress=${MPLOOP_PROGRESS-unset} args=$*" >> "$RECORD_LOG"
echo "output of the program"
[ "${MPLOOP_WORKERS:-seq}" != "$RECORD_FAIL" ] || exit 3
