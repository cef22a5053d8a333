// Every comparison of the canonical loop test: < <= > >= != with the
// variable on the left and on the right, counting up and down.  Each loop
// records which values it ran (seen[]), how many and their sum; the record
// must equal the sequential one.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: lt{{ *}} cnt=100 sum=4950
// OUT: le{{ *}} cnt=101 sum=5050
// OUT: gt-dec{{ *}} cnt=100 sum=5050
// OUT: ge-step3{{ *}} cnt=34 sum=1717
// OUT: ne-inc{{ *}} cnt=100 sum=4950
// OUT: ne-dec{{ *}} cnt=109 sum=4687
// OUT: ub-gt{{ *}} cnt=100 sum=4950

#include <stdio.h>

#define OFF 100
#define SZ 300
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
    int n = 100, lo = -7;
    long cnt = 0, sum = 0;

    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i < n; i++) {
        seen[i + OFF] = 1000 + i;
        cnt++;
        sum += i;
    }
    report("lt", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 101 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i <= n; i++) {
        seen[i + OFF] = 2000 + i;
        cnt++;
        sum += i;
    }
    report("le", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n; i > 0; i--) {
        seen[i + OFF] = 3000 + i;
        cnt++;
        sum += i;
    }
    report("gt-dec", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 34 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n; i >= 0; i -= 3) {
        seen[i + OFF] = 4000 + i;
        cnt++;
        sum += i;
    }
    report("ge-step3", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i != n; i++) {
        seen[i + OFF] = 5000 + i;
        cnt++;
        sum += i;
    }
    report("ne-inc", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 109 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n - 3; i != lo - 5; --i) {
        seen[i + OFF] = 6000 + i;
        cnt++;
        sum += i;
    }
    report("ne-dec", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 20 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; i != 40; i += 2) {
        seen[i + OFF] = 7000 + i;
        cnt++;
        sum += i;
    }
    report("ne-step2", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 0; n > i; ++i) {
        seen[i + OFF] = 8000 + i;
        cnt++;
        sum += i;
    }
    report("ub-gt", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 108 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = n; lo <= i; i--) {
        seen[i + OFF] = 9000 + i;
        cnt++;
        sum += i;
    }
    report("ub-le", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 51 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = -50; 0 >= i; i++) {
        seen[i + OFF] = 10000 + i;
        cnt++;
        sum += i;
    }
    report("ub-ge", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 40 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 150; lo < i; i -= 4) {
        seen[i + OFF] = 11000 + i;
        cnt++;
        sum += i;
    }
    report("ub-lt", cnt, sum);

    cnt = sum = 0;
    // W: mploop: {{.*}}loop_compare.c:[[@LINE+2]]: 30 iterations on [[N]] workers
#pragma mploop for reduction(+: cnt, sum)
    for (int i = 60; 30 != i; i--) {
        seen[i + OFF] = 12000 + i;
        cnt++;
        sum += i;
    }
    report("ub-ne", cnt, sum);
    return 0;
}
