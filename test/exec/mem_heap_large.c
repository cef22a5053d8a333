// Writes to a large heap block (64 MB) reach the parent: dense writes to
// every byte of a block never touched before the loop, sparse writes (one
// byte per page) to a block filled before the loop, and a read-modify-write
// pass.  The block stays valid and freeable afterwards.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE (64L << 20)

static unsigned long hash(const unsigned char *p, long n)
{
    unsigned long h = 0;
    for (long k = 0; k < n; k += 8) {
        unsigned long w;
        memcpy(&w, p + k, sizeof w);
        h = (h ^ w) * 0x100000001b3ul;
    }
    return h;
}

int main(void)
{
    long size = SIZE;
    unsigned char *fresh = malloc(size);     /* never written before the loop */
    unsigned char *filled = malloc(size);
    if (!fresh || !filled)
        return 1;
    memset(filled, 0x11, size);

    // W: mploop: {{.*}}mem_heap_large.c:[[@LINE+2]]: 67108864 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (long i = 0; i < size; i++)
        fresh[i] = (unsigned char)(i ^ (i >> 9));
    printf("fresh: %d %d %d hash=%lu\n", fresh[0], fresh[4097], fresh[size - 1],
           hash(fresh, size));

    // W: mploop: {{.*}}mem_heap_large.c:[[@LINE+2]]: 16384 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (long page = 0; page < size / 4096; page++)
        filled[page * 4096 + page % 4096] = (unsigned char)(page * 7 + 1);
    printf("sparse: %d %d hash=%lu\n", filled[0], filled[4097], hash(filled, size));

    // W: mploop: {{.*}}mem_heap_large.c:[[@LINE+2]]: 8388608 iterations on [[N]] workers, schedule dynamic,65536
#pragma mploop for schedule(dynamic, 65536)
    for (long i = 0; i < size / 8; i++) {
        unsigned long w;
        memcpy(&w, fresh + i * 8, sizeof w);
        w = w * 3 + (unsigned long)i;
        memcpy(fresh + i * 8, &w, sizeof w);
    }
    printf("rmw: hash=%lu\n", hash(fresh, size));
    free(fresh);
    free(filled);
    return 0;
}
