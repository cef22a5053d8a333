/* gemm: C = alpha*A*B + beta*C (after PolyBench/C's gemm). */
#include <stdio.h>

#define NI 60
#define NJ 70
#define NK 80

static double A[NI][NK], B[NK][NJ], C[NI][NJ];

static void init(void)
{
    for (int i = 0; i < NI; i++)
        for (int j = 0; j < NJ; j++)
            C[i][j] = (double)((i * j + 1) % NI) / NI;
    for (int i = 0; i < NI; i++)
        for (int k = 0; k < NK; k++)
            A[i][k] = (double)(i * (k + 1) % NK) / NK;
    for (int k = 0; k < NK; k++)
        for (int j = 0; j < NJ; j++)
            B[k][j] = (double)(k * (j + 2) % NJ) / NJ;
}

static void kernel(double alpha, double beta)
{
    for (int i = 0; i < NI; i++) {
        for (int j = 0; j < NJ; j++)
            C[i][j] *= beta;
        for (int k = 0; k < NK; k++)
            for (int j = 0; j < NJ; j++)
                C[i][j] += alpha * A[i][k] * B[k][j];
    }
}

int main(void)
{
    init();
    kernel(1.5, 1.2);
    for (int i = 0; i < NI; i++)
        for (int j = 0; j < NJ; j++)
            printf("%.6f%c", C[i][j], j == NJ - 1 ? '\n' : ' ');
    return 0;
}
