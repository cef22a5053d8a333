// Every iteration sees memory as it was when the loop started: an
// anti-dependence a[i] = a[i + 1] gives the sequential answer, in the
// default mode, over a global array, a static local array, an array of the
// enclosing function, a small heap block and a block allocated in an
// earlier loop's body (all merged by snapshot), and with the snapshot clause
// over a large block.
//
// RUN: %exec-check %s %t

#include <stdio.h>
#include <stdlib.h>

#define N 5000

int global_a[N];

static unsigned long hash(const int *a, long n)
{
    unsigned long h = 1469598103934665603ul;
    for (long i = 0; i < n; i++)
        h = (h ^ (unsigned)a[i]) * 1099511628211ul;
    return h;
}

int main(void)
{
    static int static_a[N];
    int local_a[N];
    int *small = malloc(1000 * sizeof *small);
    int *large = malloc(100 * N * sizeof *large);
    int *made[1];
    for (int i = 0; i < N; i++)
        global_a[i] = static_a[i] = local_a[i] = i * 3;
    for (int i = 0; i < 1000; i++)
        small[i] = i;
    for (int i = 0; i < 100 * N; i++)
        large[i] = i ^ 0x55;
#pragma mploop for
    for (int i = 0; i < 1; i++) {
        made[i] = malloc(N * sizeof(int));
        for (int k = 0; k < N; k++)
            made[i][k] = k * 7;
    }

#pragma mploop for
    for (int i = 0; i < N - 1; i++)
        global_a[i] = global_a[i + 1] + 1;
#pragma mploop for schedule(dynamic, 3)
    for (int i = 0; i < N - 1; i++)
        static_a[i] = static_a[i + 1] * 2;
#pragma mploop for schedule(guided)
    for (int i = 0; i < N - 1; i++)
        local_a[i] = local_a[i + 1] - i;
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 999; i++)
        small[i] = small[i + 1] + small[i];
#pragma mploop for
    for (int i = 0; i < N - 1; i++)
        made[0][i] = made[0][i + 1] + 5;
#pragma mploop for snapshot schedule(dynamic, 1000)
    for (int i = 0; i < 100 * N - 1; i++)
        large[i] = large[i + 1] * 3;

    printf("global %lx\n", hash(global_a, N));
    printf("static %lx\n", hash(static_a, N));
    printf("local %lx\n", hash(local_a, N));
    printf("small %lx\n", hash(small, 1000));
    printf("made %lx\n", hash(made[0], N));
    printf("large %lx\n", hash(large, 100 * N));
    return 0;
}
