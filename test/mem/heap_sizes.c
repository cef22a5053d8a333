// Writes to heap blocks of every size reach the parent: 1 byte, a few
// bytes, one page, 64 KiB, 1 MiB, 16 MiB (glibc mmaps these) and 256 MiB,
// each block written up to its very last byte (the tail of a large mmapped
// block may share its mapping with the thread's TLS, which is never merged,
// so only the TLS bytes themselves may be left out).  Sparse writes (one
// byte per page) and dense writes both come back.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.2
// W: mploop: {{.*}}heap_sizes.c:{{[0-9]+}}: 7 iterations on 2 workers
// W: mploop: {{.*}}heap_sizes.c:{{[0-9]+}}: 65536 iterations on 2 workers
// W: mploop: {{.*}}heap_sizes.c:{{[0-9]+}}: 256 iterations on 2 workers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long hash(const unsigned char *p, size_t n)
{
    unsigned long h = 1469598103934665603ul;
    for (size_t k = 0; k < n; k++)
        h = (h ^ p[k]) * 1099511628211ul;
    return h;
}

static const size_t sizes[7] = { 1, 13, 4096, 65536, 1u << 20, 16u << 20, 256u << 20 };

int main(void)
{
    unsigned char *blk[7];
    for (int b = 0; b < 7; b++) {
        blk[b] = malloc(sizes[b]);
        if (!blk[b])
            return 1;
        memset(blk[b], 0x5a, sizes[b]);
    }

    /* One iteration per block: each block is written whole by one worker. */
#pragma mploop for schedule(static, 1)
    for (int b = 0; b < 7; b++)
        for (size_t k = 0; k < sizes[b]; k++)
            blk[b][k] = (unsigned char)(k * 31 + b);
    for (int b = 0; b < 7; b++)
        printf("whole %zu: last=%d hash=%lu\n", sizes[b], blk[b][sizes[b] - 1],
               hash(blk[b], sizes[b]));

    /* Sparse: one byte per page of the 256 MiB block, pages spread over
     * the workers. */
    unsigned char *big = blk[6];
#pragma mploop for
    for (long page = 0; page < (long)(sizes[6] / 4096); page++)
        big[page * 4096 + (page * 17) % 4096] = (unsigned char)(page + 1);
    printf("sparse: hash=%lu\n", hash(big, sizes[6]));

    /* Dense: every byte of the 256 MiB block, one MiB per iteration. */
#pragma mploop for schedule(dynamic, 8)
    for (long mb = 0; mb < 256; mb++)
        memset(big + (mb << 20), (int)(mb * 3 + 1), 1u << 20);
    printf("dense: first=%d last=%d hash=%lu\n", big[0], big[sizes[6] - 1],
           hash(big, sizes[6]));

    for (int b = 0; b < 7; b++)
        free(blk[b]);
    return 0;
}
