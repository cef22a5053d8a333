// Colour as clang colours its diagnostics: the location in bold, the
// severity in its colour (error red, warning magenta, remark blue, note
// bold black), the message in bold (not a note's), the caret line in bold
// green and the fix-it text in green.  On by default when standard error
// is a terminal (and TERM is not dumb), off on a pipe; -fcolor-diagnostics
// forces it, -fno-color-diagnostics (the later option wins) turns it off.
// The escape character is shown as <E>.
//
// RUN: %mploop %s -o %t.c -fcolor-diagnostics -Rmploop 2>&1 | sed 's/\x1b/<E>/g' | FileCheck %s
// RUN: env TERM=xterm python3 -c 'import pty, sys; pty.spawn(sys.argv[1:])' %mploop %s -o %t.c -Rmploop | sed 's/\x1b/<E>/g; s/\r$//' | FileCheck %s
// RUN: %mploop %s -o %t.c -Rmploop 2>&1 | sed 's/\x1b/<E>/g' | FileCheck %s --check-prefix=PLAIN --implicit-check-not='<E>'
// RUN: %mploop %s -o %t.c -Rmploop -fcolor-diagnostics -fno-color-diagnostics 2>&1 | sed 's/\x1b/<E>/g' | FileCheck %s --check-prefix=PLAIN --implicit-check-not='<E>'
// RUN: env TERM=dumb python3 -c 'import pty, sys; pty.spawn(sys.argv[1:])' %mploop %s -o %t.c -Rmploop | sed 's/\x1b/<E>/g; s/\r$//' | FileCheck %s --check-prefix=PLAIN --implicit-check-not='<E>'
// RUN: not %mploop %S/Inputs/fixit_errors.c -fcolor-diagnostics 2>&1 | sed 's/\x1b/<E>/g' | FileCheck %s --check-prefix=ERR

#include <stdlib.h>

void f(int *a, int n)
{
    int tmp[2];
#pragma mploop for
    for (int i = 0; i < n; i++) {
        tmp[0] = rand();
        a[i] = tmp[0];
    }
}
// CHECK: {{^}}<E>[1m{{.*}}format_color.c:23:18: <E>[0m<E>[0;1;35mwarning: <E>[0m<E>[1m'rand' continues {{.*}} [-Wmploop-rand]<E>[0m{{$}}
// CHECK-NEXT: {{^        tmp\[0\] = rand\(\);$}}
// CHECK-NEXT: {{^<E>\[0;1;32m                 \^$}}
// CHECK-NEXT: {{^}}<E>[0m<E>[1m{{.*}}format_color.c:22:5: <E>[0m<E>[0;1;30mnote: <E>[0min the loop over 'i' annotated with '#pragma mploop for'<E>[0m{{$}}
// CHECK: {{^}}<E>[0m<E>[1m{{.*}}format_color.c:23:9: <E>[0m<E>[0;1;35mwarning: <E>[0m<E>[1marray 'tmp' {{.*}} [-Wmploop-scratch]<E>[0m{{$}}
// CHECK: {{^}}<E>[0m<E>[1m{{.*}}format_color.c:21:19: <E>[0m<E>[0;1;30mnote: <E>[0madd 'private(tmp)' to the pragma<E>[0m{{$}}
// CHECK-NEXT: {{^#pragma mploop for$}}
// CHECK-NEXT: {{^<E>\[0;1;32m                  \^$}}
// CHECK-NEXT: {{^<E>\[0m<E>\[0;32m                   private\(tmp\)$}}
// CHECK-NEXT: {{^}}<E>[0m<E>[1m{{.*}}format_color.c:22:5: <E>[0m<E>[0;1;34mremark: <E>[0m<E>[1mloop runs in {{.*}} [-Rmploop]<E>[0m{{$}}

// PLAIN: format_color.c:23:18: warning: 'rand' continues
// PLAIN: format_color.c:23:9: warning: array 'tmp'
// PLAIN: format_color.c:22:5: remark: loop runs in

// ERR: {{^}}<E>[1m{{.*}}fixit_errors.c:2:30: <E>[0m<E>[0;1;31merror: <E>[0m<E>[1mmember reference type 'struct S *' is a pointer; did you mean to use '->'?<E>[0m{{$}}
// ERR-NEXT: {{^int g\(struct S \*s\) \{ return s\.x; \}$}}
// ERR-NEXT: {{^<E>\[0;1;32m                            ~\^$}}
// ERR-NEXT: {{^<E>\[0m<E>\[0;32m                             ->$}}
