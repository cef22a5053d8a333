// Negative bounds: ranges entirely below zero, crossing zero, counting down
// into negative values, with long and signed char variables.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

#define OFF 1000
static int seen[2001];

static void report(const char *what, long cnt, long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < 2001; k++) {
        h = h * 31 + (unsigned)seen[k];
        seen[k] = 0;
    }
    printf("%-10s cnt=%ld sum=%ld hash=%lu\n", what, cnt, sum, h);
}

int main(void)
{
    int lo = -50, hi = -10;
    long cnt = 0, sum = 0;

    // W: mploop: {{.*}}bounds_negative.c:[[@LINE+2]]: 40 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = lo; i < hi; i++) {
        seen[i + OFF] = 1 + i * 2;
        cnt++;
        sum += i;
    }
    report("below", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_negative.c:[[@LINE+2]]: 11 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = -10; i >= -40; i -= 3) {
        seen[i + OFF] = 2 + i * 3;
        cnt++;
        sum += i;
    }
    report("down", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_negative.c:[[@LINE+2]]: 1001 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (long i = -500; i <= 500; i++) {
        seen[i + OFF] = 3 + (int)i;
        cnt++;
        sum += i * i;
    }
    report("across", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_negative.c:[[@LINE+2]]: 1000 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 999; i > hi * 100; i -= 2) {
        seen[i + OFF] = 4 + i;
        cnt++;
        sum += i;
    }
    report("into-neg", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_negative.c:[[@LINE+2]]: 128 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (signed char c = -128; c < 0; c++) {
        seen[c + OFF] = 5 + c;
        cnt++;
        sum += c;
    }
    report("schar", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}bounds_negative.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for reduction(+: cnt, sum)
    for (int i = hi; i < lo; i++) {
        seen[i + OFF] = 6;
        cnt++;
        sum += i;
    }
    report("empty", cnt, sum);
    return 0;
}
