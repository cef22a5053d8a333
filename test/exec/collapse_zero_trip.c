// collapse(2) with a product of zero iterations: the loop variables declared
// outside must still end as in the sequential program.  An empty inner loop
// leaves the outer variable at its bound and the inner one at its first
// value (its init runs once per outer iteration); an empty outer loop leaves
// the outer variable at its first value and the inner one untouched.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: inner empty: i=6 j=4
// OUT: outer empty: i=9 j=-50
// OUT: both run: i=6 j=3

#include <stdio.h>

int main(void)
{
    int a[6][3] = { { 0 } };
    int rows = 6, cols = 3, none = 0;
    int i = -100, j = -50;

    // W: mploop: {{.*}}collapse_zero_trip.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for collapse(2)
    for (i = 0; i < rows; i++)
        for (j = 4; j < 4 + none; j++)
            a[i][j - 4] = 1;
    printf("inner empty: i=%d j=%d\n", i, j);

    i = -100;
    j = -50;
    // W: mploop: {{.*}}collapse_zero_trip.c:[[@LINE+2]]: 0 iterations in-process (trip count 0)
#pragma mploop for collapse(2)
    for (i = 9; i < 9 + none; i++)
        for (j = 0; j < cols; j++)
            a[i - 9][j] = 2;
    printf("outer empty: i=%d j=%d\n", i, j);

    // W: mploop: {{.*}}collapse_zero_trip.c:[[@LINE+2]]: 18 iterations on 3 workers, schedule auto
#pragma mploop for collapse(2)
    for (i = 0; i < rows; i++)
        for (j = 0; j < cols; j++)
            a[i][j] = i * cols + j;
    printf("both run: i=%d j=%d\n", i, j);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            printf("%d%c", a[r][c], c == cols - 1 ? '\n' : ' ');
    return 0;
}
