// A loop variable declared before the loop (`v = lb` in the init) holds its
// sequential final value after the loop: the first value that fails the
// test, for steps that do not divide the range, downward loops, narrow
// unsigned types that wrap, and loops of zero and one iteration (where the
// variable ends at lb, or one step past it).
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: up: i=100
// OUT: step3: i=12
// OUT: down4: i=-2
// OUT: uchar: c=0
// OUT: ne: i=-9
// OUT: zero: i=42
// OUT: zero-le: i=5
// OUT: one: i=8
// OUT: ulong: u=18446744073709551615

#include <stdio.h>

static int a[400];

static volatile int hidden; /* hides the dependence from the rewriter's tests */
int main(void)
{
    int n = 100, i = -1;
    unsigned char c = 1;
    unsigned long u = 0;

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 100 iterations on [[N]] workers
#pragma mploop for
    for (i = 0; i < n; i++)
        a[i] = i + 1;
    printf("up: i=%d\n", i);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 4 iterations on [[N]] workers
#pragma mploop for
    for (i = 0; i < 10; i += 3)
        a[100 + i] = i * 2;
    printf("step3: i=%d\n", i);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 3 iterations on {{[234]}} workers
#pragma mploop for
    for (i = 10; i >= 0; i -= 4)
        a[120 + i] = -i;
    printf("down4: i=%d\n", i);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 25 iterations on [[N]] workers
#pragma mploop for
    for (c = 250; c > 5; c -= 10)
        a[140 + c / 10] = c;
    printf("uchar: c=%d\n", c);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 39 iterations on [[N]] workers
#pragma mploop for
    for (i = 30; i != -9; --i)
        a[200 + i] = i * i;
    printf("ne: i=%d\n", i);

    i = 42;
    int zero = 0;
    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for
    for (i = 42; i < zero; i++)
        a[300 + hidden] = 1;
    printf("zero: i=%d\n", i);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for
    for (i = 5; i <= zero; i++)
        a[301 + hidden] = 1;
    printf("zero-le: i=%d\n", i);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 1 iteration{{s?}} in-process (trip count 1)
#pragma mploop for
    for (i = 7; i < 8; i++)
        a[302] = i;
    printf("one: i=%d\n", i);

    // W: mploop: {{.*}}loop_var_outside.c:[[@LINE+2]]: 15 iterations on [[N]] workers
#pragma mploop for
    for (u = 18446744073709551600ul; u < 18446744073709551615ul; u++)
        a[310 + (int)(u - 18446744073709551600ul)] = (int)(u % 97);
    printf("ulong: u=%lu\n", u);

    unsigned long h = 0;
    for (int k = 0; k < 400; k++)
        h = h * 31 + (unsigned)a[k];
    printf("a: %lu\n", h);
    return 0;
}
