#!/usr/bin/env python3
"""report_fields.py - print an mploop loop report (JSON or CSV) for FileCheck.

Usage: report_fields.py REPORT.json|REPORT.csv [SCHEMA]

Reads the file MPLOOP_REPORT wrote (the format by its extension; CSV with
Python's csv module, which also checks the quoting) and prints one line per
loop, `loop FILE:LINE` with the directory left out of FILE, then one line
per field, `  name=value`, in the order of the file's columns, floats with
3 decimals; JSON adds each worker's detail as `  worker W iterations=N
chunks=N busy_s=X`.  A pipeline's stages (JSON's stage_detail, CSV's rows
of kind "stage") print as `  stage K (KIND) line=N items=N dropped=N
concurrency=N bottleneck=0|1 busy_s=X busy_share=X` after its fields.
With SCHEMA, a CSV's header must name exactly the members the schema
requires of a loop (the detail arrays excepted, which CSV does not carry),
then a stage's (stage, then the stage's members but items and busy_s, kind
and line as stage_kind and stage_line): the two formats carry the same
figures.
"""
import csv
import json
import os
import sys


def show(value):
    if isinstance(value, float):
        return '%.3f' % value
    return str(value)


def print_stage(s):
    print('  stage %d (%s) line=%d items=%d dropped=%d concurrency=%d bottleneck=%d '
          'busy_s=%.3f busy_share=%.3f' %
          (s['stage'], s['kind'], s['line'], s['items'], s['dropped'], s['concurrency'],
           s['bottleneck'], s['busy_s'], s['busy_share']))


def print_loop(loop, names):
    print('loop %s:%s' % (os.path.basename(str(loop['file'])), loop['line']))
    for name in names:
        if name not in ('worker_detail', 'stage_detail'):
            print('  %s=%s' % (name, show(loop[name])))
    for w in loop.get('worker_detail', []):
        print('  worker %d iterations=%d chunks=%d busy_s=%.3f' %
              (w['worker'], w['iterations'], w['chunks'], w['busy_s']))
    for s in loop.get('stage_detail', []):
        print_stage(s)


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
        loops = schema['properties']['loops']['items']
        want = [n for n in loops['required'] if n not in ('worker_detail', 'stage_detail')]
        stage = loops['properties']['stage_detail']['items']['required']
        want += ['stage'] + ['stage_' + n if n in ('kind', 'line') else n for n in stage
                             if n not in ('stage', 'items', 'busy_s')]
        if header != want:
            sys.exit('%s: CSV columns %s differ from the schema %s' % (path, header, want))
    for row in rows[1:]:
        if len(row) != len(header):
            sys.exit('%s: a row has %d fields, the header %d' % (path, len(row), len(header)))
        loop = {name: number(text) for name, text in zip(header, row)}
        if loop.get('kind') == 'stage':
            print_stage(dict(loop, kind=loop['stage_kind'], line=loop['stage_line'],
                             items=loop['iterations']))
        else:
            print_loop(loop, header)
    return 0


if __name__ == '__main__':
    sys.exit(main())
