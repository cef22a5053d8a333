// Where the pipeline directives may stand: `#pragma mploop stage` only
// directly in the body (a block) of a `#pragma mploop pipeline` loop, which
// must be a for or while loop; the stage kinds and the pipeline's clauses
// are checked.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

void f(int n, int *a)
{
#pragma mploop stage
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:1: error: '#pragma mploop stage' outside the body of a '#pragma mploop pipeline' loop
    for (int i = 0; i < n; i++)
        a[i] = i;

#pragma mploop for
    for (int i = 0; i < n; i++) {
        a[i] = i;
#pragma mploop stage
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:1: error: '#pragma mploop stage' outside the body of a '#pragma mploop pipeline' loop
        a[i]++;
    }

#pragma mploop pipeline
    for (int i = 0; i < n; i++) {
        int v = a[i];
        if (v > 0) {
#pragma mploop stage parallel
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:1: error: '#pragma mploop stage' must be written directly in the body of the pipeline loop, not inside a statement nested in it
            v++;
        }
        {
#pragma mploop stage
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:1: error: '#pragma mploop stage' must be written directly in the body of the pipeline loop, not inside a statement nested in it
            v--;
        }
#pragma mploop stage serial
        a[i] = v;
    }

#pragma mploop pipeline
    do {
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:5: error: '#pragma mploop pipeline' must be followed by a for or while loop
        n--;
    } while (n > 0);

#pragma mploop pipeline
    while (n > 0)
        n--;
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:9: error: the body of a '#pragma mploop pipeline' loop must be a block ('{ ... }') written out in the file

#pragma mploop pipeline
    for (int i = 0; i < n; i++) {
        int v = a[i];
#pragma mploop stage parallel ordered
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:31: error: unexpected 'ordered' at the end of '#pragma mploop stage'
        v++;
#pragma mploop stage sequential
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:22: error: unknown stage kind 'sequential' (expected 'serial', 'serial unordered' or 'parallel')
        a[i] = v;
    }

#pragma mploop pipeline num_workers(2) tokens() if(n > 2) schedule(static)
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:40: error: expected an expression in 'tokens' clause
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-2]]:59: error: unknown clause 'schedule' in '#pragma mploop pipeline' (expected 'num_workers', 'tokens' or 'if')
    for (int i = 0; i < n; i++) {
        a[i] = i;
    }

_Pragma("mploop pipeline if(1) if(n)")
// CHECK-DAG: pipeline_stage_place.c:[[@LINE-1]]:32: error: '#pragma mploop pipeline' cannot have more than one 'if' clause
    for (int i = 0; i < n; i++) {
        a[i] = i;
    }
}
