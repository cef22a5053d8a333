// Loops that would never end, and clause values that cannot run, are
// reported with the loop's location and what to change; the program stops
// before running any iteration.  (Only the mploop build runs: sequentially
// these loops never end.)
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 not %t zero-step 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: env MPLOOP_WORKERS=2 not %t backwards 2>&1 | FileCheck %s --check-prefix=BACK
// RUN: env MPLOOP_WORKERS=2 not %t not-equal 2>&1 | FileCheck %s --check-prefix=NE
// RUN: env MPLOOP_WORKERS=2 not %t chunk 2>&1 | FileCheck %s --check-prefix=CHUNK
// RUN: env MPLOOP_WORKERS=2 not %t workers 2>&1 | FileCheck %s --check-prefix=WORKERS
// The checks are made in-process too, and a zero-trip loop with a zero
// step is fine (its test fails at once, as in C).
// RUN: env MPLOOP_WORKERS=1 not %t zero-step 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: env MPLOOP_WORKERS=2 %t empty 2>&1 | FileCheck %s --check-prefix=EMPTY
//
// ZERO-NOT: iteration
// BACK-NOT: iteration
// NE-NOT: iteration
// CHUNK-NOT: iteration
// WORKERS-NOT: iteration

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    int n = 10, step = 1, chunk = 2, workers = 2;
    if (!strcmp(what, "zero-step") || !strcmp(what, "empty"))
        step = 0;
    if (!strcmp(what, "backwards"))
        step = -1;
    if (!strcmp(what, "chunk"))
        chunk = 0;
    if (!strcmp(what, "workers"))
        workers = -1;
    if (!strcmp(what, "empty"))
        n = 0;
    long s = 0;

    if (strcmp(what, "not-equal") != 0) {
        // ZERO: mploop: error: {{.*}}invalid_loop.c:[[@LINE+5]]: loop never ends: its step is 0; give the loop variable a non-zero step
        // BACK: mploop: error: {{.*}}invalid_loop.c:[[@LINE+4]]: loop never ends: its step moves the loop variable away from the bound; check the sign of the step and the direction of the test
        // CHUNK: mploop: error: {{.*}}invalid_loop.c:[[@LINE+3]]: the chunk size of the schedule clause is 0; it must be positive
        // WORKERS: mploop: error: {{.*}}invalid_loop.c:[[@LINE+2]]: the num_workers clause asks for -1 workers; it must be positive
#pragma mploop for reduction(+: s) schedule(dynamic, chunk) num_workers(workers)
        for (int i = 0; i < n; i += step)
            s += i;
    } else {
        // NE: mploop: error: {{.*}}invalid_loop.c:[[@LINE+2]]: loop never ends: the loop variable steps over the `!=` bound without ever equalling it; use `<` or `>` instead of `!=`, or fix the bounds
#pragma mploop for reduction(+: s)
        for (int i = 0; i != 7; i += 2)
            s += i;
    }
    // EMPTY: s=0
    printf("s=%ld\n", s);
    return 0;
}
