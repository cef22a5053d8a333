// Every global or static array a loop body names is handed to the runtime
// with mploop_static (address and sizeof), once, after the locals: the
// runtime moves a large one into shared memory.  Left out: const arrays
// (never written), thread-local ones (a worker's own), scalars, arrays
// declared in the body, and a global that a local visible at the loop hides.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

double grid[1 << 20];
static int counts[64][64];
const double weights[8] = { 1 };
_Thread_local int mine[100];
int shadowed[100];
long scalar;

void f(int n)
{
    static char names[4096];
    double shadowed[4] = { 0 };
    // CHECK: loop at {{.*}}static_arrays.c:[[@LINE+2]]
#pragma mploop for
    for (int i = 0; i < n; i++) {
        static long inner[16];
        grid[i] = weights[i % 8] + grid[i] + shadowed[0] + mine[0] + scalar + inner[0];
        counts[i % 64][0] += 1;
        names[i % 4096] = 'a';
        grid[n + i] = 1;
    }
    // CHECK: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
    // CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&shadowed, sizeof(shadowed), "shadowed[]");
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)grid, sizeof(grid));
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)counts, sizeof(counts));
    // CHECK-NEXT: mploop_static(&__mploop_L_1, (void *)names, sizeof(names));
    // CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
}
