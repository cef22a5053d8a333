// The dirty-page tracker: MPLOOP_TRACKER selects uffd, pagemap or mprotect
// and every one merges the same writes; unset, the best one available is
// used (userfaultfd write-protect on this kernel); a name that is not a
// tracker is refused with a report before any loop runs.  The program
// prints the runtime's choice (mploop__mem_tracker_name) after a loop.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env -u MPLOOP_TRACKER MPLOOP_WORKERS=2 %t | FileCheck %s --check-prefixes=CHECK,UFFD
// RUN: env MPLOOP_TRACKER=uffd MPLOOP_WORKERS=2 %t | FileCheck %s --check-prefixes=CHECK,UFFD
// RUN: env MPLOOP_TRACKER=pagemap MPLOOP_WORKERS=3 %t | FileCheck %s --check-prefixes=CHECK,PAGEMAP
// RUN: env MPLOOP_TRACKER=mprotect MPLOOP_WORKERS=4 %t | FileCheck %s --check-prefixes=CHECK,MPROTECT
// RUN: env MPLOOP_TRACKER=softdirty MPLOOP_WORKERS=2 not %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=BAD < %t.err
// RUN: count 0 < %t.out
// RUN: env MPLOOP_TRACKER=UFFD MPLOOP_WORKERS=2 not %t 2>&1 | FileCheck %s --check-prefix=BAD-UPPER
//
// UFFD: tracker=uffd
// PAGEMAP: tracker=pagemap
// MPROTECT: tracker=mprotect
// CHECK: sum=499500 heap=1249975000 local=4950
// BAD: mploop: error: {{.*}}tracker.c:{{[0-9]+}}: MPLOOP_TRACKER=softdirty is not a dirty-page tracker; use uffd, pagemap or mprotect
// BAD-UPPER: MPLOOP_TRACKER=UFFD is not a dirty-page tracker

#include <stdio.h>
#include <stdlib.h>

const char *mploop__mem_tracker_name(void);

int g[1000];

int main(void)
{
    long *heap = malloc(50000 * sizeof *heap);
    int local[100] = { 0 };
#pragma mploop for
    for (int i = 0; i < 1000; i++)
        g[i] = i;
    const char *name = mploop__mem_tracker_name();
    printf("tracker=%s\n", name ? name : "(none)");
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 50000; i++)
        heap[i] = i;
#pragma mploop for
    for (int i = 0; i < 100; i++)
        local[i] = i;
    long s = 0, h = 0, l = 0;
    for (int i = 0; i < 1000; i++)
        s += g[i];
    for (int i = 0; i < 50000; i++)
        h += heap[i];
    for (int i = 0; i < 100; i++)
        l += local[i];
    printf("sum=%ld heap=%ld local=%ld\n", s, h, l);
    free(heap);
    return 0;
}
