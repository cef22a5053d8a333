// A block that existed before the loop and is freed twice in the body (by
// two workers, or twice by one) is a double free of the sequential program:
// the loop fails with a report naming the block, like a race, and nothing
// is merged or freed.  A block freed once merges cleanly.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t once | FileCheck %s --check-prefix=ONCE
// RUN: env MPLOOP_WORKERS=2 not %t two 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: env MPLOOP_WORKERS=2 not %t same 2>&1 | FileCheck %s --check-prefix=SAME
// ONCE: marker=100
// TWO: mploop: note: workers 0 and 1 both free the block at [[ADDR:0x[0-9a-f]+]], which was allocated before the loop
// TWO: mploop: error: {{.*}}free_twice.c:[[LOOP:[0-9]+]]: data race: {{.*}}[[ADDR]]
// TWO-NOT: marker=
// SAME: mploop: note: worker 0 frees the block at [[ADDR:0x[0-9a-f]+]] twice; it was allocated before the loop
// SAME: mploop: error: {{.*}}free_twice.c:{{[0-9]+}}: data race: {{.*}}[[ADDR]]
// SAME-NOT: marker=

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int marker[100];

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "once";
    char *block = malloc(64);
    strcpy(block, "before");
#pragma mploop for schedule(static)
    for (int i = 0; i < 100; i++) {
        marker[i] = 1;
        if (i == 0)
            free(block);
        if (i == 99 && !strcmp(mode, "two"))
            free(block);          /* the other worker: a double free */
        if (i == 1 && !strcmp(mode, "same"))
            free(block);          /* the same worker, again */
    }
    int m = 0;
    for (int i = 0; i < 100; i++)
        m += marker[i];
    printf("marker=%d\n", m);
    return 0;
}
