// Jumps in a pipeline's stages: `break` of the pipeline's loop only in the
// first stage (it ends the input); `break` out of a loop or a switch inside
// a later stage and `continue` in any stage (it drops the item) are fine;
// `return`, `goto` out of its stage and computed `goto` are refused.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

int f(int n, int *a)
{
    void *where = &&done;
#pragma mploop pipeline
    for (int i = 0; i < n; i++) {
        int v = a[i];
        if (v < 0)
            break;
        if (v == 0)
            continue;
        switch (v) { case 1: break; default: v++; }
#pragma mploop stage parallel
        for (int k = 0; k < 3; k++)
            if (k == v) break;
        while (v > 100) { v--; break; }
        if (v == 7)
            continue;
        if (v == 8)
            goto again;
        v++;
again:
        if (v == 9)
            break;
// CHECK-DAG: pipeline_jumps.c:[[@LINE-1]]:13: error: 'break' in stage 1 of a pipeline; only the first stage can end the input (its 'break' stops producing items): a later stage runs in another process, after the first one has moved on
        if (v == 10)
            return v;
// CHECK-DAG: pipeline_jumps.c:[[@LINE-1]]:13: error: 'return' is not allowed in a pipeline stage; the stage runs in a worker process and cannot leave the function
        if (v == 11)
            goto done;
// CHECK-DAG: pipeline_jumps.c:[[@LINE-1]]:13: error: 'goto done' jumps out of stage 1 of the pipeline; a stage can only jump within itself
#pragma mploop stage serial
        if (v == 12)
            goto again;
// CHECK-DAG: pipeline_jumps.c:[[@LINE-1]]:13: error: 'goto again' jumps out of stage 2 of the pipeline; a stage can only jump within itself
        if (v == 13)
            goto *where;
// CHECK-DAG: pipeline_jumps.c:[[@LINE-1]]:13: error: computed 'goto' is not allowed in a pipeline stage
        a[i] = v;
    }
done:
    return 0;
}
// CHECK-DAG: pipeline_jumps.c:11:1: note: in the pipeline annotated here
