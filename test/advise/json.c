// --format=json: one document with a version, and per loop its place,
// depth, parent, verdict, pragma, reason, the dependence (kind, the two
// accesses with their lines and columns, the distance) and whether --apply
// annotates it.  The document is parsed with python3 and each loop printed
// back in one line, which FileCheck reads.
//
// RUN: %mploop --suggest --format=json %s > %t.json
// RUN: python3 -c "import json, sys; d = json.load(open(sys.argv[1])); assert d['version'] == 1 and d['assume_no_alias'] is False and d['file'].endswith('json.c'); [print(l['line'], l['column'], l['depth'], l['parent_line'], l['annotated'], l['verdict'], l['pragma'], '|', l['reason'], l['reason_line'], l['reason_column'], '|', l['alias_only'], l['snapshot'], l['not_worth_it'], l['trip_count'], l['note'], l['chosen_for_apply'], '|', json.dumps(l['dependence'], sort_keys=True)) for l in d['loops']]" %t.json > %t.loops
// RUN: FileCheck %s --match-full-lines < %t.loops
// RUN: %mploop --suggest --format=json --assume-no-alias %s | python3 -c "import json, sys; d = json.load(sys.stdin); assert d['assume_no_alias'] is True; print([l['verdict'] for l in d['loops']])" | FileCheck %s --check-prefix=NOALIAS
// NOALIAS: ['parallel', 'parallel', 'blocked', 'parallel', 'parallel', 'parallel', 'parallel']

void kernel(double *a, double *b, double *restrict c, int n)
{
    double sum = 0;
// CHECK: [[@LINE+1]] 5 0 None False parallel #pragma mploop for reduction(+:sum) | None None None | False False False None None True | null
    for (int i = 0; i < n; i++)
// CHECK-NEXT: [[@LINE+1]] 9 1 [[@LINE-1]] False parallel #pragma mploop for reduction(+:sum) | None None None | False False True 4 inside the loop at line [[@LINE-1]] False | null
        for (int j = 0; j < 4; j++)
            sum += a[i] * j;
// CHECK-NEXT: [[@LINE+1]] 5 0 None False blocked None | loop-carried flow dependence: iteration i writes c[i + 2] (line [[@LINE+2]]), which iteration i + 2 reads as c[i] (line [[@LINE+2]]) [[@LINE+2]] 20 | False False False None None False | {"accesses": [{"column": 9, "iteration": "earlier", "line": [[@LINE+2]], "text": "c[i + 2]"}, {"column": 20, "iteration": "later", "line": [[@LINE+2]], "text": "c[i]"}], "description": "iteration i writes c[i + 2] (line [[@LINE+2]]), which iteration i + 2 reads as c[i] (line [[@LINE+2]])", "distance": [2], "kind": "flow"}
    for (int i = 0; i < n - 2; i++)
        c[i + 2] = c[i] + 1;
// CHECK-NEXT: [[@LINE+1]] 5 0 None False parallel #pragma mploop for | None None None | False True False None None True | {"accesses": [{"column": 16, "iteration": "earlier", "line": [[@LINE+2]], "text": "c[i + 1]"}, {"column": 9, "iteration": "later", "line": [[@LINE+2]], "text": "c[i]"}], "description": "iteration i reads c[i + 1] (line [[@LINE+2]]), which iteration i + 1 overwrites as c[i] (line [[@LINE+2]])", "distance": [1], "kind": "anti"}
    for (int i = 0; i < n - 1; i++)
        c[i] = c[i + 1] * 2;
// CHECK-NEXT: [[@LINE+1]] 5 0 None False unknown None | 'a' and 'b' may point to the same memory (declare the pointers restrict if they never do); or run with --assume-no-alias [[@LINE+2]] 9 | True False False None None False | null
    for (int i = 0; i < n; i++)
        a[i] = b[i];
// CHECK-NEXT: [[@LINE+1]] 5 0 None False parallel #pragma mploop for | None None None | False False True 4 not worth a process: 4 iterations, no loop or call inside False | null
    for (int i = 0; i < 4; i++)
        c[i] = 0;
#pragma mploop for
// CHECK-NEXT: [[@LINE+1]] 5 0 None True parallel #pragma mploop for | None None None | False False False None annotated already False | null
    for (int i = 0; i < n; i++)
        c[i] = 1;
}
