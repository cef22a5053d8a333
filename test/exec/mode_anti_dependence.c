// Without any clause, a loop with the anti-dependence a[i] = a[i + 1] + 1
// over a large heap block (4 MiB, in the shared heap, which direct mode
// writes in place) and over a large global array (1 MiB) gives the
// sequential answer with 2, 3 and 4 workers: the rewriter sees the read at
// another subscript and asks for snapshot mode, also through a pointer
// declared in the body (p = heap + i; p[0] = p[1]).  The independent loop
// beside them stays in direct mode.
//
// RUN: env MPLOOP_TEST_WORKERS="2 3 4" %exec-check %s %t
// The remarks, then the site flags of the generated code:
// RUN: %mploop -Rmploop %s -o %t.c 2> %t.err
// RUN: cat %t.err %t.c | FileCheck %s --check-prefixes=MODE,SITE
// MODE: mode_anti_dependence.c:[[#HEAP:]]:5: remark: anti-dependence: iteration i reads heap[i + 1] (line {{[0-9]+}}), which iteration i + 1 overwrites as heap[i] (line {{[0-9]+}}); the loop runs in snapshot mode [-Rmploop]
// MODE: mode_anti_dependence.c:[[#GLOB:]]:5: remark: anti-dependence: iteration i reads glob[i + 1] (line {{[0-9]+}}), which iteration i + 1 overwrites as glob[i] (line {{[0-9]+}}); the loop runs in snapshot mode [-Rmploop]
// MODE: mode_anti_dependence.c:[[#INDEP:]]:5: remark: loop runs in direct mode: every array it writes is read only at the written subscript [-Rmploop]
// MODE: mode_anti_dependence.c:[[#ALIAS:]]:5: remark: anti-dependence: iteration i reads p[1] (line {{[0-9]+}}), which iteration i + 1 overwrites as p[0] (line {{[0-9]+}}); the loop runs in snapshot mode [-Rmploop]
// SITE: __mploop_site_1 = {{.*}}, [[#HEAP]], 5, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_SNAPSHOT };
// SITE: __mploop_site_2 = {{.*}}, [[#GLOB]], 5, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_SNAPSHOT };
// SITE: __mploop_site_3 = {{.*}}, [[#INDEP]], 5, "i", MPLOOP_SITE_VAR_SIGNED };
// SITE: __mploop_site_4 = {{.*}}, [[#ALIAS]], 5, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_SNAPSHOT };

#include <stdio.h>
#include <stdlib.h>

#define N (1L << 20)
#define G (1L << 18)

int glob[G];

static unsigned long hash(const int *a, long n)
{
    unsigned long h = 1469598103934665603ul;
    for (long i = 0; i < n; i++)
        h = (h ^ (unsigned)a[i]) * 1099511628211ul;
    return h;
}

int main(void)
{
    int *heap = malloc(N * sizeof *heap);
    if (!heap)
        return 1;
    for (long i = 0; i < N; i++)
        heap[i] = (int)(i * 7 % 1000);
    for (long i = 0; i < G; i++)
        glob[i] = (int)(i * 13 % 1000);

#pragma mploop for schedule(static)
    for (int i = 0; i < N - 1; i++)
        heap[i] = heap[i + 1] + 1;
#pragma mploop for schedule(dynamic, 4096)
    for (int i = 0; i < G - 1; i++)
        glob[i] = glob[i + 1] + 1;
#pragma mploop for
    for (int i = 0; i < G; i++)
        heap[i] = heap[i] * 2 + glob[i];
#pragma mploop for schedule(dynamic, 1000)
    for (int i = 0; i < N - 1; i++) {
        int *p = heap + i;
        p[0] = p[1] * 3 % 1000;
    }

    printf("heap %lx %d %d\n", hash(heap, N), heap[0], heap[N - 2]);
    printf("glob %lx %d %d\n", hash(glob, G), glob[0], glob[G - 2]);
    free(heap);
    return 0;
}
