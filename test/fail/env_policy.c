// One policy for every MPLOOP_* variable: a malformed value is reported as
// `mploop: error: [FILE:LINE: ]MPLOOP_X=value is not ...; <what to set>`
// and the program ends with status 1, before the loop runs.  The variables
// read at the first loop, and MPLOOP_TRACKER (read at the first forked
// loop), name the loop; MPLOOP_LARGE_MIN, read at the first large
// allocation (which may come before main), names none.  (env_values.c
// checks each message's words.)
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=none sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_WORKERS -DV=none
// RUN: env MPLOOP_WORKERS=2 MPLOOP_SCHEDULE=often sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_SCHEDULE -DV=often
// RUN: env MPLOOP_WORKERS=2 MPLOOP_VERBOSE=9 sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_VERBOSE -DV=9
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=ignore sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_ON_ERROR -DV=ignore
// RUN: env MPLOOP_WORKERS=2 MPLOOP_GRACE_MS=-1 sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_GRACE_MS -DV=-1
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=on sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_CHECK -DV=on
// RUN: env MPLOOP_WORKERS=2 MPLOOP_STATS=2 sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_STATS -DV=2
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TIMEOUT=0 sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_TIMEOUT -DV=0
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=yes sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_ADAPT -DV=yes
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TRACKER=dirty sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=LOOP -DNAME=MPLOOP_TRACKER -DV=dirty
// RUN: env MPLOOP_WORKERS=2 MPLOOP_LARGE_MIN=64KiB sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=PLAIN -DNAME=MPLOOP_LARGE_MIN -DV=64KiB
// The same program with good values runs:
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TRACKER=mprotect MPLOOP_LARGE_MIN=1M MPLOOP_TIMEOUT=60 sh -c '%t 2>&1; echo status=$?' | FileCheck %s --check-prefix=GOOD
//
// PLAIN: mploop: error: [[NAME]]=[[V]] is not {{[^;]+}}; {{.+}}
// PLAIN-NEXT: status=1{{$}}
// GOOD: s=45 big=1
// GOOD-NEXT: status=0{{$}}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *big = malloc(1 << 20);
    long s = 0;
    if (!big)
        return 2;
    memset(big, 1, 1 << 20);
    // LOOP: mploop: error: {{.*}}env_policy.c:[[@LINE+3]]: [[NAME]]=[[V]] is not {{[^;]+}}; {{.+}}
    // LOOP-NEXT: status=1{{$}}
#pragma mploop for reduction(+: s)
    for (int i = 0; i < 10; i++)
        s += i * big[i];
    printf("s=%ld big=%d\n", s, big[5]);
    free(big);
    return 0;
}
