// Cancellation: once one worker fails, the others stop at their next chunk
// boundary, without waiting for the grace period; a worker that does not
// reach a chunk boundary is killed when the grace period (MPLOOP_GRACE_MS)
// ends.  The failure is reported once, the workers stopped this way are not
// counted as failures of their own, and no process is left.  Without
// cancellation the first run would take 15 s and the second 60 s; both must
// end well within their limits (10 s and 20 s).
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=3 MPLOOP_GRACE_MS=600000 python3 %S/Inputs/alone.py --timeout 10 -- %t chunks 2>&1 | FileCheck %s --check-prefix=CHUNKS
// RUN: env MPLOOP_WORKERS=2 MPLOOP_GRACE_MS=200 python3 %S/Inputs/alone.py --timeout 20 -- %t stuck 2>&1 | FileCheck %s --check-prefix=STUCK
// Several workers failing on their own: the first in full, the others
// counted.
// RUN: env MPLOOP_WORKERS=3 python3 %S/Inputs/alone.py --timeout 20 -- %t all 2>&1 | FileCheck %s --check-prefix=ALL
//
// CHUNKS: mploop: error: {{.*}}cancel.c:{{[0-9]+}}: iteration i = 0 failed: stop here
// CHUNKS-NOT: other worker
// CHUNKS: status=1
// CHUNKS-NEXT: none-left
// STUCK: mploop: error: {{.*}}cancel.c:{{[0-9]+}}: iteration i = 0 failed: stop here
// STUCK-NOT: other worker
// STUCK: status=1
// STUCK-NEXT: none-left
// ALL: mploop: error: {{.*}}cancel.c:{{[0-9]+}}: iteration i = {{[0-9]}} failed: every worker fails
// ALL: mploop: note: and 2 other workers failed
// ALL-NEXT: status=1
// ALL-NEXT: none-left

#include <mploop.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "chunks")) {
        // 3000 chunks of 10 ms; iteration 0 fails after the others started.
#pragma mploop for schedule(dynamic, 1)
        for (int i = 0; i < 3000; i++) {
            usleep(10000);
            if (i == 0)
                mploop_fail("stop here");
        }
    }
    if (!strcmp(what, "stuck")) {
        // Static: one chunk per worker, so worker 1 never reaches a chunk
        // boundary; it is killed after the grace period.
#pragma mploop for
        for (int i = 0; i < 2; i++) {
            if (i == 0) {
                usleep(100000);
                mploop_fail("stop here");
            }
            sleep(60);
        }
    }
    if (!strcmp(what, "all")) {
        // Every worker fails in its first iteration, once all three are
        // in the body (they meet on a counter in shared memory).
        int *met = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#pragma mploop for
        for (int i = 0; i < 3; i++) {
            __atomic_fetch_add(met, 1, __ATOMIC_SEQ_CST);
            for (int k = 0; k < 5000 && __atomic_load_n(met, __ATOMIC_SEQ_CST) < 3; k++)
                usleep(1000);
            mploop_fail("every worker fails");
        }
    }
    return 0;
}
