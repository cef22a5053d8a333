#!/bin/sh
# huge_mount.sh TYPE OPTIONS DIR CMD ARG... - mount a file system of TYPE
# (tmpfs, hugetlbfs) with OPTIONS on DIR, a new directory, run CMD with
# MPLOOP_HUGE_DIR=DIR, then unmount DIR and remove it, also when CMD fails
# or the script is interrupted; exit with CMD's status.
# `huge_mount.sh --probe TYPE OPTIONS` exits 0 when such a mount can be made
# here (as root, with the options in effect), else 1.
set -u

probe=0
if [ "${1:-}" = --probe ]; then
    probe=1
    shift
fi
type=$1 opts=$2
shift 2
if [ $probe = 1 ]; then
    dir=$(mktemp -d) || exit 1
else
    dir=$1
    shift
    # A mount left by an earlier run that was killed.
    umount "$dir" 2>/dev/null
    rm -rf "$dir"
    mkdir -p "$dir" || exit 1
fi

cleanup() {
    umount "$dir" 2>/dev/null
    rmdir "$dir" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! mount -t "$type" -o "$opts" none "$dir" 2>/dev/null; then
    [ $probe = 1 ] && exit 1
    echo "huge_mount.sh: cannot mount $type -o $opts on $dir" >&2
    exit 1
fi
# The kernel must have taken the options (huge=always on an older tmpfs).
first=${opts%%,*}
if ! awk -v d="$dir" -v t="$type" -v o="$first" \
        '$2 == d && $3 == t && index($4, o) { found = 1 } END { exit !found }' /proc/mounts; then
    [ $probe = 1 ] && exit 1
    echo "huge_mount.sh: $type on $dir lacks $first" >&2
    exit 1
fi
[ $probe = 1 ] && exit 0

MPLOOP_HUGE_DIR=$dir "$@"
