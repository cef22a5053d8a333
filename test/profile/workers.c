// In a --profile build an annotated loop still runs on workers and is
// timed: its entries and iterations are the parent's (the trip count);
// the loops its body runs, in its own body or in a function it calls, run
// in the workers and are not recorded (only the parent's own call of that
// function counts, also for a loop nest whose inner loop keeps its counts
// in the outer loop's block); neither a worker nor a process the program forks and
// ends with exit() writes the profile: only the program's process, at
// exit.  A profile that cannot be written is an error on standard error;
// the program's output and exit status stay its own.
//
// RUN: %cc -O1 -w %s -o %t.plain
// RUN: %t.plain %t.none > %t.expected
// RUN: %mploop-cc -O1 -w --profile %s -o %t
// RUN: rm -f %t.profile
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_PROFILE=%t.profile %t %t.profile > %t.out
// RUN: diff %t.expected %t.out
// RUN: FileCheck %s < %t.profile --implicit-check-not='{{^}}loop'
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_PROFILE=%t.nodir/p %t %t.none > %t.out2 2> %t.err
// RUN: diff %t.expected %t.out2
// RUN: FileCheck %s --check-prefix=NOFILE < %t.err
// NOFILE: mploop: error: cannot write the loop profile to {{.*}}.nodir/p: No such file or directory; set MPLOOP_PROFILE to a file in a writable directory

// CHECK: {{^}}# loop	id	parent

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static long squares(int n)
{
    long s = 0;
    // CHECK-DAG: {{^}}loop	{{[0-9]+}}	0	{{.*}}workers.c	[[@LINE+1]]	5	squares	1	10	{{[0-9]+$}}
    for (int i = 0; i < n; i++)
        s += (long)i * i;
    return s;
}

// a loop nest, whose inner loop's counts are kept in the outer loop's
// block: the workers' calls add nothing, and write nothing of the sites
static long pairs(int n)
{
    long s = 0;
    // CHECK-DAG: {{^}}loop	[[PAIRS:[0-9]+]]	0	{{.*}}workers.c	[[@LINE+1]]	5	pairs	1	5	{{[0-9]+$}}
    for (int a = 0; a < n; a++)
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[PAIRS]]	{{.*}}workers.c	[[@LINE+1]]	9	pairs	5	10	{{[0-9]+$}}
        for (int b = 0; b < a; b++)
            s += a * b;
    return s;
}

int main(int argc, char **argv)
{
    long total = 0, out[400];
    (void)argc;
    // CHECK-DAG: {{^}}loop	[[OUTER:[0-9]+]]	0	{{.*}}workers.c	[[@LINE+1]]	5	main	1	3	{{[0-9]+$}}
    for (int r = 0; r < 3; r++) {
        // CHECK-DAG: {{^}}loop	{{[0-9]+}}	[[OUTER]]	{{.*}}workers.c	[[@LINE+2]]	9	main	3	1200	{{[0-9]+$}}
#pragma mploop for reduction(+:total)
        for (int i = 0; i < 400; i++) {
            long t = 0;
            for (int k = 0; k <= i % 5; k++)
                t += k;
            out[i] = t + squares(i % 7) + pairs(i % 4);
            total += out[i];
        }
    }
    pid_t child = fork();
    if (child == 0)
        exit(squares(3) == 5 ? 0 : 1);
    int status;
    waitpid(child, &status, 0);
    printf("child wrote no profile: %s\n", access(argv[1], F_OK) != 0 ? "yes" : "no");
    printf("total %ld out[399] %ld squares %ld pairs %ld status %d\n", total, out[399],
           squares(10), pairs(5), WEXITSTATUS(status));
    return 0;
}
