// `#pragma mploop critical` in a function the body calls (OpenMP's
// orphaned critical) locks the same named section as in the body: the
// function updates a shared() variable through the pointer the body passes
// (&total is the shared copy's address) and a block from
// mploop_shared_alloc, with a pause inside the section that a lost update
// would show.  The results are exact under 8 workers, as sequentially.
//
// RUN: env MPLOOP_TEST_WORKERS="1 8" %exec-check %s %t
// RUN: env MPLOOP_TEST_WORKERS="8" MPLOOP_TEAM=fork %exec-check %s %t
// RUN: FileCheck %s < %t.expected
//
// CHECK: total 20000 block 20000 calls 10000

#include <stdio.h>
#ifdef _MPLOOP
#include <mploop.h>
#else
#include <stdlib.h>
#define mploop_shared_alloc(n) calloc(1, n)
#define mploop_shared_free free
#endif

static void add_to(long *total, long *block, long v)
{
#pragma mploop critical (sums)
    {
        long t = *total, b = *block;
        for (volatile int k = 0; k < 10; k++)
            ;
        *total = t + v;
        *block = b + v;
    }
}

int main(void)
{
    long total = 0, calls = 0;
    long *block = mploop_shared_alloc(sizeof *block);
#pragma mploop for shared(total, calls) schedule(dynamic, 3)
    for (int i = 0; i < 10000; i++) {
        add_to(&total, block, 2);
#pragma mploop critical (sums)
        calls++;
    }
    printf("total %ld block %ld calls %ld\n", total, *block, calls);
    mploop_shared_free(block);
    return 0;
}
