// Loops whose iterations are independent pass MPLOOP_CHECK=verify with the
// sequential program's output: writes to the heap (small blocks and a
// large one), globals, a static local, arrays and a struct of the
// enclosing function, reductions of every kind (floating-point ones
// included: partial sums are not compared, only memory), lastprivate,
// blocks allocated in the body and stored in older memory (each run gets
// them at other addresses; such pointers count as equal), blocks older
// than the loop freed in the body, an anti-dependence (snapshot mode) and a
// nested annotated loop.  What the body writes to descriptors appears once:
// the sequential run's stdout, stderr and other descriptors open for
// writing go to /dev/null.  Under verify every loop forks fresh workers
// (no persistent team) and runs in snapshot mode.
//
// RUN: env MPLOOP_CHECK=verify %exec-check %s %t
// RUN: env MPLOOP_CHECK=verify MPLOOP_TEST_WORKERS=2 MPLOOP_TRACKER=pagemap %exec-check %s %t.pagemap
// RUN: env MPLOOP_CHECK=verify MPLOOP_TEST_WORKERS=3 MPLOOP_TRACKER=mprotect %exec-check %s %t.mprotect
//
// RUN: env MPLOOP_CHECK=verify MPLOOP_WORKERS=2 MPLOOP_VERBOSE=3 MPLOOP_STATS=1 %t.par %t.file > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=ERR --implicit-check-not=team: < %t.err
// RUN: FileCheck %s --check-prefix=FILE < %t.file
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// ERR-COUNT-8: stderr line
// ERR-NOT: stderr line
// ERR: joined 2 workers (snapshot mode)
// FILE-COUNT-8: file line
// FILE-NOT: file line
// OUT-COUNT-8: stdout line
// OUT-NOT: stdout line

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N 2000

double g[N];
struct point { int x, y; };

static int nested_sum(int row)
{
    int cells[16];
#pragma mploop for
    for (int j = 0; j < 16; j++)
        cells[j] = row * j;
    int s = 0;
    for (int j = 0; j < 16; j++)
        s += cells[j];
    return s;
}

int main(int argc, char **argv)
{
    static long hits[64];
    int fd = argc > 1 ? open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
    double *small = malloc(N * sizeof *small);
    double *large = malloc(64 * N * sizeof *large);
    int local[N];
    struct point pts[100];
    char *names[100];
    int *old[100];
    for (int i = 0; i < 100; i++) {
        old[i] = malloc(sizeof *old[i]);
        *old[i] = i;
    }
    for (int i = 0; i < 64 * N; i++)
        large[i] = i;

    double fsum = 0, fprod = 1;
    float ffsum = 0;
    long isum = 0, imin = 1 << 30, imax = -1;
    int last = -1, olds = 0;
#pragma mploop for schedule(dynamic, 16) reduction(+:fsum, ffsum, isum, olds) reduction(*:fprod) reduction(min:imin) reduction(max:imax) lastprivate(last)
    for (int i = 0; i < N; i++) {
        g[i] = i * 0.25;
        small[i] = 1.0 / (i + 1);
        large[i * 64] = -large[i * 64];
        local[i] = i * 3;
        if (i < 64)
            hits[i] = i * i;
        if (i < 100) {
            pts[i].x = i;
            pts[i].y = -i;
            names[i] = malloc(16);
            snprintf(names[i], 16, "name%d", i);
            olds += *old[i];
            free(old[i]);
        }
        fsum += 1.0 / (i + 1);
        ffsum += 0.1f;
        fprod *= 1.0 + 1e-4 * (i % 7);
        isum += i;
        if (i < imin)
            imin = i;
        if (i > imax)
            imax = i;
        last = i;
        if (i % 250 == 0 && fd >= 0) {
            /* Once each, in an order that depends on the schedule. */
            printf("stdout line %d\n", i);
            fprintf(stderr, "stderr line %d\n", i);
            dprintf(fd, "file line %d\n", i);
        }
    }
    /* An anti-dependence: each iteration reads its right neighbour as the
     * loop found it. */
#pragma mploop for schedule(static)
    for (int i = 0; i < N - 1; i++)
        local[i] = local[i + 1] + 1;
    int rows[50];
#pragma mploop for
    for (int r = 0; r < 50; r++)
        rows[r] = nested_sum(r);

    double check = 0;
    for (int i = 0; i < N; i++)
        check += g[i] + small[i] + large[i * 64] + local[i];
    for (int i = 0; i < 64; i++)
        check += hits[i];
    for (int i = 0; i < 100; i++)
        check += pts[i].x - pts[i].y + strlen(names[i]);
    for (int r = 0; r < 50; r++)
        check += rows[r];
    printf("check %.6f %s %s\n", check, names[0], names[99]);
    printf("fsum %.6f ffsum %.1f fprod %.6f isum %ld min %ld max %ld last %d olds %d\n", fsum,
           ffsum, fprod, isum, imin, imax, last, olds);
    for (int i = 0; i < 100; i++)
        free(names[i]);
    return 0;
}
