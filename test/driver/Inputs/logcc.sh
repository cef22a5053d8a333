#!/bin/sh
# A C compiler for tests: appends its arguments, one per line, then "--",
# to $LOGDIR/cc.log and runs $REALCC with them.
for a in "$@"; do
    printf '%s\n' "$a"
done >> "$LOGDIR/cc.log"
echo "--" >> "$LOGDIR/cc.log"
exec "$REALCC" "$@"
