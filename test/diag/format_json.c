// --diagnostics-format=json: standard error holds one JSON document and
// nothing else, {"version": 1, "diagnostics": [...]}, each diagnostic with
// its severity, message, flag (when it has one), file, line, column,
// ranges and fix-its, and the notes that follow it attached to it (a note
// has no "notes" of its own).  Strings are escaped (a file named a"b\c.c).
// The compiler's errors come the same way, with their ranges.  Another
// format is an error.
//
// RUN: rm -rf %t.d && mkdir -p %t.d && cp %s '%t.d/a"b\c.c'
// RUN: cd %t.d && %mploop 'a"b\c.c' -o out.c --diagnostics-format=json -Rmploop 2> err.json
// RUN: python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("version", d["version"]); [print(x["severity"], x.get("flag"), x["file"], x["line"], x["column"], json.dumps(x["ranges"]), json.dumps(x["fixits"]), "|", x["message"]) or [print("  note", n.get("flag"), n["file"], n["line"], n["column"], json.dumps(n["fixits"]), "notes" in n, "|", n["message"]) for n in x["notes"]] for x in d["diagnostics"]]' err.json | FileCheck %s
// RUN: cd %t.d && not %mploop %S/Inputs/fixit_errors.c --diagnostics-format=json 2> clang.json
// RUN: python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); [print(x["severity"], x["line"], x["column"], json.dumps(x["ranges"]), json.dumps(x["fixits"]), len(x["notes"]), "|", x["message"]) for x in d["diagnostics"]]' clang.json | FileCheck %s --check-prefix=CLANG
// RUN: not %mploop %s -o %t.c --diagnostics-format=xml 2>&1 | FileCheck %s --check-prefix=BAD

#include <stdlib.h>

void f(int *a, int n)
{
    int tmp[2];
#pragma mploop for
    for (int i = 0; i < n; i += 1) {
        tmp[0] = rand();
        a[i] = tmp[0];
    }
}
// CHECK: version 1
// CHECK-NEXT: warning -Wmploop-rand a"b\c.c 23 18 [] [] | 'rand' continues the parent's hidden sequence
// CHECK-NEXT:   note None a"b\c.c 22 5 [] False | in the loop over 'i' annotated with '#pragma mploop for'
// CHECK-NEXT: warning -Wmploop-scratch a"b\c.c 23 9 [] [] | array 'tmp' declared outside the parallel loop
// CHECK-NEXT:   note None a"b\c.c 21 19 [{"range": {"start": {"line": 21, "column": 19}, "end": {"line": 21, "column": 19}}, "text": " private(tmp)"}] False | add 'private(tmp)' to the pragma
// CHECK-NEXT: remark -Rmploop a"b\c.c 22 5 [] [] | loop runs in {{.*}}
// CHECK-NOT: {{.}}

// CLANG: error 2 30 [{"start": {"line": 2, "column": 29}, "end": {"line": 2, "column": 30}}] [{"range": {"start": {"line": 2, "column": 30}, "end": {"line": 2, "column": 31}}, "text": "->"}] 0 | member reference type 'struct S *' is a pointer; did you mean to use '->'?
// CLANG-NEXT: error 5 14 [] [{"range": {"start": {"line": 5, "column": 14}, "end": {"line": 5, "column": 14}}, "text": ";"}] 0 | expected ';' at end of declaration
// CLANG-NOT: {{.}}

// BAD: mploop: error: invalid value 'xml' in '--diagnostics-format=xml' (expected 'text' or 'json')
