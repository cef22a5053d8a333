// Blocks that existed before the loop and are freed or realloc'ed in the
// body end freed (or resized) in the parent: the workers defer those frees
// to the join, where the parent frees them after the merge.  glibc's own
// accounting (mallinfo2) shows the memory returned; the realloc'ed blocks
// keep their contents and can be resized and freed again in the parent
// (glibc's checks would abort on a double free).  Blocks allocated in one
// loop's body and freed in a later loop's body are freed too.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s < %t.out.3
// W-COUNT-4: mploop: {{.*}}free_old.c:{{[0-9]+}}: 1000 iterations on 2 workers
// CHECK: freed in the parent: yes
// CHECK: realloc'ed: 1000 intact, freed in the parent: yes
// CHECK: later loop: 1000 intact

#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1000

char *doomed[N], *grown[N], *born[N];

static size_t in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        doomed[i] = malloc(300);
        memset(doomed[i], i, 300);
    }
    size_t before = in_use();
#pragma mploop for
    for (int i = 0; i < N; i++) {
        doomed[i][0] = 1;                 /* written, then freed */
        free(doomed[i]);
        doomed[i] = NULL;
    }
    size_t after = in_use();
    printf("freed in the parent: %s\n", before - after >= (size_t)N * 300 ? "yes" : "no");

    for (int i = 0; i < N; i++) {
        grown[i] = malloc(400);
        snprintf(grown[i], 400, "block %d", i);
    }
    before = in_use();
#pragma mploop for
    for (int i = 0; i < N; i++) {
        grown[i] = realloc(grown[i], 5000);
        strcat(grown[i], " grown");
        memset(grown[i] + 4000, 'x', 1000);
    }
    after = in_use();
    int intact = 0;
    for (int i = 0; i < N; i++) {
        char want[64];
        snprintf(want, sizeof want, "block %d grown", i);
        intact += strcmp(grown[i], want) == 0 && grown[i][4999] == 'x' &&
                  malloc_usable_size(grown[i]) >= 5000;
    }
    printf("realloc'ed: %d intact, freed in the parent: %s\n", intact,
           before - after >= (size_t)N * 400 ? "yes" : "no");
    for (int i = 0; i < N; i++) {
        grown[i] = realloc(grown[i], 6000);   /* the parent resizes them */
        free(grown[i]);
    }

    /* Blocks born in one loop's body, freed in a later loop's body. */
#pragma mploop for
    for (int i = 0; i < N; i++) {
        born[i] = malloc(100);
        snprintf(born[i], 100, "born %d", i);
    }
    intact = 0;
    for (int i = 0; i < N; i++) {
        char want[32];
        snprintf(want, sizeof want, "born %d", i);
        intact += strcmp(born[i], want) == 0;
    }
    printf("later loop: %d intact\n", intact);
#pragma mploop for
    for (int i = 0; i < N; i++)
        free(born[i]);
    return 0;
}
