/* atax: y = A^T (A x) (after PolyBench/C's atax). */
#include <stdio.h>

#define M 70
#define N 90

static double A[M][N], x[N], y[N], tmp[M];

int main(void)
{
    for (int j = 0; j < N; j++)
        x[j] = 1.0 + (double)j / N;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < N; j++)
            A[i][j] = (double)((i + j) % N) / (5 * M);

    for (int j = 0; j < N; j++)
        y[j] = 0.0;
    for (int i = 0; i < M; i++) {
        tmp[i] = 0.0;
        for (int j = 0; j < N; j++)
            tmp[i] = tmp[i] + A[i][j] * x[j];
        for (int j = 0; j < N; j++)
            y[j] = y[j] + A[i][j] * tmp[i];
    }
    for (int j = 0; j < N; j++)
        printf("%.6f\n", y[j]);
    return 0;
}
