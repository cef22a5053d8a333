// Inner loops (nested in a profiled loop of the same function) keep their
// counts in the outermost profiled loop's block, with no call per entry:
// their entries and iterations stay exact whatever way an entry ends
// (break, continue, return, goto out of one or several loops, a loop with
// no test), at three levels of nesting, and an outer loop left early
// still adds its inner loops' counts.  The output is the plain build's.
// The rewritten source enters an inner loop with mploop_prof_inner_enter,
// never with a call to mploop_prof_enter.
//
// RUN: %cc -O2 -w %s -o %t.plain
// RUN: %mploop-cc -O2 -w --profile %s -o %t
// RUN: %t.plain > %t.expected
// RUN: env MPLOOP_PROFILE=%t.profile %t > %t.out
// RUN: diff %t.expected %t.out
// RUN: FileCheck %s < %t.profile --implicit-check-not='{{^}}loop'
// RUN: %mploop --profile %s | FileCheck %s --check-prefix=SRC

// CHECK: {{^}}# loop	id	parent

#include <stdio.h>

// SRC: static int search(
static int search(int n, int target)
{
    // SRC: mploop_prof_enter(&__mploop_ps_{{[0-9]+}});
    // SRC-NEXT: #line [[@LINE+2]]
    // CHECK-DAG: {{^}}loop	[[S1:[0-9]+]]	0	{{.*}}inner.c	[[@LINE+1]]	5	search	2	14	{{[0-9]+$}}
    for (int a = 0; a < n; a++) {
        // SRC-NOT: mploop_prof{{_}}enter
        // SRC: mploop_prof_inner_enter(&__mploop_pi_{{[0-9]+}}) };
        // SRC-NEXT: #line [[@LINE+2]]
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[S1]]	{{.*}}inner.c	[[@LINE+1]]	9	search	14	138	{{[0-9]+$}}
        for (int b = 0; b < n; b++)
            if (a * n + b == target)
                return a * 1000 + b;
    }
    return -1;
}
// SRC: }

int main(void)
{
    int s = 0;
    // three levels; the middle one left by break, the innermost by continue
    // CHECK-DAG: {{^}}loop	[[M1:[0-9]+]]	0	{{.*}}inner.c	[[@LINE+1]]	5	main	1	5	{{[0-9]+$}}
    for (int i = 0; i < 5; i++)
        // CHECK-DAG: {{^}}loop	[[M2:[0-9]+]]	[[M1]]	{{.*}}inner.c	[[@LINE+1]]	9	main	5	40	{{[0-9]+$}}
        for (int j = 0; j < 10; j++) {
            if (j == i + 5)
                break;
            // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[M2]]	{{.*}}inner.c	[[@LINE+1]]	13	main	35	105	{{[0-9]+$}}
            for (int k = 0; k < 3; k++) {
                if (k == j % 3)
                    continue;
                s += i + j + k;
            }
        }
    printf("levels: %d\n", s);

    // 3007 and -1: search returns from the inner loop, or ends both
    printf("return: %d %d\n", search(10, 37), search(10, 1000));

    // goto out of two loops from the inner one, mid-way
    s = 0;
    // CHECK-DAG: {{^}}loop	[[G1:[0-9]+]]	0	{{.*}}inner.c	[[@LINE+1]]	5	main	1	4	{{[0-9]+$}}
    for (int i = 0; i < 100; i++)
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[G1]]	{{.*}}inner.c	[[@LINE+1]]	9	main	4	27	{{[0-9]+$}}
        for (int j = 0; j < 8; j++) {
            s += i ^ j;
            if (i == 3 && j == 2)
                goto out;
        }
out:
    printf("goto: %d\n", s);

    // an inner loop with no test, left by break; a counted one whose bound
    // changes from one entry to the next
    s = 0;
    // CHECK-DAG: {{^}}loop	[[N1:[0-9]+]]	0	{{.*}}inner.c	[[@LINE+1]]	5	main	1	6	{{[0-9]+$}}
    for (int i = 0; i < 6; i++) {
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[N1]]	{{.*}}inner.c	[[@LINE+1]]	9	main	6	21	{{[0-9]+$}}
        for (int j = 0;; j++) {
            if (j == i)
                break;
            s += j;
        }
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[N1]]	{{.*}}inner.c	[[@LINE+1]]	9	main	6	15	{{[0-9]+$}}
        for (int j = 0; j < i; j++)
            s -= 2 * j;
    }
    printf("no test: %d\n", s);
    return 0;
}
