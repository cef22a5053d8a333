// MPLOOP_CHECK=verify and a cancelled loop: which iterations ran depends on
// the workers' timing, so the loop is not compared with its sequential run
// (which would stop at another iteration): one warning says this execution
// is not verified, the loop succeeds and its writes are kept.  A loop that
// is not cancelled is still verified: a flow dependence in it fails.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_CHECK=verify MPLOOP_WORKERS=2 %t > %t.out 2> %t.err; echo status=$? >> %t.out
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// OUT: found=31337 kept=1 cancelled=1
// OUT-NEXT: status=1
// ERR-NOT: mploop:
// ERR: mploop: warning: {{.*}}cancel_verify.c:[[@LINE+20]]: the loop was cancelled (mploop_cancel): MPLOOP_CHECK=verify does not compare it with a sequential run, which would stop at another iteration; this execution of the loop is not verified
// ERR-NOT: mploop:
// ERR: mploop: error: {{.*}}cancel_verify.c:[[@LINE+34]]: result differs from a sequential run of the loop (MPLOOP_CHECK=verify)
// ERR: mploop: note: the iterations of this loop are not independent
// ERR-NOT: mploop:

#include <mploop.h>
#include <stdio.h>

#define N 200000

static int ran[N];
static long found[1] = { -1 };
static int flow[64];
static volatile int one = 1; /* hides the dependence from the rewriter's tests */

int main(void)
{
    /* A search: iteration 31337 cancels. */
#pragma mploop for schedule(dynamic, 64)
    for (long i = 0; i < N; i++) {
        ran[i] = 1;
        if (i == 31337) {
            found[0] = i;
            mploop_cancel();
        }
    }
    int kept = ran[31337] == 1;
    for (long i = 0; i < N; i++)
        kept &= ran[i] == 0 || ran[i] == 1;
    printf("found=%ld kept=%d cancelled=%d\n", found[0], kept, mploop_cancelled());
    fflush(stdout);

    /* Not cancelled: verified as usual, and its flow dependence fails it. */
    flow[0] = 1;
#pragma mploop for schedule(static)
    for (int i = 0; i < 63; i++)
        flow[i + one] = flow[i] + 1;
    printf("flow=%d\n", flow[63]);
    return 0;
}
