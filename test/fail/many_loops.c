// Resources: 10,000 consecutive forked loops, some succeeding, some failing
// under MPLOOP_ON_ERROR=return (a crash, mploop_fail, an exit; each failure
// ends the persistent team, the next loop forms a new one), then one more
// that succeeds, leave the process's descriptor count, mapping count and
// child processes exactly as after the first loop (which formed the team,
// or forked workers that exited under MPLOOP_TEAM=fork): no leaked
// descriptor, memfd or mapping, no zombie, no worker beyond the team.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return %t 2> %t.err | FileCheck %s
// RUN: grep -c "mploop: error:" %t.err | FileCheck %s --check-prefix=ERRORS
//
// CHECK: loops 10001 sum 10001 failed 30 fds same maps same children same
// ERRORS: {{^}}30{{$}}

#include <dirent.h>
#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "Inputs/resources.h"

int main(void)
{
    static int out[2];
    long sum = 0;
    int failed = 0, fds = 0, maps = 0, children = 0;
    for (int loop = 0; loop < 10001; loop++) {
        int what = loop % 1000 == 999 ? 1 : loop % 1000 == 998 ? 2 : loop % 1000 == 997 ? 3 : 0;
#pragma mploop for
        for (int i = 0; i < 2; i++) {
            if (i == 1 && what == 1)
                raise(SIGSEGV);
            if (i == 1 && what == 2)
                mploop_fail("loop %d fails", loop);
            if (i == 1 && what == 3)
                _exit(3);
            out[i] = loop;
        }
        if (mploop_last_error()) {
            failed++;
            mploop_clear_error();
        } else {
            sum += out[0] == loop && out[1] == loop;
        }
        if (loop == 0) {
            fds = count_fds(0);
            maps = count_maps();
            children = count_children();
        }
    }
    printf("loops 10001 sum %ld failed %d fds %s maps %s children %s\n", sum + failed, failed,
           count_fds(0) == fds ? "same" : "changed", count_maps() == maps ? "same" : "changed",
           count_children() == children ? "same" : "changed");
    return 0;
}
