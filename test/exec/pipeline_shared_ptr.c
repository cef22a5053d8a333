// A pointer carried between the stages of a pipeline is fine when it points
// into mploop_shared_alloc memory (or is NULL): stage 0 allocates a block
// per item and fills it, stage 1 (parallel) transforms the block in place
// (run-length encodes it into a second block), stage 2 (serial) prints and
// frees both.  Against the sequential build, which links the runtime for
// mploop_shared_alloc.
//
// RUN: env MPLOOP_TEST_WORKERS="1 2 4" %exec-check %s %t -I%mploop-build/include %mploop-build/lib/libmploop.a
// RUN: FileCheck %s < %t.expected
//
// CHECK: block 0: 200 bytes -> 83 runs, checksum 911415759, none 1
// CHECK: blocks 120 runs 9280 bytes 24000

#include <mploop.h>
#include <stdio.h>
#include <string.h>

#define BLOCK 200

int main(void)
{
    long runs_total = 0, bytes = 0;
#pragma mploop pipeline tokens(6)
    for (int b = 0; b < 120; b++) {
        unsigned char *in = mploop_shared_alloc(BLOCK);
        unsigned char *none = NULL;
        if (!in)
            mploop_fail("out of shared memory");
        for (int k = 0; k < BLOCK; k++)
            in[k] = (unsigned char)('a' + (k / (1 + (b + k / 16) % 7)) % 5);
#pragma mploop stage parallel
        unsigned char *out = mploop_shared_alloc(2 * BLOCK);
        int n = 0;
        for (int k = 0; k < BLOCK;) {
            int r = 1;
            while (k + r < BLOCK && in[k + r] == in[k] && r < 255)
                r++;
            out[n++] = in[k];
            out[n++] = (unsigned char)r;
            k += r;
        }
#pragma mploop stage serial
        unsigned sum = 0;
        for (int k = 0; k < n; k++)
            sum = sum * 31 + out[k];
        printf("block %d: %d bytes -> %d runs, checksum %u, none %d\n", b, BLOCK, n / 2, sum,
               none == NULL);
        runs_total += n / 2;
        bytes += BLOCK;
        mploop_shared_free(in);
        mploop_shared_free(out);
    }
    printf("blocks 120 runs %ld bytes %ld\n", runs_total, bytes);
    return 0;
}
