/* bicg: s = A^T r and q = A p (after PolyBench/C's bicg). */
#include <stdio.h>

#define M 80
#define N 60

static double A[N][M], s[M], q[N], p[M], r[N];

int main(void)
{
    for (int i = 0; i < M; i++)
        p[i] = (double)(i % M) / M;
    for (int i = 0; i < N; i++) {
        r[i] = (double)(i % N) / N;
        for (int j = 0; j < M; j++)
            A[i][j] = (double)(i * (j + 1) % N) / N;
    }

    for (int i = 0; i < M; i++)
        s[i] = 0;
    for (int i = 0; i < N; i++) {
        q[i] = 0.0;
        for (int j = 0; j < M; j++) {
            s[j] = s[j] + r[i] * A[i][j];
            q[i] = q[i] + A[i][j] * p[j];
        }
    }
    for (int i = 0; i < M; i++)
        printf("s %.6f\n", s[i]);
    for (int i = 0; i < N; i++)
        printf("q %.6f\n", q[i]);
    return 0;
}
