#!/usr/bin/env python3
"""bench_fields.py - print what mploop-bench --json wrote, for FileCheck.

Usage: bench_fields.py RESULTS.json

Prints the document's settings, then for the program and for each loop
(`loop FILE:LINE`, the directory left out of FILE) one line per point:
`  workers=W rounds=N runs=R in_process=P` (runs and in_process for loops
only), with `wall=-` where the median is null.  Times and ratios are not
printed, they vary; instead the script checks that they agree with each
other (the median is the median of the rounds, the speed-up is the
baseline's median over the point's, the efficiency is the speed-up over
the workers) and prints `consistent` at the end, or what disagrees.
"""
import json
import os
import statistics
import sys


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def check_point(where, p, base, problems):
    rounds = [v for v in p['wall_s_rounds'] if v is not None]
    median = statistics.median(rounds) if rounds else None
    if not close(p['wall_s'], median):
        problems.append('%s: wall_s %r is not the median of %r' % (where, p['wall_s'], rounds))
    speedup = base / p['wall_s'] if base and p['wall_s'] else None
    if not close(p['speedup'], speedup):
        problems.append('%s: speedup %r, expected %r' % (where, p['speedup'], speedup))
    if p['workers'] is not None:
        eff = p['speedup'] / p['workers'] if p['speedup'] is not None else None
        if not close(p['efficiency'], eff):
            problems.append('%s: efficiency %r, expected %r' % (where, p['efficiency'], eff))


def print_points(points, base, name, problems):
    for p in points:
        line = '  workers=%s%s rounds=%d' % ('seq' if p['workers'] is None else p['workers'],
                                            '*' if p['over_cpus'] else '',
                                            len(p['wall_s_rounds']))
        if 'runs' in p:
            line += ' runs=%s in_process=%s' % (p['runs'], p['runs_in_process'])
        if p['wall_s'] is None:
            line += ' wall=-'
        print(line)
        check_point('%s workers=%s' % (name, p['workers']), p, base, problems)


def main():
    doc = json.load(open(sys.argv[1]))
    problems = []
    print('version=%d command=%s seq=%s rounds=%d' % (
        doc['version'], ' '.join(os.path.basename(doc['command'][0]).split() + doc['command'][1:]),
        doc['seq'] and os.path.basename(doc['seq']), doc['rounds']))
    print('program_baseline=%s loop_baseline=%s one_worker_added=%s loop_report=%s' % (
        doc['program_baseline'], doc['loop_baseline'], doc['one_worker_added'],
        doc['loop_report']))
    points = doc['program']['points']
    want = None if doc['program_baseline'] == 'seq' else 1
    base = [p for p in points if p['workers'] == want][0]['wall_s']
    print('program')
    print_points(points, base, 'program', problems)
    for loop in doc['loops']:
        name = '%s:%s' % (os.path.basename(loop['file']), loop['line'])
        print('loop %s' % name)
        base = [p for p in loop['points'] if p['workers'] == 1][0]['wall_s']
        print_points(loop['points'], base, name, problems)
    for p in problems:
        print('problem: ' + p)
    if not problems:
        print('consistent')


if __name__ == '__main__':
    main()
