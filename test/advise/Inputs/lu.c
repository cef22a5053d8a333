/* lu: in-place LU decomposition without pivoting (after PolyBench/C's lu). */
#include <stdio.h>

#define N 70

static double A[N][N];

int main(void)
{
    /* a diagonally dominant matrix, so no pivot is needed */
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            A[i][j] = i == j ? N + 1.0 : (double)((i * j) % 5) / 8;

    for (int k = 0; k < N; k++) {
        for (int i = k + 1; i < N; i++)
            A[i][k] /= A[k][k];
        for (int i = k + 1; i < N; i++)
            for (int j = k + 1; j < N; j++)
                A[i][j] -= A[i][k] * A[k][j];
    }

    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            printf("%.6f%c", A[i][j], j == N - 1 ? '\n' : ' ');
    return 0;
}
