// The runtime reads MPLOOP_WORKERS, MPLOOP_SCHEDULE, MPLOOP_VERBOSE,
// MPLOOP_CHECK and MPLOOP_STATS once,
// at the first loop; a malformed value is reported with the loop's location
// and what the variable accepts, and the program stops.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=abc not %t 2>&1 | FileCheck %s --check-prefix=WORKERS -DV=abc
// RUN: env MPLOOP_WORKERS=0 not %t 2>&1 | FileCheck %s --check-prefix=WORKERS -DV=0
// RUN: env MPLOOP_WORKERS=-2 not %t 2>&1 | FileCheck %s --check-prefix=WORKERS -DV=-2
// RUN: env MPLOOP_WORKERS=99999999999999999999 not %t 2>&1 | FileCheck %s --check-prefix=WORKERS -DV=99999999999999999999
// RUN: env MPLOOP_SCHEDULE=dynamic,0 not %t 2>&1 | FileCheck %s --check-prefix=SCHED -DV=dynamic,0
// RUN: env MPLOOP_SCHEDULE=fast not %t 2>&1 | FileCheck %s --check-prefix=SCHED -DV=fast
// RUN: env MPLOOP_SCHEDULE=runtime not %t 2>&1 | FileCheck %s --check-prefix=SCHED -DV=runtime
// RUN: env MPLOOP_VERBOSE=4 not %t 2>&1 | FileCheck %s --check-prefix=VERBOSE -DV=4
// RUN: env MPLOOP_VERBOSE=yes not %t 2>&1 | FileCheck %s --check-prefix=VERBOSE -DV=yes
// RUN: env MPLOOP_CHECK=2 not %t 2>&1 | FileCheck %s --check-prefix=CHECK -DV=2
// RUN: env MPLOOP_CHECK=yes not %t 2>&1 | FileCheck %s --check-prefix=CHECK -DV=yes
// RUN: env MPLOOP_CHECK=Verify not %t 2>&1 | FileCheck %s --check-prefix=CHECK -DV=Verify
// RUN: env MPLOOP_STATS=on not %t 2>&1 | FileCheck %s --check-prefix=STATS -DV=on
//
// Good values: schedule(runtime) follows MPLOOP_SCHEDULE (auto is static),
// the worker count is capped at the trip count, empty means unset.
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 MPLOOP_SCHEDULE=guided,3 %t 2>&1 | FileCheck %s --check-prefixes=OK,GUIDED
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 MPLOOP_SCHEDULE=' Dynamic , 2 ' %t 2>&1 | FileCheck %s --check-prefixes=OK,DYNAMIC
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 MPLOOP_SCHEDULE=auto %t 2>&1 | FileCheck %s --check-prefixes=OK,AUTO
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=1 MPLOOP_SCHEDULE= %t 2>&1 | FileCheck %s --check-prefixes=OK,STATIC
// RUN: env MPLOOP_WORKERS=1000 MPLOOP_VERBOSE=1 MPLOOP_SCHEDULE=static %t 2>&1 | FileCheck %s --check-prefixes=OK,CAPPED
// RUN: env MPLOOP_WORKERS=1 MPLOOP_VERBOSE=1 %t 2>&1 | FileCheck %s --check-prefixes=OK,ONE
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=0 %t 2>&1 | FileCheck %s --check-prefix=OK --implicit-check-not=mploop:
// MPLOOP_STATS=1 adds a line at the join with the write mode; MPLOOP_CHECK=1
// and MPLOOP_CHECK=verify (like MPLOOP_ON_ERROR=return) make it snapshot mode.
// RUN: env MPLOOP_WORKERS=2 MPLOOP_STATS=1 %t 2>&1 | FileCheck %s --check-prefixes=OK,JOINED -DMODE=direct
// RUN: env MPLOOP_WORKERS=2 MPLOOP_STATS=1 MPLOOP_CHECK=1 %t 2>&1 | FileCheck %s --check-prefixes=OK,JOINED -DMODE=snapshot
// RUN: env MPLOOP_WORKERS=2 MPLOOP_STATS=1 MPLOOP_CHECK=verify %t 2>&1 | FileCheck %s --check-prefixes=OK,JOINED -DMODE=snapshot
// RUN: env MPLOOP_WORKERS=2 MPLOOP_STATS=1 MPLOOP_CHECK=0 MPLOOP_ON_ERROR=return %t 2>&1 | FileCheck %s --check-prefixes=OK,JOINED -DMODE=snapshot

#include <stdio.h>

int main(void)
{
    int n = 5;
    long s = 0;
    // CHECK: mploop: error: {{.*}}env_values.c:[[@LINE+13]]: MPLOOP_CHECK=[[V]] is not 0, 1 or verify; use 1 to run every loop in snapshot mode (races on large blocks detected, failed loops rolled back), verify to also compare every loop with a sequential run of it (slow), 0 for the default
    // STATS: mploop: error: {{.*}}env_values.c:[[@LINE+12]]: MPLOOP_STATS=[[V]] is not 0 or 1; use 1 for a line per forked loop with the time spent waiting and merging, 0 for none
    // JOINED: mploop: {{.*}}env_values.c:[[@LINE+11]]: joined 2 workers ([[MODE]] mode): {{[0-9]+}} pages shipped, {{[0-9]+}} bytes merged, wait {{[0-9]+\.[0-9][0-9][0-9]}} ms, merge {{[0-9]+\.[0-9][0-9][0-9]}} ms{{$}}
    // WORKERS: mploop: error: {{.*}}env_values.c:[[@LINE+10]]: MPLOOP_WORKERS=[[V]] is not a positive number of workers; set it to a number such as 4, or unset it to use every CPU
    // SCHED: mploop: error: {{.*}}env_values.c:[[@LINE+9]]: MPLOOP_SCHEDULE=[[V]] is not a schedule; use static, dynamic, guided or auto, optionally with a positive chunk size as in "dynamic,4"
    // VERBOSE: mploop: error: {{.*}}env_values.c:[[@LINE+8]]: MPLOOP_VERBOSE=[[V]] is not a verbosity level; use 0, 1 (a line per loop), 2 (also loops nested in workers) or 3 (also whether the workers were resumed or forked, and why)
    // GUIDED: mploop: {{.*}}env_values.c:[[@LINE+7]]: 5 iterations on 2 workers, schedule guided,3{{$}}
    // DYNAMIC: mploop: {{.*}}env_values.c:[[@LINE+6]]: 5 iterations on 2 workers, schedule dynamic,2{{$}}
    // STATIC: mploop: {{.*}}env_values.c:[[@LINE+5]]: 5 iterations on 2 workers, schedule static{{$}}
    // AUTO: mploop: {{.*}}env_values.c:[[@LINE+4]]: 5 iterations on 2 workers, schedule auto{{$}}
    // CAPPED: mploop: {{.*}}env_values.c:[[@LINE+3]]: 5 iterations on 5 workers, schedule static{{$}}
    // ONE: mploop: {{.*}}env_values.c:[[@LINE+2]]: 5 iterations in-process (one worker)
#pragma mploop for schedule(runtime) reduction(+: s)
    for (int i = 0; i < n; i++)
        s += i;
    // OK: s=10
    printf("s=%ld\n", s);
    return 0;
}
