// A body that changes its worker's process state, which a fresh fork for
// the next loop would not have: a signal disposition (SIGUSR1 ignored),
// then the working directory.  The workers that changed it do not park,
// and the next loop forks a fresh team whose workers have the parent's
// state, as a fork gives: the second loop sees SIGUSR1 at its default, the
// third the parent's directory.  Were the workers resumed, both would
// print 1.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %mploop-cc -O2 -w %s -o %t -DDIR='"%t.dir"'
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t | FileCheck %s --check-prefix=OUT
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: forked 2 workers (a loop body changed a worker's signal dispositions, limits, working directory, credentials, umask or threads)
// CHECK-NEXT: team: forked 2 workers (a loop body changed a worker's signal dispositions, limits, working directory, credentials, umask or threads)
// CHECK-NEXT: team: resumed 2 parked workers
// OUT: dir 0 0 ignored 0 0

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    static int in_dir[2], ignored[2];
#pragma mploop for
    for (int i = 0; i < 2; i++)
        signal(SIGUSR1, SIG_IGN); /* only in the workers */
#pragma mploop for
    for (int i = 0; i < 2; i++) {
        struct sigaction sa;
        sigaction(SIGUSR1, NULL, &sa);
        ignored[i] = sa.sa_handler == SIG_IGN;
        if (chdir(DIR) != 0)
            ignored[i] = -1;
    }
#pragma mploop for
    for (int i = 0; i < 2; i++) {
        char cwd[4096];
        in_dir[i] = getcwd(cwd, sizeof cwd) && strcmp(cwd, DIR) == 0;
    }
#pragma mploop for
    for (int i = 0; i < 2; i++)
        in_dir[i] += 0;
    printf("dir %d %d ignored %d %d\n", in_dir[0], in_dir[1], ignored[0], ignored[1]);
    return 0;
}
