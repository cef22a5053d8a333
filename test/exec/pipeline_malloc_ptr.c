// A pointer carried from one stage of a pipeline to the next must be NULL
// or point into mploop_shared_alloc memory: one to a malloc block (which
// the next stage, in another process, would not see as written) fails the
// pipeline when stage 0 stores it, with a report naming the pointer, the
// stages and what to do; nothing after the pipeline runs.  The same on
// workers and in-process.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 not %t > %t.out 2> %t.err
// RUN: FileCheck %s < %t.err
// RUN: not grep after %t.out
// RUN: env MPLOOP_WORKERS=1 not %t > %t.out1 2> %t.err1
// RUN: FileCheck %s < %t.err1
// RUN: not grep after %t.out1
//
// CHECK: mploop: error: {{.*}}pipeline_malloc_ptr.c:[[#@LINE+9]]: stage 0 (serial in order), item 0 failed: pointer 'row' carried from stage 0 to stage 1 points to 0x{{[0-9a-f]+}}, outside mploop_shared_alloc memory: the next stage runs in another process; allocate what it points to with mploop_shared_alloc, or carry the data by value (an array or a struct)

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    long sum = 0;
#pragma mploop pipeline
    for (int i = 0; i < 10; i++) {
        int *row = malloc(4 * sizeof *row);
        for (int k = 0; k < 4; k++)
            row[k] = i + k;
#pragma mploop stage serial
        sum += row[3];
        free(row);
    }
    printf("after the pipeline: %ld\n", sum);
    return 0;
}
