// The OOM killer: a body that allocates and writes memory without end, in
// a memory cgroup limited to 256 MiB (Inputs/memcg.sh), is killed by the
// kernel with SIGKILL.  The sequential program dies the same way; the mploop
// program reports the worker, SIGKILL and the iteration, gives back what the
// worker had allocated, and ends by SIGKILL too; nothing is left behind.
//
// REQUIRES: memcg
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 %S/Inputs/memcg.sh 268435456 %S/Inputs/outcome.sh %t.seq %t.par | FileCheck %s
//
// CHECK: status=137
// CHECK-NEXT: same-status
// CHECK-NEXT: none-left
// CHECK-NEXT: mploop: error: {{.*}}oom_kill.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGKILL (Killed) at iteration i = 5{{$}}
// CHECK-NOT: stdout differs

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    static char *first[8];
#pragma mploop for schedule(dynamic, 1)
    for (int i = 0; i < 8; i++) {
        first[i] = malloc(4096);
        if (i == 5)
            for (;;) {
                char *p = malloc(1 << 20);
                if (!p)
                    break;
                memset(p, i, 1 << 20);
            }
    }
    printf("after the loop\n");
    return 0;
}
