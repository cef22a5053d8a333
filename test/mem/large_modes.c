// Large blocks (64 KiB and more by default) live in the shared memfd heap,
// so that a loop's fork does not copy their page tables.  Two write modes:
// direct (the default: workers write the shared pages in place) and
// snapshot (MPLOOP_CHECK=1, the snapshot clause, or MPLOOP_ON_ERROR=return
// or serial: workers write private copies that are diffed and merged).
// Both give the sequential answer for independent iterations; snapshot mode
// also for the anti-dependence a[i] = a[i + 1] over a large block, which
// direct mode (like threads) does not promise.
//
// The blocks are mappings of the memfd "mploop-heap":
// RUN: %mploop-cc -O2 %s -o %t.where
// RUN: %t.where where | FileCheck %s --check-prefix=WHERE
// WHERE: big: /memfd:mploop-heap
// WHERE-NEXT: calloc: /memfd:mploop-heap
// WHERE-NEXT: grown: /memfd:mploop-heap
// WHERE-NEXT: small: [heap]
// MPLOOP_LARGE_MIN moves the threshold, or turns the heap off:
// RUN: env MPLOOP_LARGE_MIN=1M %t.where where | FileCheck %s --check-prefix=ONEMEG
// ONEMEG: big: /memfd:mploop-heap
// ONEMEG-NEXT: calloc: [heap]
// RUN: env MPLOOP_LARGE_MIN=off %t.where where | FileCheck %s --check-prefix=OFF
// OFF-NOT: memfd
// A malformed value is an error, like every MPLOOP_* variable's: reported
// (naming no loop: it is read at the first large allocation) and the
// program ends with status 1.
// RUN: env MPLOOP_LARGE_MIN=12x not %t.where where > %t.bad.out 2> %t.bad.err
// RUN: FileCheck %s --check-prefix=BAD < %t.bad.err
// RUN: count 0 < %t.bad.out
// BAD: mploop: error: MPLOOP_LARGE_MIN=12x is not a size in bytes; use a size such as 65536 or 1M (k, M and G multiply by 1024), off to leave large blocks to the C library, or unset it for 64K{{$}}
//
// Snapshot mode, independent and anti-dependent loops:
// RUN: env MPLOOP_CHECK=1 %exec-check %s %t.snap
// RUN: FileCheck %s --check-prefixes=LOG,SNAP --implicit-check-not=mploop: < %t.snap.log.2
// Direct mode: only the independent loops.
// RUN: env MPLOOP_TEST_WORKERS="2 3" %exec-check %s %t.direct -DDIRECT_ONLY
// RUN: FileCheck %s --check-prefix=LOG --implicit-check-not=mploop: < %t.direct.log.2
// LOG: mploop: {{.*}}large_modes.c:{{[0-9]+}}: 4194304 iterations on 2 workers
// LOG-NEXT: mploop: {{.*}}large_modes.c:{{[0-9]+}}: 4096 iterations on 2 workers
// SNAP-NEXT: mploop: {{.*}}large_modes.c:{{[0-9]+}}: 4194303 iterations on 2 workers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (4L << 20)

/* The mapping of /proc/self/maps that holds p, by its name. */
static void where(const char *what, const void *p)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        int pos = 0;
        if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi, &pos) >= 2 &&
            (unsigned long)p >= lo && (unsigned long)p < hi) {
            printf("%s: %s", what, pos ? line + pos : "?\n");
            break;
        }
    }
    if (f)
        fclose(f);
}

static unsigned long hash(const int *a, long n)
{
    unsigned long h = 1469598103934665603ul;
    for (long i = 0; i < n; i++)
        h = (h ^ (unsigned)a[i]) * 1099511628211ul;
    return h;
}

int main(int argc, char **argv)
{
    int *a = malloc(N * sizeof *a);
    int *b = calloc(N, sizeof *b);
    for (long i = 0; i < N; i++)
        a[i] = (int)(i * 7);
    if (argc > 1 && strcmp(argv[1], "where") == 0) {
        char *c = calloc(1, 100000);
        char *g = malloc(100);
        g = realloc(g, 300000);
        char *s = malloc(1000);
        where("big", a);
        where("calloc", c);
        where("grown", g);
        where("small", s);
        return 0;
    }

    /* Independent iterations, reading one block and writing the other. */
#pragma mploop for
    for (long i = 0; i < N; i++)
        b[i] = a[i] * 3 + 1;
    printf("independent: %lx\n", hash(b, N));

    /* Sparse writes, one int per page, to a block filled before the loop. */
#pragma mploop for schedule(dynamic, 7)
    for (long i = 0; i < N; i += 1024)
        a[i] = -a[i];
    printf("sparse: %lx\n", hash(a, N));

#ifndef DIRECT_ONLY
    /* Anti-dependence: every iteration reads what the next one writes. */
#pragma mploop for
    for (long i = 0; i < N - 1; i++)
        a[i] = a[i + 1] * 2;
    printf("anti-dependence: %lx\n", hash(a, N));
#endif
    free(a);
    free(b);
    return 0;
}
