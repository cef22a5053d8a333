/* syrk: symmetric rank-k update of the lower triangle (after PolyBench/C's
 * syrk); the inner loops are triangular. */
#include <stdio.h>

#define N 64
#define M 48

static double A[N][M], C[N][N];

static void kernel(int n, int m, double alpha, double beta)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++)
            C[i][j] *= beta;
        for (int k = 0; k < m; k++)
            for (int j = 0; j <= i; j++)
                C[i][j] += alpha * A[i][k] * A[j][k];
    }
}

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++)
            A[i][j] = (double)((i * j + 1) % N) / N;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            C[i][j] = (double)((i * j + 2) % M) / M;
    kernel(N, M, 1.5, 1.2);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            printf("%.6f%c", C[i][j], j == N - 1 ? '\n' : ' ');
    return 0;
}
