// Profiled loops behave as written: break, continue, return, goto out of
// the loop, longjmp out of a called function, loops written by a macro, a
// label or a case inside a loop (left unmeasured: a jump into the block
// the profiler adds would bypass its frame), a loop as the body of an if
// with an else, and a for with no test.  The output of the --profile build
// equals that of the plain build, and each measured exit closes its entry
// with the iterations that started.
//
// RUN: %cc -O1 -w %s -o %t.plain
// RUN: %mploop-cc -O1 -w --profile %s -o %t
// RUN: %t.plain > %t.expected
// RUN: env MPLOOP_PROFILE=%t.profile %t > %t.out
// RUN: diff %t.expected %t.out
// RUN: FileCheck %s < %t.profile --implicit-check-not='{{^}}loop'

// CHECK: {{^}}# loop	id	parent

#include <setjmp.h>
#include <stdio.h>

#define EACH(i, n) for (int i = 0; i < (n); i++)

static jmp_buf env;

static int first_square_above(int n, int limit)
{
    // CHECK-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}control.c	[[@LINE+1]]	5	first_square_above	2	19	{{[0-9]+$}}
    for (int i = 0; i < n; i++)
        if (i * i > limit)
            return i;
    return -1;
}

static void jump(int v)
{
    longjmp(env, v);
}

int main(void)
{
    int s = 0, i;
    // CHECK-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}control.c	[[@LINE+1]]	5	main	1	8	{{[0-9]+$}}
    for (i = 0; i < 100; i++) {
        if (i == 7)
            break;
        if (i % 2)
            continue;
        s += i;
    }
    printf("break/continue: %d %d\n", s, i);
    printf("return: %d %d\n", first_square_above(100, 50), first_square_above(100, 80));

    s = 0;
    // CHECK-DAG: {{^}}loop	[[OUTER:[0-9]+]]	0	{{.*}}control.c	[[@LINE+1]]	5	main	1	3	{{[0-9]+$}}
    for (int a = 0; a < 10; a++)
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[OUTER]]	{{.*}}control.c	[[@LINE+1]]	9	main	3	25	{{[0-9]+$}}
        for (int b = 0; b < 10; b++) {
            s += a * b;
            if (a == 2 && b == 4)
                goto out;
        }
out:
    printf("goto: %d\n", s);

    volatile int jumped = 0;
    if (setjmp(env) == 0) {
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}control.c	[[@LINE+1]]	9	main	0	0	0{{$}}
        for (int k = 0; k < 10; k++) {
            jumped = k;
            if (k == 3)
                jump(1);
        }
    }
    printf("longjmp: %d\n", jumped);

    s = 0;
    EACH(m, 5) s += m;
    printf("macro: %d\n", s);

    s = 0;
    for (int k = 0; k < 4; k++) {
        if (k == 2)
            goto again;
        s += k;
    again:
        s += 10;
    }
    printf("label: %d\n", s);

    s = 0;
    switch (s) {
    case 0:
        for (int k = 0; k < 3; k++) {
            s++;
    case 1:
            s += 100;
        }
    }
    printf("case: %d\n", s);

    if (s > 0)
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}control.c	[[@LINE+1]]	9	main	1	6	{{[0-9]+$}}
        for (i = 0; i < 6; i++) s--;
    else
        s = 0;
    printf("if/else: %d\n", s);

    // CHECK-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}control.c	[[@LINE+1]]	5	main	1	5	{{[0-9]+$}}
    for (i = 0;; i++) { if (i == 4) break; }
    printf("no test: %d\n", i);
    return 0;
}
