// mploop_local lists every local variable and parameter of the enclosing
// function in scope at the loop that a worker may write: parameters,
// locals of enclosing blocks declared before the loop (VLAs with a
// run-time sizeof), for-init declarations of enclosing loops, the
// innermost of shadowed names; array parameters use the size of the
// pointer they are.  The name of an array (VLAs too, not array parameters)
// is passed with `[]` after it, for race reports.  Left out: clause variables, the loop variable,
// register variables, static and extern locals, locals declared after the
// loop or in blocks already closed, and read-only scalars: arithmetic or
// pointer variables that no clause names (the body cannot assign them) and
// whose address the function never takes (nothing can write them through a
// pointer); handing those over would only make their address escape.  A
// scalar whose address is taken anywhere in the function, or that is
// volatile, stays.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

struct big { char bytes[100]; };

void f(int n, int arr[], double m[static 4], struct big b)
{
    int x = 1;
    (void)x;
    { int closed = 2; (void)closed; }
    register int reg = 3;
    static int stat;
    extern int ext;
    double vla[n];
    int sum = 0;
    int pointed = 0;
    int *to_pointed = &pointed;
    volatile int vol = 5;
    for (int outer = 0; outer < 2; outer++) {
        int x = outer;   /* shadows the outer x */
        int j;
#pragma mploop for reduction(+:sum)
        for (j = 0; j < n; j++)
            sum += x + arr[j] + (int)m[j % 4] + (int)vla[j] + b.bytes[j % 100] + reg + stat + ext +
                   *to_pointed + vol;
        int after = 0;
        (void)after;
    }
}
// CHECK: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&arr, sizeof(__typeof__(arr)), "arr");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&m, sizeof(__typeof__(m)), "m");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&b, sizeof(b), "b");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&vla, sizeof(vla), "vla[]");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&pointed, sizeof(pointed), "pointed");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&vol, sizeof(vol), "vol");
// CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
