// A failed loop leaves memory as it was before it, shared() variables
// included: the workers' updates to the shared copies are not copied back
// under MPLOOP_ON_ERROR=return, and under MPLOOP_ON_ERROR=serial the
// in-process re-run starts from the values before the loop, not from what
// the failed workers left in the shared copies, so the result is the
// sequential one.  The blocks are freed and the next loop works.  By
// default the program ends with the failure's status.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=8 MPLOOP_ON_ERROR=return %t 2> %t.err | FileCheck --check-prefix=RETURN %s
// RUN: FileCheck --check-prefix=REPORT %s < %t.err
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork MPLOOP_ON_ERROR=return %t 2> /dev/null | FileCheck --check-prefix=RETURN %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_ON_ERROR=serial %t 2> /dev/null | FileCheck --check-prefix=SERIAL %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork MPLOOP_ON_ERROR=serial %t 2> /dev/null | FileCheck --check-prefix=SERIAL %s
// RUN: env MPLOOP_WORKERS=8 not %t > %t.out 2> /dev/null
// RUN: FileCheck --check-prefix=EXIT --allow-empty %s < %t.out
//
// REPORT: error: {{.*}}shared_failure.c:[[#LOOP:]]: iteration i = 2999 failed: stop here
// RETURN: failed kind 3: count 5 sum 0.5 hist 1 0 0 0
// RETURN-NEXT: after 4005 1000.5 hist 1001 0 0 0
// SERIAL: failed kind 3: count 4005 sum 1000.5 hist 1001 0 0 0
// SERIAL-NEXT: after 8005 2000.5 hist 2001 0 0 0
// EXIT-NOT: failed

#include <mploop.h>
#include <stdio.h>

/* Fails at iteration `at` once: *armed is in shared memory, so the
 * in-process re-run of serial sees it cleared. */
static void maybe_fail(int i, int at, int *armed)
{
    if (i == at && *armed) {
        *armed = 0;
        mploop_fail("stop here");
    }
}

int main(void)
{
    long count = 5;
    double sum = 0.5;
    int hist[4] = { 1, 0, 0, 0 };
    int *armed = mploop_shared_alloc(sizeof *armed);
    *armed = 1;
#pragma mploop for shared(count, sum, hist) schedule(static, 10)
    for (int i = 0; i < 4000; i++) {
#pragma mploop atomic
        count++;
#pragma mploop critical
        {
            sum += 0.25;
            if (i % 4 == 0)
                hist[0]++;
        }
        maybe_fail(i, 2999, armed);
    }
    printf("failed kind %d: count %ld sum %.1f hist %d %d %d %d\n", mploop_last_error()->kind,
           count, sum, hist[0], hist[1], hist[2], hist[3]);
    *armed = 0;
#pragma mploop for shared(count, sum, hist)
    for (int i = 0; i < 4000; i++) {
#pragma mploop atomic
        count++;
#pragma mploop critical
        {
            sum += 0.25;
            if (i % 4 == 0)
                hist[0]++;
        }
        maybe_fail(i, 2999, armed);
    }
    printf("after %ld %.1f hist %d %d %d %d\n", count, sum, hist[0], hist[1], hist[2], hist[3]);
    mploop_shared_free(armed);
    return 0;
}
