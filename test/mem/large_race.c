// Snapshot mode on large blocks: a race (two workers writing different
// values to one byte of a block of the shared heap) fails the loop with a
// report naming the heap block, and nothing is merged; under
// MPLOOP_ON_ERROR=return the program continues with memory as before the
// loop, also after a worker crashed in the middle of a loop that wrote
// large blocks, a small block and a global.  Same-value writes merge.
// In direct mode (the default) workers write large blocks in place: the
// same-value loop gives the same answer without any check.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 %t same | FileCheck %s --check-prefix=SAME
// RUN: env MPLOOP_WORKERS=2 %t same | FileCheck %s --check-prefix=SAME
// SAME: found=1 sum=0
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 not %t race 2>&1 | FileCheck %s --check-prefix=RACE
// RACE: mploop: error: {{.*}}large_race.c:[[#RACE_LINE:]]: data race: workers wrote different values to address 0x[[#%x,ADDR:]], heap block 0x{{[0-9a-f]+}} ([[#]] bytes), byte [[#%u,BYTE:]]
// RACE-NOT: after the loop
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return %t race 2>&1 | FileCheck %s --check-prefix=RETURN
// RETURN: data race: {{.*}}, heap block
// RETURN: after the race: unchanged
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return %t crash 2>&1 | FileCheck %s --check-prefix=CRASH
// CRASH: mploop: error: {{.*}}large_race.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGSEGV (Segmentation fault) at iteration i = 700
// CRASH: after the crash: unchanged
// With the snapshot clause instead of MPLOOP_CHECK:
// RUN: env MPLOOP_WORKERS=2 not %t clause 2>&1 | FileCheck %s --check-prefix=CLAUSE
// CLAUSE: mploop: error: {{.*}}large_race.c:{{[0-9]+}}: data race: {{.*}}, heap block

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (1L << 20)

static int global_data[1024];

static unsigned long hash(const void *p, size_t n)
{
    const unsigned char *c = p;
    unsigned long h = 1469598103934665603ul;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 1099511628211ul;
    return h;
}

static volatile int zero; /* hides the dependence from the rewriter's tests */
int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "same";
    int *big = malloc(N * sizeof *big);
    int *big2 = malloc(N * sizeof *big2);
    char *small = malloc(64);
    for (long i = 0; i < N; i++)
        big[i] = big2[i] = (int)i;
    memset(small, 's', 64);
    unsigned long before = hash(big, N * sizeof *big) ^ hash(big2, N * sizeof *big2) ^
                           hash(small, 64) ^ hash(global_data, sizeof global_data);

    if (!strcmp(what, "same")) {
        big[N / 2] = 0;
#pragma mploop for
        for (int i = 0; i < 1000; i++)
            if (i % 100 == 7)
                big[N / 2] = 1;      /* the same value from every worker */
        printf("found=%d sum=%d\n", big[N / 2], big[0]);
    } else if (!strcmp(what, "race")) {
#pragma mploop for
        for (int i = 0; i < 1000; i++) {
            big2[i * 1000] = -1;
            big[N / 3 + zero] = i;   /* different values: a race */
        }
        printf("after the loop\n");
        unsigned long after = hash(big, N * sizeof *big) ^ hash(big2, N * sizeof *big2) ^
                              hash(small, 64) ^ hash(global_data, sizeof global_data);
        printf("after the race: %s\n", after == before ? "unchanged" : "CHANGED");
    } else if (!strcmp(what, "crash")) {
#pragma mploop for schedule(dynamic, 10)
        for (int i = 0; i < 1000; i++) {
            big[i * 1000] = -i;
            big2[N - 1 - i] = i;
            global_data[i] = i;
            small[i % 64] = (char)i;
            if (i == 700)
                raise(SIGSEGV);
        }
        unsigned long after = hash(big, N * sizeof *big) ^ hash(big2, N * sizeof *big2) ^
                              hash(small, 64) ^ hash(global_data, sizeof global_data);
        printf("after the crash: %s\n", after == before ? "unchanged" : "CHANGED");
    } else {
#pragma mploop for snapshot
        for (int i = 0; i < 1000; i++)
            big[N / 3 + zero] = i;
        printf("after the loop\n");
    }
    free(big);
    free(big2);
    free(small);
    return 0;
}
