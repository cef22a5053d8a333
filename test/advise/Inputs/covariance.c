/* covariance: the covariance matrix of M variables over N samples (after
 * PolyBench/C's covariance). */
#include <stdio.h>

#define M 50
#define N 64

static double data[N][M], cov[M][M], mean[M];

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++)
            data[i][j] = ((double)i * j) / M;

    double float_n = N;
    for (int j = 0; j < M; j++) {
        mean[j] = 0.0;
        for (int i = 0; i < N; i++)
            mean[j] += data[i][j];
        mean[j] /= float_n;
    }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++)
            data[i][j] -= mean[j];
    for (int i = 0; i < M; i++)
        for (int j = i; j < M; j++) {
            cov[i][j] = 0.0;
            for (int k = 0; k < N; k++)
                cov[i][j] += data[k][i] * data[k][j];
            cov[i][j] /= (float_n - 1.0);
            cov[j][i] = cov[i][j];
        }

    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++)
            printf("%.6f%c", cov[i][j], j == M - 1 ? '\n' : ' ');
    return 0;
}
