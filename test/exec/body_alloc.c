// Allocation in the body: temporary blocks malloc'ed and freed in each
// iteration (small and large), calloc and realloc of temporaries, and blocks
// that outlive the loop (stored into an array that existed before it),
// which the parent reads and frees afterwards.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: names: item-0 item-1 item-199

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    int n = 200;
    long scores[200];
    char *names[200];
    long total = 0;

    // W: mploop: {{.*}}body_alloc.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: total)
    for (int i = 0; i < n; i++) {
        size_t len = (size_t)(i % 7 == 0 ? 300000 : 64 + i);
        unsigned char *tmp = malloc(len);
        memset(tmp, i & 0xff, len);
        int *z = calloc(32, sizeof *z);
        z = realloc(z, 64 * sizeof *z);
        z[63] = i;
        scores[i] = (long)tmp[len - 1] + z[63] + (long)len;
        total += scores[i];
        free(z);
        free(tmp);
        char buf[32];
        snprintf(buf, sizeof buf, "item-%d", i);
        names[i] = strdup(buf);
    }

    unsigned long h = 0;
    for (int k = 0; k < n; k++)
        h = h * 31 + (unsigned long)scores[k];
    printf("total=%ld hash=%lu\n", total, h);
    printf("names: %s %s %s\n", names[0], names[1], names[199]);
    size_t chars = 0;
    for (int k = 0; k < n; k++) {
        chars += strlen(names[k]);
        free(names[k]);
    }
    printf("chars=%zu\n", chars);
    return 0;
}
