// A histogram of a million counters reduced over two million samples: each
// participant's copy (4 MiB) lives in its partial slot, the parent adds
// them up.  Then a section of a local array (the elements around it keep
// their values), a variable-length array and a section of an array
// parameter (a loop run twice, reducing into the same array again).
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: hist: 2000000 samples in 1048576 bins, 893266 bins used, fullest 11
// OUT-NEXT: section: 7 7 7 14 14 14 14 14
// OUT-NEXT: vla: 3 3 3 3 3 3 3
// OUT-NEXT: param: 10 1 -3 -3 -3 7

#include <stdio.h>

#define BINS (1 << 20)

static unsigned hist[BINS];

static void param(int v[6], int n);

int main(void)
{
    long samples = 2000000;
    unsigned long long x = 88172645463325252ull;
    static unsigned key[2000000];
    for (long i = 0; i < samples; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        key[i] = (unsigned)(x % BINS);
    }
    // W: mploop: {{.*}}reduction_histogram.c:[[@LINE+2]]: 2000000 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: hist)
    for (long i = 0; i < samples; i++)
        hist[key[i]]++;
    unsigned long total = 0, used = 0, fullest = 0;
    for (long b = 0; b < BINS; b++) {
        total += hist[b];
        used += hist[b] != 0;
        fullest = hist[b] > fullest ? hist[b] : fullest;
    }
    printf("hist: %lu samples in %d bins, %lu bins used, fullest %lu\n", total, BINS, used,
           fullest);

    int a[8] = { 7, 7, 7, 7, 7, 7, 7, 7 };
    int lo = 3, len = 5;
    // W: mploop: {{.*}}reduction_histogram.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: a[lo:len])
    for (int i = 0; i < 100; i++)
        a[lo + i % len] += i < 50;
    // W: mploop: {{.*}}reduction_histogram.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(-: a[lo:len])
    for (int i = 0; i < 100; i++)
        a[lo + i % len] -= i % 7 == 0;
    printf("section:");
    for (int j = 0; j < 8; j++)
        printf(" %d", a[j]);
    printf("\n");

    int m = 7;
    long vla[m];
    for (int j = 0; j < m; j++)
        vla[j] = 0;
    // W: mploop: {{.*}}reduction_histogram.c:[[@LINE+2]]: 21 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(|: vla)
    for (int i = 0; i < 3 * m; i++)
        vla[i % m] |= i % 3;
    printf("vla:");
    for (int j = 0; j < m; j++)
        printf(" %ld", vla[j]);
    printf("\n");

    int v[6] = { 10, 1, 2, 3, 20, -1 };
    param(v, 40);
    v[5] = 7;
    param(v, 40);
    printf("param:");
    for (int j = 0; j < 6; j++)
        printf(" %d", v[j]);
    printf("\n");
    return 0;
}

/* The reduction over the section [1:5) of the array parameter v. */
static __attribute__((noinline)) void param(int v[6], int n)
{
    // W: mploop: {{.*}}reduction_histogram.c:[[@LINE+3]]: 40 iterations on [[N]] workers, schedule auto
    // W: mploop: {{.*}}reduction_histogram.c:[[@LINE+2]]: 40 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(min: v[1:4])
    for (int i = 0; i < n; i++)
        if (i - 30 < v[1 + i % 4] && i % 4 != 0)
            v[1 + i % 4] = i - 30 > 0 ? i - 30 : -3;
}
