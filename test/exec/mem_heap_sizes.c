// Heap blocks of many sizes, from one byte to ten megabytes, most of them
// not a multiple of the page size, each written completely by one loop.
// Every byte must reach the parent, including the last ones of each block.
// First each block is the only one alive while its loop runs, then all of
// them are alive at once.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: alone: size 1: wrong bytes 0
// OUT: alone: size 10000000: wrong bytes 0
// OUT: together: size 1: wrong bytes 0
// OUT: together: size 10000000: wrong bytes 0

#include <stdio.h>
#include <stdlib.h>

static const long sizes[] = { 1, 3, 100, 4095, 4096, 4097, 65535, 65536, 65537, 131072,
                              200000, 1000000, 4194303, 10000000 };
#define NSIZES (sizeof sizes / sizeof sizes[0])

/* Writes every byte of p[0, len) in 4 iterations, a quarter each. */
static __attribute__((noinline)) void fill(unsigned char *p, long len, unsigned b)
{
    // W-COUNT-28: mploop: {{.*}}mem_heap_sizes.c:[[@LINE+2]]: 4 iterations on [[N]] workers
#pragma mploop for
    for (int q = 0; q < 4; q++) {
        long from = len * q / 4, to = len * (q + 1) / 4;
        for (long k = from; k < to; k++)
            p[k] = (unsigned char)(k * 13 + b + 1);
    }
}

static void check(const char *what, const unsigned char *p, long len, unsigned b)
{
    long wrong = 0, first = -1;
    for (long k = 0; k < len; k++)
        if (p[k] != (unsigned char)(k * 13 + b + 1)) {
            if (first < 0)
                first = k;
            wrong++;
        }
    printf("%s: size %ld: wrong bytes %ld", what, len, wrong);
    if (wrong)
        printf(", the first at offset %ld", first);
    printf("\n");
}

int main(void)
{
    unsigned char *blocks[NSIZES];

    for (unsigned b = 0; b < NSIZES; b++) {
        unsigned char *p = malloc(sizes[b]);
        if (!p)
            return 1;
        fill(p, sizes[b], b);
        check("alone", p, sizes[b], b);
        free(p);
    }

    for (unsigned b = 0; b < NSIZES; b++) {
        blocks[b] = malloc(sizes[b]);
        if (!blocks[b])
            return 1;
    }
    for (unsigned b = 0; b < NSIZES; b++)
        fill(blocks[b], sizes[b], b + 7);
    for (unsigned b = 0; b < NSIZES; b++) {
        check("together", blocks[b], sizes[b], b + 7);
        free(blocks[b]);
    }
    return 0;
}
