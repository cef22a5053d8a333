// Blocks allocated in a loop body (worker arenas) are merged by snapshot in
// later loops, like the rest of the private memory, in the default mode:
// an anti-dependence over such a block reads the values from before the
// loop, two workers writing different values to one of its bytes is a race
// naming the block, and a failed loop leaves it as it was
// (MPLOOP_ON_ERROR=return).  Small and large blocks alike.
//
// RUN: %exec-check %s %t
// RUN: %mploop-cc -O2 %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 not %t.par race 2>&1 | FileCheck %s --check-prefix=RACE
// RACE: mploop: error: {{.*}}arena_blocks.c:{{[0-9]+}}: data race: workers wrote different values to address 0x{{[0-9a-f]+}}, heap block 0x{{[0-9a-f]+}} ({{[0-9]+}} bytes, allocated in a loop body), byte {{[0-9]+}}
// RACE-NOT: after
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return %t.par crash 2>&1 | FileCheck %s --check-prefix=CRASH
// CRASH: killed by SIGSEGV (Segmentation fault) at iteration i = 5
// CRASH: after the crash: unchanged

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS 8
#define SMALL 100
#define LARGE (300 * 1000)

static unsigned long hash(const int *a, long n, unsigned long h)
{
    for (long i = 0; i < n; i++)
        h = (h ^ (unsigned)a[i]) * 1099511628211ul;
    return h;
}

static unsigned long all(int **small, int **large)
{
    unsigned long h = 1469598103934665603ul;
    for (int r = 0; r < ROWS; r++)
        h = hash(large[r], LARGE, hash(small[r], SMALL, h));
    return h;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    int *small[ROWS], *large[ROWS];
#pragma mploop for
    for (int r = 0; r < ROWS; r++) {
        small[r] = malloc(SMALL * sizeof(int));
        large[r] = malloc(LARGE * sizeof(int));
        for (int k = 0; k < SMALL; k++)
            small[r][k] = r * 1000 + k;
        for (int k = 0; k < LARGE; k++)
            large[r][k] = r + k;
    }
    unsigned long before = all(small, large);

    if (!strcmp(what, "race")) {
#pragma mploop for
        for (int i = 0; i < 100; i++)
            small[3][7] = i;           /* different values: a race */
        printf("after the loop\n");
        return 0;
    }
    if (!strcmp(what, "crash")) {
#pragma mploop for schedule(dynamic, 1)
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < LARGE; k++)
                large[i][k] = -k;
            small[i][0] = -1;
            if (i == 5)
                raise(SIGSEGV);
        }
        printf("after the crash: %s\n", all(small, large) == before ? "unchanged" : "CHANGED");
        return 0;
    }

    /* Anti-dependences inside each block, and across blocks. */
#pragma mploop for
    for (int i = 0; i < ROWS * SMALL - 1; i++)
        small[i / SMALL][i % SMALL] = small[(i + 1) / SMALL][(i + 1) % SMALL] + 1;
#pragma mploop for schedule(static, 1000)
    for (long i = 0; i < (long)ROWS * LARGE - 1; i++)
        large[i / LARGE][i % LARGE] = large[(i + 1) / LARGE][(i + 1) % LARGE] * 3;
    printf("shifted: %lx\n", all(small, large));

    /* Same-value writes merge. */
#pragma mploop for
    for (int i = 0; i < 100; i++)
        if (i % 10 == 3)
            small[0][0] = 42;
    printf("same value: %d\n", small[0][0]);
    for (int r = 0; r < ROWS; r++) {
        free(small[r]);
        free(large[r]);
    }
    return 0;
}
