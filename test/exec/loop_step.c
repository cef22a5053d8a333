// Every step form of the canonical loop: v++ ++v v-- --v v += s v -= s
// v = v + s v = s + v v = v - s, with constant and variable steps, steps
// that do not divide the range and a negative variable step.  Each loop
// records which values it ran; the record must equal the sequential one.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

#define OFF 100
#define SZ 400
static int seen[SZ];

static void report(const char *what, long cnt, long sum)
{
    unsigned long h = 0;
    for (int k = 0; k < SZ; k++) {
        h = h * 31 + (unsigned)seen[k];
        seen[k] = 0;
    }
    printf("%-10s cnt=%ld sum=%ld hash=%lu\n", what, cnt, sum, h);
}

int main(void)
{
    int n = 200, s = 7, neg = -4;
    long cnt = 0, sum = 0;

    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i < n; i = i + 2) {
        seen[i + OFF] = 1000 + i;
        cnt++;
        sum += i;
    }
    report("i=i+2", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 67 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 1; i < n; i = 3 + i) {
        seen[i + OFF] = 2000 + i;
        cnt++;
        sum += i;
    }
    report("i=3+i", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 101 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n; i >= 0; i = i - 2) {
        seen[i + OFF] = 3000 + i;
        cnt++;
        sum += i;
    }
    report("i=i-2", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 30 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = -5; i < n; i += s) {
        seen[i + OFF] = 4000 + i;
        cnt++;
        sum += i;
    }
    report("i+=s", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 29 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n; i > 0; i -= s) {
        seen[i + OFF] = 5000 + i;
        cnt++;
        sum += i;
    }
    report("i-=s", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 29 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i <= n; i = i + s) {
        seen[i + OFF] = 6000 + i;
        cnt++;
        sum += i;
    }
    report("i=i+s", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 29 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 3; i <= n; i = s + i) {
        seen[i + OFF] = 7000 + i;
        cnt++;
        sum += i;
    }
    report("i=s+i", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 29 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n - 1; i > 0; i = i - s) {
        seen[i + OFF] = 8000 + i;
        cnt++;
        sum += i;
    }
    report("i=i-s", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 50 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n; i > 0; i += neg) {
        seen[i + OFF] = 9000 + i;
        cnt++;
        sum += i;
    }
    report("i+=neg", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 50 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = -80; i < 120; i -= neg) {
        seen[i + OFF] = 10000 + i;
        cnt++;
        sum += i;
    }
    report("i-=neg", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 200 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n - 1; i >= 0; --i) {
        seen[i + OFF] = 11000 + i;
        cnt++;
        sum += i;
    }
    report("--i", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_step.c:[[@LINE+2]]: 25 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i < n; i += 8) {
        seen[i + OFF] = 12000 + i;
        cnt++;
        sum += i;
    }
    report("i+=8", cnt, sum);
    return 0;
}
