// The shared window of mploop_shared_alloc exists before the persistent
// team forms, so neither allocating in it between loops (the team parked)
// nor in a body changes the address-space layout: every later loop
// resumes the parked team.  The workers see the parent's block at once.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 timeout 60 %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT < %t.out
// RUN: grep ": team: " %t.err | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: resumed 2 parked workers
// CHECK-NEXT: team: resumed 2 parked workers
// CHECK-NOT: team:
// OUT: 7 7 7 7 / 11 11 11 11

#include <mploop.h>
#include <stdio.h>

int main(void)
{
    static int out[4];
#pragma mploop for
    for (int i = 0; i < 4; i++)
        out[i] = i;
    int *late = mploop_shared_alloc(4 * sizeof *late); // the team is parked
    for (int i = 0; i < 4; i++)
        late[i] = 3;
#pragma mploop for
    for (int i = 0; i < 4; i++) {
        late[i] += 4;
        int *mine = mploop_shared_alloc(64); // in a body
        mploop_shared_free(mine);
    }
    int *later = mploop_shared_alloc(1 << 20);
#pragma mploop for
    for (int i = 0; i < 4; i++)
        later[i] = late[i] + 4;
    printf("%d %d %d %d / %d %d %d %d\n", late[0], late[1], late[2], late[3], later[0], later[1],
           later[2], later[3]);
    return 0;
}
