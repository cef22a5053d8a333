// collapse(3): three perfectly nested loops (3 x 4 x 5 = 60 iterations,
// innermost fastest), with mixed types and steps, and loop variables
// declared outside that end with their sequential final values.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: after: x=3 y=4 z=5
// OUT: after: p=-4 q=20 s=1

#include <stdio.h>

static int cube[3][4][5];
static long order[60];

static void show(const char *what, long sum)
{
    unsigned long h = 0;
    for (int x = 0; x < 3; x++)
        for (int y = 0; y < 4; y++)
            for (int z = 0; z < 5; z++)
                h = h * 131 + (unsigned)cube[x][y][z];
    printf("%s: sum=%ld hash=%lu\n", what, sum, h);
}

int main(void)
{
    int nx = 3, ny = 4, nz = 5;
    long sum = 0;

    // W: mploop: {{.*}}collapse3.c:[[@LINE+2]]: 60 iterations on [[N]] workers, schedule auto
#pragma mploop for collapse(3) reduction(+: sum)
    for (int x = 0; x < nx; x++)
        for (int y = 0; y < ny; y++)
            for (int z = 0; z < nz; z++) {
                cube[x][y][z] = x * 100 + y * 10 + z;
                sum += x * y * z;
            }
    show("decl", sum);

    int x, y, z;
    sum = 0;
    // W: mploop: {{.*}}collapse3.c:[[@LINE+2]]: 60 iterations on [[N]] workers, schedule guided
#pragma mploop for collapse(3) schedule(guided) reduction(+: sum)
    for (x = 0; x < nx; x++)
        for (y = 0; y < ny; y++)
            for (z = 0; z < nz; z++) {
                /* records the sequential position of this iteration */
                order[(x * ny + y) * nz + z] = x * 10000L + y * 100 + z;
                cube[x][y][z] += 1000;
                sum += cube[x][y][z];
            }
    show("outside", sum);
    printf("after: x=%d y=%d z=%d\n", x, y, z);

    /* Descending outer, unsigned middle, inner with a step of 2. */
    int p;
    unsigned q;
    long s;
    sum = 0;
    // W: mploop: {{.*}}collapse3.c:[[@LINE+2]]: 60 iterations on [[N]] workers, schedule static,7
#pragma mploop for collapse(3) schedule(static, 7) reduction(+: sum)
    for (p = 2; p >= 0 - 2; p -= 2)
        for (q = 0; q < 20u; q += 5)
            for (s = -9; s <= 0; s = s + 2) {
                cube[(2 - p) / 2][q / 5][(s + 9) / 2] -= p * 7 + (int)q + (int)s;
                sum += (p + 3) * (long)q * s;
            }
    show("mixed", sum);
    printf("after: p=%d q=%u s=%ld\n", p, q, s);

    unsigned long h = 0;
    for (int k = 0; k < 60; k++)
        h = h * 3 + (unsigned long)order[k];
    printf("order: %lu\n", h);
    return 0;
}
