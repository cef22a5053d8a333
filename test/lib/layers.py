#!/usr/bin/env python3
"""Check the layering of the runtime library from its object files.

Reads `nm -A` of the archive given on the command line and builds the graph
of calls between its files (file A -> file B when A.o references a symbol
B.o defines).  Fails, naming the files involved, when the graph has a cycle
or when a file calls a file it must not (--deny FILE=OTHER,OTHER...).  On
success prints the files layer by layer, the leaves first.
"""
import argparse
import collections
import subprocess
import sys


def graph(archive):
    out = subprocess.run(['nm', '-A', archive], capture_output=True, text=True, check=True).stdout
    defs, refs = {}, collections.defaultdict(set)
    files = set()
    for line in out.splitlines():
        # "lib.a:file.c.o:0000000000000000 T name" or "lib.a:file.c.o:                 U name"
        head, _, rest = line.rpartition(':')
        member = head.rsplit(':', 1)[-1]
        name = member[:-4] if member.endswith('.c.o') else member
        fields = rest.split()
        if len(fields) < 2:
            continue
        files.add(name)
        kind, sym = fields[-2], fields[-1]
        if kind == 'U':
            refs[name].add(sym)
        elif kind.isupper():
            defs[sym] = name
    g = {f: set() for f in files}
    for f, syms in refs.items():
        for s in syms:
            if s in defs and defs[s] != f:
                g[f].add(defs[s])
    return g


def cycles(g):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def layers(g):
    level = {}

    def depth(v):
        if v not in level:
            level[v] = 1 + max((depth(w) for w in g[v]), default=-1)
        return level[v]

    for v in g:
        depth(v)
    by = collections.defaultdict(list)
    for v, d in level.items():
        by[d].append(v)
    return [sorted(by[d]) for d in sorted(by)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('archive')
    ap.add_argument('--deny', action='append', default=[],
                    help='FILE=OTHER,... : FILE must not call any of the OTHER files')
    args = ap.parse_args()
    g = graph(args.archive)
    bad = 0
    for comp in cycles(g):
        print('layers: error: these files call each other in a cycle: ' + ', '.join(comp))
        for f in comp:
            print('  %s -> %s' % (f, ', '.join(sorted(x for x in g[f] if x in comp))))
        bad = 1
    for rule in args.deny:
        f, _, others = rule.partition('=')
        if f not in g:
            print('layers: error: no file %s in the archive' % f)
            bad = 1
            continue
        for o in others.split(','):
            if o in g[f]:
                print('layers: error: %s calls %s, which it must not' % (f, o))
                bad = 1
    if bad:
        return 1
    for i, layer in enumerate(layers(g)):
        print('layer %d: %s' % (i, ' '.join(layer)))
    print('layers: no cycle among %d files' % len(g))
    return 0


if __name__ == '__main__':
    sys.exit(main())
