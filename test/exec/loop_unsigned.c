// Unsigned loop variables: counting up, counting down to 0 with the
// canonical forms (i > 0, i >= 1), != tests, steps, bounds next to
// UINT_MAX, empty loops, and a signed variable tested against an unsigned
// bound (C compares in unsigned arithmetic, so -3 < 10u is false and the
// loop runs no iteration).
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <limits.h>
#include <stdio.h>

#define SZ 400
static int seen[SZ];

static void report(const char *what, long cnt, unsigned long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < SZ; k++) {
        h = h * 31 + (unsigned)seen[k];
        seen[k] = 0;
    }
    printf("%-12s cnt=%ld sum=%lu hash=%lu\n", what, cnt, sum, h);
}

int main(void)
{
    unsigned n = 300, ten = 10;
    long cnt = 0;
    unsigned long sum = 0;

    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 300 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = 0; i < n; i++) {
        seen[i] = 1000 + (int)i;
        cnt++;
        sum += i;
    }
    report("up", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 300 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = n; i > 0; i--) {
        seen[i - 1] = 2000 + (int)i;
        cnt++;
        sum += i;
    }
    report("down-gt0", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 300 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = n; i >= 1; --i) {
        seen[n - i] = 3000 + (int)i;
        cnt++;
        sum += i;
    }
    report("down-ge1", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = n - 1; i != 199; i--) {
        seen[i] = 4000 + (int)i;
        cnt++;
        sum += i;
    }
    report("ne-dec", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 101 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = 0; i <= n; i += 3) {
        seen[i] = 5000 + (int)i;
        cnt++;
        sum += i;
    }
    report("le-step3", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 60 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = n; i >= 5; i -= 5) {
        seen[i] = 6000 + (int)i;
        cnt++;
        sum += i;
    }
    report("ge-step5", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 9 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = UINT_MAX - 9; i < UINT_MAX; i++) {
        seen[UINT_MAX - i] = 7000 + (int)(UINT_MAX - i);
        cnt++;
        sum += i;
    }
    report("near-max", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 10 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = UINT_MAX; i > UINT_MAX - 10; i--) {
        seen[UINT_MAX - i] = 8000 + (int)(UINT_MAX - i);
        cnt++;
        sum += i;
    }
    report("from-max", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned i = 5; i < 3; i++) {
        seen[i] = 1;
        cnt++;
        sum += i;
    }
    report("empty", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for reduction(+: cnt, sum)
    for (int i = -3; i < ten; i++) {
        seen[i + 3] = 1;
        cnt++;
        sum += (unsigned)i;
    }
    report("mixed-sign", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 13 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = -3; i < (int)ten; i++) {
        seen[i + 3] = 9000 + i;
        cnt++;
        sum += (unsigned long)(i + 3);
    }
    report("cast-sign", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_unsigned.c:[[@LINE+2]]: 150 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (unsigned long i = 3000000000ul; i < 3000000000ul + n; i += 2) {
        seen[i - 3000000000ul] = 10000 + (int)(i % 1000);
        cnt++;
        sum += i;
    }
    report("ulong", cnt, sum);
    return 0;
}
