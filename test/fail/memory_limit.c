// A body that allocates until memory runs out, under an address-space
// limit (prlimit --as): the worker's malloc fails and the body aborts, as
// the sequential program does under the same limit.  The report names the
// worker, SIGABRT and the iteration; the program ends by SIGABRT like the
// sequential one; nothing is left behind.  And a body that grows the stack
// until the kernel kills it, under a stack limit (prlimit --stack): the
// worker dies of SIGSEGV at that iteration, and the program with it, as
// the sequential one does.  (The OOM killer's SIGKILL is covered by
// sigkill.c, which sends the same signal from outside.)
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 prlimit --as=3000000000 %S/Inputs/outcome.sh %t.seq %t.par | FileCheck %s
// RUN: env MPLOOP_WORKERS=3 prlimit --stack=4194304 %S/Inputs/outcome.sh %t.seq %t.par stack | FileCheck %s --check-prefix=STACK
//
// CHECK: status=134
// CHECK-NEXT: same-status
// CHECK-NEXT: none-left
// CHECK-NEXT: out of memory after {{[0-9]+}} MiB
// CHECK-NEXT: mploop: error: {{.*}}memory_limit.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGABRT (Aborted) at iteration i = 5{{$}}
// CHECK-NOT: stdout differs
// STACK: status=139
// STACK-NEXT: same-status
// STACK-NEXT: none-left
// STACK-NEXT: mploop: error: {{.*}}memory_limit.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGSEGV (Segmentation fault) at iteration i = 5{{$}}
// STACK-NOT: stdout differs

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grow the stack by 64 KiB per call, touching every page, forever. */
static long deeper(long depth)
{
    volatile char frame[65536];
    memset((char *)frame, (int)depth, sizeof frame);
    return deeper(depth + 1) + frame[depth % sizeof frame];
}

int main(int argc, char **argv)
{
    int stack = argc > 1 && !strcmp(argv[1], "stack");
    static long got[8];
#pragma mploop for
    for (int i = 0; i < 8; i++) {
        if (i == 5 && stack)
            got[i] = deeper(0);
        if (i == 5) {
            for (;;) {
                char *p = malloc(1 << 20);
                if (!p) {
                    fprintf(stderr, "out of memory after %ld MiB\n", got[i]);
                    abort();
                }
                p[0] = 1;
                got[i]++;
            }
        }
        got[i] = 1;
    }
    printf("after the loop\n");
    return 0;
}
