// The clauses the rewriter suggests give the sequential result: an inner
// loop counter and a value assigned then updated in each iteration, both
// declared before the loop, with private(j, w); a scratch array and a
// scratch VLA of the enclosing function with private(tmp, row), and the
// index a counter would have given computed from the loop variable.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3

#include <stdio.h>

enum { N = 40 };

int main(int argc, char **argv)
{
    static double a[N][N], x[N], b[N];
    double tmp[4];
    int m = 5 + (argc > 9);
    double row[m];
    int log[2 * N];
    int j;
    double w;
    (void)argv;
    for (int i = 0; i < N; i++) {
        b[i] = i % 7 + 1;
        for (int k = 0; k < N; k++)
            a[i][k] = (i == k) ? N : (double)((i * k) % 5) / 10;
    }
    // W: mploop: {{.*}}clause_private_suggested.c:[[@LINE+2]]: 40 iterations on [[N]] workers
#pragma mploop for private(j, w, tmp, row)
    for (int i = 0; i < N; i++) {
        w = b[i];
        for (j = 0; j < N; j++)
            if (j != i)
                w -= a[i][j] * b[j] / N;
        for (int k = 0; k < 4; k++)
            tmp[k] = w * (k + 1);
        for (int k = 0; k < m; k++)
            row[k] = tmp[k % 4] + k;
        x[i] = (tmp[0] + tmp[3] + row[m - 1]) / a[i][i];
        log[2 * i] = i;          /* was log[next++], twice an iteration */
        log[2 * i + 1] = -i;
    }
    double sum = 0;
    long lsum = 0;
    for (int i = 0; i < N; i++) {
        sum += x[i] * (i + 1);
        lsum += (long)log[2 * i] * (i + 3) + log[2 * i + 1];
    }
    printf("%.9f %ld\n", sum, lsum);
    return 0;
}
