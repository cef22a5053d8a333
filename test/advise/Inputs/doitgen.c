/* doitgen: multiresolution analysis kernel (after PolyBench/C's doitgen);
 * sum is scratch space every (r, q) iteration fills before it reads it. */
#include <stdio.h>

#define NR 20
#define NQ 24
#define NP 30

static double A[NR][NQ][NP], C4[NP][NP], sum[NP];

int main(void)
{
    for (int i = 0; i < NR; i++)
        for (int j = 0; j < NQ; j++)
            for (int k = 0; k < NP; k++)
                A[i][j][k] = (double)((i * j + k) % NP) / NP;
    for (int i = 0; i < NP; i++)
        for (int j = 0; j < NP; j++)
            C4[i][j] = (double)(i * j % NP) / NP;

    for (int r = 0; r < NR; r++)
        for (int q = 0; q < NQ; q++) {
            for (int p = 0; p < NP; p++) {
                sum[p] = 0.0;
                for (int s = 0; s < NP; s++)
                    sum[p] += A[r][q][s] * C4[s][p];
            }
            for (int p = 0; p < NP; p++)
                A[r][q][p] = sum[p];
        }

    for (int i = 0; i < NR; i++)
        for (int j = 0; j < NQ; j++)
            for (int k = 0; k < NP; k++)
                printf("%.6f%c", A[i][j][k], k == NP - 1 ? '\n' : ' ');
    return 0;
}
