// collapse(2): two perfectly nested rectangular loops share one iteration
// space (the product of the trip counts), split among the workers.  Covers
// unit and non-unit steps, a descending inner loop, bounds in variables and
// variables declared outside the loops, which must end with their sequential
// final values.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=ONE --implicit-check-not=mploop: < %t.log.1
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: after: i=7 j=5
// OUT: after: r=12 c=-2

#include <stdio.h>

static void show(const char *what, int rows, int cols, int a[rows][cols], long sum)
{
    unsigned long h = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            h = h * 131 + (unsigned)a[r][c];
    printf("%s: sum=%ld hash=%lu\n", what, sum, h);
}

int main(void)
{
    int rows = 7, cols = 5;
    int a[7][5] = { { 0 } };
    int b[6][4] = { { 0 } };
    long sum = 0;

    // W: mploop: {{.*}}collapse2.c:[[@LINE+3]]: 35 iterations on [[N]] workers, schedule auto
    // ONE: mploop: {{.*}}collapse2.c:[[@LINE+2]]: 35 iterations in-process (one worker)
#pragma mploop for collapse(2) reduction(+: sum)
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            a[i][j] = i * 10 + j + 1;
            sum += i * j;
        }
    show("unit", 7, 5, a, sum);

    /* Variables declared outside; the inner loop counts down by 3. */
    int r = -1, c = -1;
    sum = 0;
    // W: mploop: {{.*}}collapse2.c:[[@LINE+3]]: 24 iterations on [[N]] workers, schedule dynamic,2
    // ONE: mploop: {{.*}}collapse2.c:[[@LINE+2]]: 24 iterations in-process (one worker)
#pragma mploop for collapse(2) schedule(dynamic, 2) reduction(+: sum)
    for (r = 0; r < 12; r += 2)
        for (c = 10; c > -2; c -= 3) {
            b[r / 2][(10 - c) / 3] = r * 100 + c;
            sum += r - c;
        }
    show("steps", 6, 4, b, sum);

    int i, j;
    // W: mploop: {{.*}}collapse2.c:[[@LINE+3]]: 35 iterations on [[N]] workers, schedule static,4
    // ONE: mploop: {{.*}}collapse2.c:[[@LINE+2]]: 35 iterations in-process (one worker)
#pragma mploop for collapse(2) schedule(static, 4)
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
            a[i][j] *= 3;
    show("outside", 7, 5, a, 0);
    printf("after: i=%d j=%d\n", i, j);
    printf("after: r=%d c=%d\n", r, c);
    return 0;
}
