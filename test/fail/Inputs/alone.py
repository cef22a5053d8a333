#!/usr/bin/env python3
"""alone.py - run a test program alone and report how it ended and what it left.

    alone.py [--report FILE] [--timeout S] [--core]
             [--signal SIG --to program|body --pidfile FILE] -- PROG ARG...

Runs PROG as the leader of a new session and process group, with this helper
as a child subreaper, and writes to FILE (default: stdout), one per line:

    status=N            as sh reports it: the exit status, 128+SIG for a
                        death by signal SIG; `status=timeout` when PROG was
                        still running after S seconds (default 60; then its
                        whole process group is killed)
    core=0|1            with --core: whether the kernel dumped PROG's core
    none-left           no process of PROG is left, or
    left: PID...        the processes of PROG still there right after it
                        ended: every process of its process group, and every
                        process orphaned by it (reparented to this helper,
                        alive or a zombie)

PROG's standard streams are this helper's.  No process is found by name.
With --signal, the helper waits until PROG (its loop body) writes a process
id into the --pidfile, then sends SIG to PROG itself (--to program) or to
that process (--to body).  PROG starts with SIGINT, SIGTERM and SIGHUP at
their default action.  Leftovers are killed and reaped after the report, so
that a failing test does not leave processes behind either.
"""
import argparse
import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def group_members(pgid):
    """Process ids of the live (or zombie) processes of process group pgid."""
    found = []
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % name) as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...; comm may hold spaces and parens.
        fields = stat[stat.rfind(')') + 2:].split()
        if int(fields[2]) == pgid:
            found.append(int(name))
    return found


def children_of(pid):
    """Process ids whose parent is pid."""
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--report')
    ap.add_argument('--timeout', type=float, default=60.0)
    ap.add_argument('--core', action='store_true')
    ap.add_argument('--signal')
    ap.add_argument('--to', choices=('program', 'body'), default='program')
    ap.add_argument('--pidfile')
    ap.add_argument('cmd', nargs='+')
    a = ap.parse_args()

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit('alone.py: cannot become a child subreaper')
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    if a.pidfile:
        for p in (a.pidfile, a.pidfile + '.tmp'):
            if os.path.exists(p):
                os.unlink(p)

    proc = subprocess.Popen(a.cmd, start_new_session=True)
    pid = proc.pid
    deadline = time.monotonic() + a.timeout

    status = None

    def ended():
        nonlocal status
        if status is None:
            r, st = os.waitpid(pid, os.WNOHANG)
            if r == pid:
                status = st
        return status is not None

    if a.signal:
        sig = getattr(signal, 'SIG' + a.signal)
        target = None
        while time.monotonic() < deadline and not ended():
            try:
                with open(a.pidfile) as f:
                    text = f.read().strip()
                if text:
                    target = int(text)
                    break
            except OSError:
                pass
            time.sleep(0.02)
        if target is not None and not ended():
            os.kill(pid if a.to == 'program' else target, sig)

    # Wait for PROG itself (not through Popen, whose reaping of other
    # children we do not want, and which would consume the status).
    while not ended():
        if time.monotonic() >= deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.005)
    proc.returncode = 0  # reaped above

    # What PROG left: its process group (the group id outlives its leader
    # while members remain) and the orphans this subreaper inherited.
    left = set(group_members(pid)) | set(children_of(os.getpid()))
    left.discard(pid)

    lines = []
    if status is None:
        lines.append('status=timeout')
    elif os.WIFSIGNALED(status):
        lines.append('status=%d' % (128 + os.WTERMSIG(status)))
    else:
        lines.append('status=%d' % os.WEXITSTATUS(status))
    if a.core:
        lines.append('core=%d' % (1 if status is not None and os.WCOREDUMP(status) else 0))
    if left:
        lines.append('left: ' + ' '.join(str(p) for p in sorted(left)))
    else:
        lines.append('none-left')
    text = '\n'.join(lines) + '\n'
    if a.report:
        with open(a.report, 'w') as f:
            f.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()

    # Clean up after a failing test.
    for p in left:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    while True:
        try:
            if os.waitpid(-1, 0)[0] <= 0:
                break
        except ChildProcessError:
            break


if __name__ == '__main__':
    main()
