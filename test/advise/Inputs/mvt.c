/* mvt: x1 += A y1, x2 += A^T y2 (after PolyBench/C's mvt). */
#include <stdio.h>

#define N 120

static double A[N][N], x1[N], x2[N], y_1[N], y_2[N];

int main(void)
{
    for (int i = 0; i < N; i++) {
        x1[i] = (double)(i % N) / N;
        x2[i] = (double)((i + 1) % N) / N;
        y_1[i] = (double)((i + 3) % N) / N;
        y_2[i] = (double)((i + 4) % N) / N;
        for (int j = 0; j < N; j++)
            A[i][j] = (double)(i * j % N) / N;
    }

    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            x1[i] = x1[i] + A[i][j] * y_1[j];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            x2[i] = x2[i] + A[j][i] * y_2[j];

    for (int i = 0; i < N; i++)
        printf("%.6f %.6f\n", x1[i], x2[i]);
    return 0;
}
