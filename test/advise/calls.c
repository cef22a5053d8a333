// A loop calling a random generator with hidden state or reading standard
// input is not suggested: the rewriter only warns about such calls, but the
// workers would not compute what the sequential loop does.  Math functions
// and output are fine.
//
// RUN: %mploop --suggest %s > %t.out
// RUN: FileCheck %s --match-full-lines --implicit-check-not={{.}} < %t.out

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

double a[100];

int main(int argc, char **argv)
{
    int n = argc < 100 ? 100 : 100; /* not a constant: a small constant trip count is not worth a process */
    (void)argv;
// CHECK: {{.*}}calls.c:[[@LINE+1]]:5: unknown: 'rand' (line [[@LINE+2]]) continues the parent's hidden random sequence in every worker: the iterations would not draw the numbers they draw sequentially [-Wmploop-rand]
    for (int i = 0; i < n; i++)
        a[i] = rand() % 7;
// CHECK: {{.*}}calls.c:[[@LINE+1]]:5: unknown: 'getchar' (line [[@LINE+2]]) reads standard input: every worker would read the same input [-Wmploop-stdin]
    for (int i = 0; i < n; i++)
        a[i] = getchar();
// CHECK: {{.*}}calls.c:[[@LINE+1]]:5: parallel: #pragma mploop for
    for (int i = 0; i < n; i++)
        a[i] = sqrt(a[i]) + fabs(a[i]);
// CHECK: {{.*}}calls.c:[[@LINE+1]]:5: parallel: #pragma mploop for
    for (int i = 0; i < n; i++)
        printf("%g\n", a[i]);
    return 0;
}
