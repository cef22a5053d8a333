#!/bin/sh
# memcg.sh LIMIT CMD ARG... - run CMD in a new memory cgroup, a child of
# this process's own, limited to LIMIT bytes (swap included), so that the
# kernel's OOM killer acts inside it; remove the cgroup afterwards and exit
# with CMD's status.  `memcg.sh --probe` exits 0 when such a cgroup can be
# made here (cgroup v1 memory controller or cgroup v2), else 1.
set -u

# The directory of this process's memory cgroup, or nothing.
own_cgroup() {
    v1=$(sed -n 's/^[0-9]*:memory:\(.*\)$/\1/p' /proc/self/cgroup)
    if [ -n "$v1" ] && [ -d "/sys/fs/cgroup/memory$v1" ]; then
        echo "/sys/fs/cgroup/memory$v1"
        return
    fi
    v2=$(sed -n 's/^0::\(.*\)$/\1/p' /proc/self/cgroup)
    for root in /sys/fs/cgroup /sys/fs/cgroup/unified; do
        if [ -n "$v2" ] && [ -f "$root$v2/cgroup.controllers" ] &&
           grep -qw memory "$root$v2/cgroup.controllers"; then
            echo "$root$v2"
            return
        fi
    done
}

parent=$(own_cgroup)
dir=$parent/mploop-memcg-$$
if [ -z "$parent" ] || ! mkdir "$dir" 2>/dev/null; then
    [ "${1:-}" = --probe ] && exit 1
    echo "memcg.sh: cannot make a memory cgroup here" >&2
    exit 2
fi
if [ "${1:-}" = --probe ]; then
    rmdir "$dir"
    exit 0
fi
limit=$1
shift
if [ -f "$dir/memory.limit_in_bytes" ]; then           # cgroup v1
    echo "$limit" > "$dir/memory.limit_in_bytes" || exit 2
    [ -f "$dir/memory.memsw.limit_in_bytes" ] &&
        echo "$limit" > "$dir/memory.memsw.limit_in_bytes"
else                                                     # cgroup v2
    echo "$limit" > "$dir/memory.max" || exit 2
    [ -f "$dir/memory.swap.max" ] && echo 0 > "$dir/memory.swap.max"
fi
sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' sh "$dir" "$@"
status=$?
# The processes are gone; the cgroup may take a moment to empty.
for i in 1 2 3 4 5 6 7 8 9 10; do
    rmdir "$dir" 2>/dev/null && break
    sleep 0.1
done
exit $status
