// Large blocks (the shared heap) in loop bodies: a block that existed before
// the loop and is freed in the body ends freed in the parent (its memory is
// given back: 12 rounds of 40 MiB freed in loop bodies leave the resident
// memory bounded), a block realloc'ed in the body ends resized with its
// contents, and large blocks allocated in the body outlive the loop and can
// be read, resized and freed by the parent and by later loops.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_CHECK=1 MPLOOP_TEST_WORKERS="2 3" %exec-check %s %t.snap

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCKS 10
#define SIZE (4L << 20)

/* Resident memory of the process (anonymous and shared), in MiB. */
static long resident_mib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0, v;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "RssAnon: %ld", &v) == 1 || sscanf(line, "RssShmem: %ld", &v) == 1)
            kb += v;
    if (f)
        fclose(f);
    return kb / 1024;
}

int main(void)
{
    char *blk[BLOCKS];
    long base = resident_mib();

    /* Pre-existing large blocks freed in the body, 40 times over. */
    for (int round = 0; round < 12; round++) {
        for (int b = 0; b < BLOCKS; b++) {
            blk[b] = malloc(SIZE);
            memset(blk[b], round + b, SIZE);
        }
        long sum = 0;
#pragma mploop for reduction(+:sum)
        for (int b = 0; b < BLOCKS; b++) {
            sum += blk[b][SIZE - 1];
            free(blk[b]);
        }
        if (round % 5 == 0)
            printf("round %d: sum %ld\n", round, sum);
    }
    long grown = resident_mib() - base;
    printf("resident memory after the rounds: %s\n",
           grown < 3 * BLOCKS * (SIZE >> 20) ? "bounded" : "GROWING");

    /* Pre-existing blocks resized in the body, larger and smaller. */
    for (int b = 0; b < BLOCKS; b++) {
        blk[b] = malloc(100000 + b);
        memset(blk[b], 'a' + b, 100000 + b);
    }
#pragma mploop for
    for (int b = 0; b < BLOCKS; b++) {
        size_t n = b % 2 ? 3000000 : 70000;
        blk[b] = realloc(blk[b], n);
        if (n > 100000)
            memset(blk[b] + 100000 + b, 'A' + b, n - 100000 - b);
    }
    for (int b = 0; b < BLOCKS; b++) {
        size_t n = b % 2 ? 3000000 : 70000;
        unsigned long h = 0;
        for (size_t k = 0; k < n; k++)
            h = h * 31 + (unsigned char)blk[b][k];
        printf("resized %d: %lx\n", b, h);
    }

    /* Large blocks allocated in the body, used by a later loop, freed. */
    char *made[BLOCKS];
#pragma mploop for
    for (int b = 0; b < BLOCKS; b++) {
        made[b] = calloc(1, 200000 * (size_t)(b + 1));
        made[b][b * 1000] = (char)b;
        free(blk[b]);
    }
#pragma mploop for
    for (int b = 0; b < BLOCKS; b++) {
        made[b] = realloc(made[b], 400000 * (size_t)(b + 1));
        made[b][400000 * (size_t)(b + 1) - 1] = 'z';
    }
    long total = 0;
    for (int b = 0; b < BLOCKS; b++) {
        total += made[b][b * 1000] + made[b][400000 * (size_t)(b + 1) - 1];
        made[b] = realloc(made[b], 50);
        total += made[b][0];
        free(made[b]);
    }
    printf("made: %ld\n", total);
    return 0;
}
