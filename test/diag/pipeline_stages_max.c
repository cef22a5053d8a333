// A pipeline has at most MPLOOP_PIPE_MAX_STAGES (32) stages: the directive
// that would start the 33rd is refused; 32 are fine.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s
// CHECK: pipeline_stages_max.c:141:1: error: a pipeline has at most 32 stages (0 to 31); this directive would start stage 32

void f(int n, int *a)
{
#pragma mploop pipeline
    for (int i = 0; i < n; i++) {
        int v = a[i];
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
#pragma mploop stage serial
        v++;
        a[i] = v;
    }
#pragma mploop pipeline
    for (int i = 0; i < n; i++) {
        int v = a[i];
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
#pragma mploop stage parallel
        v++;
        a[i] = v;
    }
}
