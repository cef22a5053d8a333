// longjmp, _longjmp or siglongjmp in a loop body to a jump buffer that no
// setjmp, _setjmp or sigsetjmp in the same body sets jumps to a setjmp before
// the loop: it would leave the loop inside a worker process, so it is
// refused, with a note at the loop.  A setjmp and its longjmp both in the
// body (the buffer a local of the body, an element of an array, a field)
// stay within one iteration and are fine.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#include <setjmp.h>

jmp_buf on_error;
struct ctx { jmp_buf env; int depth; };

int work(int *a, int i);

void f(int *a, int n, struct ctx *c)
{
    jmp_buf here;
    sigjmp_buf sig;
    jmp_buf bufs[4];
    if (setjmp(here) || sigsetjmp(sig, 1))
        return;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        if (a[i] < 0)
            longjmp(here, 1);
// CHECK: longjmp.c:[[@LINE-1]]:13: error: 'longjmp' to a 'setjmp' outside the parallel loop would leave the loop in a worker process, where the code after that 'setjmp' cannot run; have the failing code return an error value instead, or call mploop_fail to stop the loop with a report
// CHECK-NEXT: {{^            longjmp\(here, 1\);$}}
// CHECK-NEXT: {{^            \^$}}
// CHECK-NEXT: longjmp.c:25:5: note: in the loop over 'i' annotated with '#pragma mploop for'
        if (a[i] == 1)
            _longjmp(on_error, 2);
// CHECK: longjmp.c:[[@LINE-1]]:13: error: '_longjmp' to a 'setjmp' outside the parallel loop would leave the loop in a worker process
// CHECK: longjmp.c:25:5: note: in the loop over 'i'
        if (a[i] == 2)
            siglongjmp(sig, 3);
// CHECK: longjmp.c:[[@LINE-1]]:13: error: 'siglongjmp' to a 'setjmp' outside the parallel loop
        if (a[i] == 3)
            longjmp(c->env, 4);
// CHECK: longjmp.c:[[@LINE-1]]:13: error: 'longjmp' to a 'setjmp' outside the parallel loop
        /* jumps within one iteration */
        jmp_buf retry;
        if (setjmp(retry) == 0 && work(a, i))
            longjmp(retry, 1);
        sigjmp_buf sretry;
        if (sigsetjmp(sretry, 0) == 0 && work(a, i))
            siglongjmp(sretry, 1);
        if (setjmp(bufs[i % 4]) == 0 && work(a, i))
            longjmp(bufs[i % 4], 1);
    }
#pragma mploop for
    for (int i = 0; i < n; i++) {
        struct ctx local;
        if (!setjmp(local.env))
            longjmp(local.env, work(a, i));
    }
}
