// The loop sits in a called function and writes through its pointer
// parameters into the callers' memory: a local array of main (two frames
// up), a local struct of the direct caller, and the middle of an array.
// Callers' frames must be merged whole.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: %exec-check %s %t.O0 -O0
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.O0.log.3

#include <stdio.h>

struct box { int w, h; double area[32]; };

static __attribute__((noinline)) void fill(int *dst, int n, int k)
{
    // W: mploop: {{.*}}mem_pointer_param.c:[[@LINE+3]]: 1000 iterations on [[N]] workers, schedule auto
    // W: mploop: {{.*}}mem_pointer_param.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < n; i++)
        dst[i] = i * k + 1;
}

static __attribute__((noinline)) void measure(struct box *b)
{
    // W: mploop: {{.*}}mem_pointer_param.c:[[@LINE+2]]: 32 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < 32; i++)
        b->area[i] = (double)b->w * b->h * i;
}

static __attribute__((noinline)) unsigned long middle(int *all)
{
    struct box b = { 3, 4, { 0 } };
    long before = (long)all[0] * 3;       /* live across the calls */
    fill(all, 1000, 3);
    fill(all + 400, 200, -2);
    measure(&b);
    unsigned long h = (unsigned long)before;
    for (int k = 0; k < 32; k++)
        h = h * 31 + (unsigned long)b.area[k];
    return h;
}

int main(void)
{
    int all[1000];
    for (int k = 0; k < 1000; k++)
        all[k] = 5;
    unsigned long h = middle(all);
    for (int k = 0; k < 1000; k++)
        h = h * 31 + (unsigned)all[k];
    printf("all: %d %d %d %d hash=%lu\n", all[0], all[400], all[599], all[999], h);
    return 0;
}
