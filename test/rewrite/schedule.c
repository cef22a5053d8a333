// Every schedule kind becomes its mploop_params field; a chunk sets
// has_chunk and is copied verbatim in parentheses; no clause gives
// MPLOOP_SCHED_DEFAULT and no chunk.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

#define CHUNK 8

void schedules(int *a, int n, int c)
{
    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_1.schedule = MPLOOP_SCHED_DEFAULT;
    // CHECK-NEXT: __mploop_p_1.cond = 1;

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(static)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_2.schedule = MPLOOP_SCHED_STATIC;
    // CHECK-NEXT: __mploop_p_2.cond = 1;

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(static, c * 2)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_3.schedule = MPLOOP_SCHED_STATIC;
    // CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
    // CHECK-NEXT: __mploop_p_3.has_chunk = 1; __mploop_p_3.chunk = (long)(c * 2);

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(dynamic)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_4.schedule = MPLOOP_SCHED_DYNAMIC;
    // CHECK-NEXT: __mploop_p_4.cond = 1;

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(dynamic,CHUNK)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_5.schedule = MPLOOP_SCHED_DYNAMIC;
    // CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
    // CHECK-NEXT: __mploop_p_5.has_chunk = 1; __mploop_p_5.chunk = (long)(CHUNK);

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(guided, 3)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_6.schedule = MPLOOP_SCHED_GUIDED;
    // CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER({{.*}}
    // CHECK-NEXT: __mploop_p_6.has_chunk = 1; __mploop_p_6.chunk = (long)(3);

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(auto)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_7.schedule = MPLOOP_SCHED_AUTO;
    // CHECK-NEXT: __mploop_p_7.cond = 1;

    // CHECK: loop at {{.*}}schedule.c:[[@LINE+2]]
#pragma mploop for schedule(runtime)
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK: __mploop_p_8.schedule = MPLOOP_SCHED_RUNTIME;
    // CHECK-NEXT: __mploop_p_8.cond = 1;
}
