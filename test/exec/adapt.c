// Adaptive execution (MPLOOP_ADAPT, on by default): a loop site whose
// forked executions cost more than they save runs later executions
// in-process, and forks again when an execution is long enough to gain on
// workers.  Results are the sequential program's either way.
//
// A cheap loop repeated 300 times: the first execution forks, then the
// site runs in-process (the fork price is orders of magnitude above the
// body's microsecond).  A long execution of the same site (50 million
// iterations) forks again.  A heavy loop forks every time.
// RUN: env MPLOOP_ADAPT=1 MPLOOP_CHECK=0 MPLOOP_TEST_WORKERS=2 %exec-check %s %t
// RUN: FileCheck %s --check-prefix=ADAPT < %t.log.2
// RUN: grep -c ': 1024 iterations in-process (adaptive' %t.log.2 | FileCheck %s --check-prefix=MOST
// ADAPT: mploop: {{.*}}adapt.c:[[#CHEAP:]]: 1024 iterations on 2 workers, schedule auto
// ADAPT: mploop: {{.*}}adapt.c:[[#CHEAP]]: 1024 iterations in-process (adaptive: forking costs more than it saves here)
// ADAPT: mploop: {{.*}}adapt.c:[[#CHEAP]]: 50000000 iterations on 2 workers, schedule auto
// MOST: {{^(29[0-9]|300)$}}
//
// MPLOOP_ADAPT=0: every execution forks.
// RUN: env MPLOOP_ADAPT=0 MPLOOP_CHECK=0 MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %t.par 2>&1 >/dev/null | FileCheck %s --check-prefix=NEVER
// Nor does a loop adapt when every loop is checked (MPLOOP_CHECK=1), or
// when a failure must be contained in a worker (MPLOOP_ON_ERROR=return):
// RUN: env MPLOOP_ADAPT=1 MPLOOP_CHECK=1 MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %t.par 2>&1 >/dev/null | FileCheck %s --check-prefix=NEVER
// RUN: env MPLOOP_ADAPT=1 MPLOOP_CHECK=0 MPLOOP_ON_ERROR=return MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 %t.par 2>&1 >/dev/null | FileCheck %s --check-prefix=NEVER
// NEVER-NOT: in-process
// NEVER-COUNT-301: iterations on 2 workers
// NEVER-NOT: in-process

#include <stdio.h>
#include <stdlib.h>

static long long cells[1024];

/* One execution of the site: n iterations of a cheap body. */
static long long cheap(long n, long long *sum)
{
    long long s = 0;
#pragma mploop for reduction(+:s)
    for (long i = 0; i < n; i++) {
        long long v = (i * 2654435761u) % 1000;
        if (i < 1024)
            cells[i] += v;
        s += v;
    }
    *sum += s;
    return s;
}

int main(void)
{
    long long sum = 0;
    for (int step = 0; step < 300; step++)
        cheap(1024, &sum);
    cheap(50000000, &sum);
    long long c = 0;
    for (int i = 0; i < 1024; i++)
        c += cells[i];
    printf("sum %lld cells %lld\n", sum, c);
    return 0;
}
