// A body that allocates until memory runs out, under an address-space
// limit (prlimit --as): the worker's malloc fails and the body aborts, as
// the sequential program does under the same limit.  The report names the
// worker, SIGABRT and the iteration; the program ends by SIGABRT like the
// sequential one; nothing is left behind.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 prlimit --as=3000000000 %S/Inputs/outcome.sh %t.seq %t.par | FileCheck %s
//
// CHECK: status=134
// CHECK-NEXT: same-status
// CHECK-NEXT: none-left
// CHECK-NEXT: out of memory after {{[0-9]+}} MiB
// CHECK-NEXT: mploop: error: {{.*}}memory_limit.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGABRT (Aborted) at iteration i = 5{{$}}
// CHECK-NOT: stdout differs

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    static long got[8];
#pragma mploop for
    for (int i = 0; i < 8; i++) {
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
