// Fix-it hints: the text under the caret, and with
// -fdiagnostics-parseable-fixits also clang's machine-readable line
// fix-it:"file":{L1:C1-L2:C2}:"text" (end column exclusive, the file and the
// text escaped as clang escapes them), for mploop's own notes and for the
// compiler's errors alike.  Without the option no such line is printed.
//
// RUN: %mploop %s -o %t.c -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s
// RUN: %mploop %s -o %t.c 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not=fix-it:
// RUN: rm -rf %t.d && mkdir -p %t.d && cp %S/Inputs/fixit_errors.c '%t.d/a"b\c.c'
// RUN: cd %t.d && not %mploop 'a"b\c.c' -fdiagnostics-parseable-fixits 2>&1 | FileCheck %s --check-prefix=CLANG

void f(double *out, int n)
{
    double tmp[4];
#pragma mploop for schedule(static)
    for (int i = 0; i < n; i++) {
        tmp[0] = i;
        out[i] = tmp[0];
    }
}
// CHECK: format_fixits.c:17:9: warning: array 'tmp' {{.*}} [-Wmploop-scratch]
// CHECK: format_fixits.c:15:36: note: add 'private(tmp)' to the pragma
// CHECK-NEXT: {{^#pragma mploop for schedule\(static\)$}}
// CHECK-NEXT: {{^                                   \^$}}
// CHECK-NEXT: {{^                                    private\(tmp\)$}}
// CHECK-NEXT: {{^}}fix-it:"{{.*}}format_fixits.c":{15:36-15:36}:" private(tmp)"{{$}}
// PLAIN: format_fixits.c:15:36: note: add 'private(tmp)' to the pragma
// PLAIN-NEXT: {{^#pragma mploop for schedule\(static\)$}}
// PLAIN-NEXT: {{^                                   \^$}}
// PLAIN-NEXT: {{^                                    private\(tmp\)$}}

// CLANG: a"b\c.c:2:30: error: member reference type 'struct S *' is a pointer; did you mean to use '->'?
// CLANG-NEXT: {{^int g\(struct S \*s\) \{ return s\.x; \}$}}
// CLANG-NEXT: {{^                            ~\^$}}
// CLANG-NEXT: {{^                             ->$}}
// CLANG-NEXT: {{^}}fix-it:"a\"b\\c.c":{2:30-2:31}:"->"{{$}}
// CLANG-NEXT: a"b\c.c:5:14: error: expected ';' at end of declaration
// CLANG-NEXT: {{^    int y = a$}}
// CLANG-NEXT: {{^             \^$}}
// CLANG-NEXT: {{^             ;$}}
// CLANG-NEXT: {{^}}fix-it:"a\"b\\c.c":{5:14-5:14}:";"{{$}}
