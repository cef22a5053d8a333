#!/usr/bin/env python3
"""report_fields.py - print an mploop loop report (JSON or CSV) for FileCheck.

Usage: report_fields.py REPORT.json|REPORT.csv [SCHEMA]

Reads the file MPLOOP_REPORT wrote (the format by its extension; CSV with
Python's csv module, which also checks the quoting) and prints one line per
loop, `loop FILE:LINE` with the directory left out of FILE, then one line
per field, `  name=value`, in the order of the file's columns, floats with
3 decimals; JSON adds each worker's detail as `  worker W iterations=N
chunks=N busy_s=X`.  With SCHEMA, a CSV's header must name exactly the
members the schema requires of a loop (worker_detail excepted, which CSV
does not carry): the two formats carry the same figures.
"""
import csv
import json
import os
import sys


def show(value):
    if isinstance(value, float):
        return '%.3f' % value
    return str(value)


def print_loop(loop, names):
    print('loop %s:%s' % (os.path.basename(str(loop['file'])), loop['line']))
    for name in names:
        if name not in ('worker_detail',):
            print('  %s=%s' % (name, show(loop[name])))
    for w in loop.get('worker_detail', []):
        print('  worker %d iterations=%d chunks=%d busy_s=%.3f' %
              (w['worker'], w['iterations'], w['chunks'], w['busy_s']))


def number(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def main():
    path = sys.argv[1]
    if path.endswith('.json'):
        with open(path) as f:
            report = json.load(f)
        for loop in report['loops']:
            print_loop(loop, list(loop.keys()))
        return 0
    with open(path, newline='') as f:
        raw = f.read()
    if raw and not raw.endswith('\r\n'):
        sys.exit('%s: a CSV line does not end with CRLF' % path)
    rows = list(csv.reader(raw.splitlines()))
    header = rows[0]
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            schema = json.load(f)
        want = [n for n in schema['properties']['loops']['items']['required']
                if n != 'worker_detail']
        if header != want:
            sys.exit('%s: CSV columns %s differ from the schema %s' % (path, header, want))
    for row in rows[1:]:
        if len(row) != len(header):
            sys.exit('%s: a row has %d fields, the header %d' % (path, len(row), len(header)))
        loop = {name: number(text) for name, text in zip(header, row)}
        print_loop(loop, header)
    return 0


if __name__ == '__main__':
    sys.exit(main())
