// mploop_shared_alloc under contention while workers are being forked:
// each iteration of 8 workers allocates blocks, fills each with its own
// iteration number, checks them all and frees them; a block handed to two
// processes at once (the allocator's lock not exclusive) shows as a
// foreign number.  Ten loops, each forking its workers afresh
// (MPLOOP_TEAM=fork) while the first ones already allocate.  Named
// critical sections made by the workers at once are one lock per name.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork MPLOOP_TRACKER=mprotect timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 timeout 120 %t | FileCheck %s
//
// CHECK: foreign blocks: 0, critical counters: 800 800 800 800 800 800 800 800 800 800

#include <mploop.h>
#include <mploop/abi.h>
#include <stdio.h>

#define BLOCKS 40

static const char *const names[10] = { "c0", "c1", "c2", "c3", "c4",
                                       "c5", "c6", "c7", "c8", "c9" };

static void churn(int tag, long *foreign)
{
    int *b[BLOCKS];
    for (int k = 0; k < BLOCKS; k++) {
        b[k] = mploop_shared_alloc(16 * sizeof(int) * (1 + k % 3));
        for (int j = 0; j < 16; j++)
            b[k][j] = tag;
    }
    for (int k = 0; k < BLOCKS; k++) {
        for (int j = 0; j < 16; j++)
            if (b[k][j] != tag)
                __atomic_add_fetch(foreign, 1, __ATOMIC_RELAXED);
        mploop_shared_free(b[k]);
    }
}

static void bump(const char *name, long *n)
{
    mploop_critical_enter(name);
    long v = *n;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    *n = v + 1;
    mploop_critical_leave(name);
}

int main(void)
{
    long *foreign = mploop_shared_alloc(sizeof *foreign);
    long *count = mploop_shared_alloc(10 * sizeof *count);
    for (int r = 0; r < 10; r++) {
        const char *name = names[r];
#pragma mploop for schedule(static, 1)
        for (int i = 0; i < 800; i++) {
            bump(name, &count[r]); // the first one makes the lock, as others start
            churn(r * 1000 + i, foreign);
        }
    }
    printf("foreign blocks: %ld, critical counters:", *foreign);
    for (int r = 0; r < 10; r++)
        printf(" %ld", count[r]);
    printf("\n");
    return 0;
}
