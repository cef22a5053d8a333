// What the items of a pipeline cannot carry, and the variables declared
// outside it that stages cannot share: a variable-length array, a type
// without a name or declared in the loop, a variable of the loop header
// written by a later stage, a variable declared outside the loop written by
// a parallel stage or written by one stage and used by another.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#include <stdio.h>

int total;

void f(int n, const int *a, int *out)
{
    long sum = 0, last = 0;
    int hist[4] = { 0 };
    int seen = 0;
#pragma mploop pipeline
    for (int i = 0; i < n; i++) {
        double row[n];
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:16: error: variable 'row' is declared in stage 0 and used in stage 2, but it is a variable-length array, which an item cannot carry; use a fixed-size array, or mploop_shared_alloc memory
        struct { int q; } anon = { a[i] };
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:27: error: variable 'anon' is declared in stage 0 and used in stage 1, but its type has no name or is declared in the loop; declare the type before the loop
        struct local { int q; } loc = { a[i] };
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:33: error: variable 'loc' is declared in stage 0 and used in stage 1, but its type has no name or is declared in the loop; declare the type before the loop
        row[0] = a[i];
        seen++;
#pragma mploop stage parallel
        hist[anon.q & 3] += loc.q;
        sum += anon.q;
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:9: error: variable 'sum' declared outside the pipeline is written by stage 1, a parallel stage whose items run at once in different workers; make the stage serial ('#pragma mploop stage serial') or declare the variable in the stage
#pragma mploop stage serial
        printf("%g %d\n", row[0], seen);
        i += 2;
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:9: error: variable 'i' of the loop header is written by stage 2; only the first stage can change it (a later stage works on the item's own copy)
        last = i;
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:9: error: variable 'last' declared outside the pipeline is written by stage 2 and used by stage 3; stages run in different processes and see such writes only when the pipeline ends: declare a variable in stage 2 that holds the value, which the later stages then receive with the item
#pragma mploop stage serial unordered
        out[i] = (int)last;
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:23: note: used by stage 3 here
    }

#pragma mploop pipeline
    while (seen < n) {
        total = a[seen];
// CHECK-DAG: pipeline_carry.c:[[@LINE-1]]:9: error: variable 'total' declared outside the pipeline is written by stage 0 and used by stage 1; stages run in different processes and see such writes only when the pipeline ends: declare a variable in stage 0 that holds the value, which the later stages then receive with the item
        seen++;
#pragma mploop stage
        out[seen] = total + seen;
    }
}
