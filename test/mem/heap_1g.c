// A 1 GiB heap block written by the workers reaches the parent: one byte in
// every page (sparse), then every byte (dense), in direct mode and, under
// MPLOOP_CHECK=1, in snapshot mode (every written page shipped and merged),
// with 2 and 4 workers (snapshot mode: 2), compared with the sequential
// build.  The dense loop writes through memset, where the rewriter cannot
// tell which bytes are written and would ask for snapshot mode: the
// `direct` clause keeps it in direct mode.
//
// RUN: env MPLOOP_TEST_WORKERS="2 4" %exec-check %s %t
// RUN: env MPLOOP_TEST_WORKERS=2 MPLOOP_CHECK=1 %exec-check %s %t.snap
// RUN: FileCheck %s --implicit-check-not=mploop: < %t.snap.log.2
// CHECK: mploop: {{.*}}heap_1g.c:{{[0-9]+}}: 262144 iterations on 2 workers
// CHECK: mploop: {{.*}}heap_1g.c:{{[0-9]+}}: 1024 iterations on 2 workers

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE (1L << 30)

static uint64_t hash(const unsigned char *p, long n)
{
    uint64_t h = 1469598103934665603ull;
    for (long k = 0; k < n; k += 8) {
        uint64_t w;
        memcpy(&w, p + k, sizeof w);
        h = (h ^ w) * 1099511628211ull;
    }
    return h;
}

int main(void)
{
    unsigned char *big = malloc(SIZE);
    if (!big)
        return 1;
    memset(big, 0x5a, SIZE);
#pragma mploop for
    for (long page = 0; page < SIZE / 4096; page++)
        big[page * 4096 + (page * 17) % 4096] = (unsigned char)(page + 1);
    printf("sparse: %llx\n", (unsigned long long)hash(big, SIZE));
#pragma mploop for schedule(dynamic, 16) direct
    for (long mb = 0; mb < SIZE >> 20; mb++)
        memset(big + (mb << 20), (int)(mb * 3 + 1), 1u << 20);
    printf("dense: first=%d last=%d %llx\n", big[0], big[SIZE - 1],
           (unsigned long long)hash(big, SIZE));
    free(big);
    return 0;
}
