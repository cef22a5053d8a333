// Writes to variable-length arrays of the enclosing function reach the
// parent: a 1-D VLA, a 2-D VLA and a VLA in a called function whose size
// comes from its parameter.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>

static unsigned long in_function(int rows)
{
    long m[rows][rows + 1];
    for (int r = 0; r < rows; r++)
        for (int c = 0; c <= rows; c++)
            m[r][c] = -1;
    // W: mploop: {{.*}}mem_vla.c:[[@LINE+2]]: 60 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int r = 0; r < rows; r++)
        for (int c = 0; c <= rows; c++)
            m[r][c] = (long)r * 1000 + c;
    unsigned long h = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c <= rows; c++)
            h = h * 31 + (unsigned long)m[r][c];
    return h;
}

int main(int argc, char **argv)
{
    (void)argv;
    unsigned long fh = in_function(60);
    int n = 3000 + argc;          /* not a constant: these are VLAs */
    double v[n];
    short w[n / 100][n / 300];
    for (int k = 0; k < n; k++)
        v[k] = 0;

    // W: mploop: {{.*}}mem_vla.c:[[@LINE+2]]: 3001 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < n; i++)
        v[i] = i * 0.5;

    // W: mploop: {{.*}}mem_vla.c:[[@LINE+2]]: 300 iterations on [[N]] workers, schedule static,7
#pragma mploop for schedule(static, 7)
    for (int i = 0; i < (n / 100) * (n / 300); i++)
        w[i / (n / 300)][i % (n / 300)] = (short)(i * 3 - 100);

    double vs = 0;
    for (int k = 0; k < n; k++)
        vs += v[k] * (k % 7);
    long ws = 0;
    for (int r = 0; r < n / 100; r++)
        for (int c = 0; c < n / 300; c++)
            ws = ws * 3 % 1000003 + w[r][c];
    printf("v: %.1f %.1f sum=%.1f\n", v[1], v[n - 1], vs);
    printf("w: %d %d sum=%ld\n", w[0][0], w[n / 100 - 1][n / 300 - 1], ws);
    printf("in function: %lu\n", fh);
    return 0;
}
