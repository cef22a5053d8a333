#!/usr/bin/env python3
"""pty_run.py - run a command on a pseudo-terminal and show what it wrote.

Usage: pty_run.py COMMAND [ARG...]

The command's standard input, output and error are the slave side of a new
pseudo-terminal (so isatty() is true for each), as when a user runs it in
a terminal.  Everything it writes is copied to standard output with the
control characters made visible for FileCheck: carriage return as <CR>,
escape as <ESC>, other control characters but newline as <0xNN>; the
terminal's own newline translation (\\n written as \\r\\n) is undone.
Exits with the command's exit status (128 + N when killed by signal N).
Standard library only.
"""
import os
import pty
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: pty_run.py COMMAND [ARG...]')
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvp(sys.argv[1], sys.argv[1:])
        finally:
            os._exit(127)
    data = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the slave side is closed
            break
        if not chunk:
            break
        data += chunk
    _, status = os.waitpid(pid, 0)
    text = bytes(data).replace(b'\r\n', b'\n')
    out = []
    for b in text:
        if b == 0x0d:
            out.append('<CR>')
        elif b == 0x1b:
            out.append('<ESC>')
        elif b < 0x20 and b != 0x0a:
            out.append('<0x%02x>' % b)
        else:
            out.append(chr(b))
    sys.stdout.write(''.join(out))
    sys.stdout.flush()
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == '__main__':
    sys.exit(main())
