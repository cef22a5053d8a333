/* jacobi-1d: a 3-point stencil on heap arrays passed to the kernel (after
 * PolyBench/C's jacobi-1d). */
#include <stdio.h>
#include <stdlib.h>

static void kernel(int tsteps, int n, double *restrict A, double *restrict B)
{
    for (int t = 0; t < tsteps; t++) {
        for (int i = 1; i < n - 1; i++)
            B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
        for (int i = 1; i < n - 1; i++)
            A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
    }
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4000;
    double *A = malloc(n * sizeof *A), *B = malloc(n * sizeof *B);
    if (!A || !B)
        return 1;
    for (int i = 0; i < n; i++) {
        A[i] = ((double)i + 2) / n;
        B[i] = ((double)i + 3) / n;
    }
    kernel(30, n, A, B);
    for (int i = 0; i < n; i += 7)
        printf("%d %.6f\n", i, A[i]);
    free(A);
    free(B);
    return 0;
}
