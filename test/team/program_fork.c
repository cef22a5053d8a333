// The program's own fork() between loops: the child neither inherits nor
// talks to the parent's parked team; it runs loops with a team of its own
// (its first loop forms it) and exits, and the parent's team goes on.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: program_fork.c:[[P1:[0-9]+]]: team: forked 2 workers (first loop on workers)
// CHECK: program_fork.c:[[C:[0-9]+]]: team: forked 2 workers (first loop on workers)
// CHECK: program_fork.c:[[C]]: team: resumed 2 parked workers
// CHECK: program_fork.c:{{[0-9]+}}: team: resumed 2 parked workers

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static long work(long *v, int n, int k)
{
    long s = 0;
#pragma mploop for reduction(+: s)
    for (int i = 0; i < n; i++) {
        v[i] += i * k;
        s += v[i];
    }
    return s;
}

int main(void)
{
    static long v[1000];
    long s = work(v, 1000, 1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        long c = 0;
        for (int k = 0; k < 5; k++) {
            /* A loop of its own, at another line. */
#pragma mploop for reduction(+: c)
            for (int i = 0; i < 1000; i++)
                c += v[i] * k;
        }
        printf("child %ld\n", c);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    for (int k = 2; k < 6; k++)
        s += work(v, 1000, k);
    printf("parent %ld child status %d\n", s, WEXITSTATUS(st));
    return 0;
}
