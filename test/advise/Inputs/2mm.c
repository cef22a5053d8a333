/* 2mm: D = alpha*A*B*C + beta*D, through tmp (after PolyBench/C's 2mm). */
#include <stdio.h>
#include <stdlib.h>

#define NI 40
#define NJ 50
#define NK 60
#define NL 45

static void init(double *A, double *B, double *C, double *D)
{
    for (int i = 0; i < NI; i++)
        for (int k = 0; k < NK; k++)
            A[i * NK + k] = (double)((i * k + 1) % NI) / NI;
    for (int k = 0; k < NK; k++)
        for (int j = 0; j < NJ; j++)
            B[k * NJ + j] = (double)(k * (j + 1) % NJ) / NJ;
    for (int j = 0; j < NJ; j++)
        for (int l = 0; l < NL; l++)
            C[j * NL + l] = (double)((j * (l + 3) + 1) % NL) / NL;
    for (int i = 0; i < NI; i++)
        for (int l = 0; l < NL; l++)
            D[i * NL + l] = (double)(i * (l + 2) % NK) / NK;
}

static void kernel(double alpha, double beta, double *restrict tmp, const double *restrict A,
                   const double *restrict B, const double *restrict C, double *restrict D)
{
    for (int i = 0; i < NI; i++)
        for (int j = 0; j < NJ; j++) {
            double s = 0.0;
            for (int k = 0; k < NK; k++)
                s += alpha * A[i * NK + k] * B[k * NJ + j];
            tmp[i * NJ + j] = s;
        }
    for (int i = 0; i < NI; i++)
        for (int l = 0; l < NL; l++) {
            D[i * NL + l] *= beta;
            for (int j = 0; j < NJ; j++)
                D[i * NL + l] += tmp[i * NJ + j] * C[j * NL + l];
        }
}

int main(void)
{
    double *tmp = malloc(sizeof(double) * NI * NJ), *A = malloc(sizeof(double) * NI * NK);
    double *B = malloc(sizeof(double) * NK * NJ), *C = malloc(sizeof(double) * NJ * NL);
    double *D = malloc(sizeof(double) * NI * NL);
    if (!tmp || !A || !B || !C || !D)
        return 1;
    init(A, B, C, D);
    kernel(1.5, 1.2, tmp, A, B, C, D);
    for (int i = 0; i < NI; i++)
        for (int l = 0; l < NL; l++)
            printf("%.6f%c", D[i * NL + l], l == NL - 1 ? '\n' : ' ');
    free(tmp), free(A), free(B), free(C), free(D);
    return 0;
}
