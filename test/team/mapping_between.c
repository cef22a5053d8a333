// Memory mapped between two loops (and filled by the parent) is read by the
// second loop's body: a parked team does not have the mapping, so the loop
// forks a fresh team.  Unmapping it again before the third loop changes the
// layout once more.  Ignoring either, a worker would fault on the mapping
// or see one the parent no longer has.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: forked 2 workers (the address-space layout changed)
// CHECK-NEXT: team: forked 2 workers (the address-space layout changed)
// CHECK-NEXT: team: resumed 2 parked workers

#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
    static double out[512];
#pragma mploop for
    for (int i = 0; i < 512; i++)
        out[i] = i;
    double *m = mmap(NULL, 512 * sizeof *m, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 512; i++)
        m[i] = 0.5 * i;
#pragma mploop for
    for (int i = 0; i < 512; i++)
        out[i] += m[511 - i];
    munmap(m, 512 * sizeof *m);
#pragma mploop for
    for (int i = 0; i < 512; i++)
        out[i] *= 2;
#pragma mploop for
    for (int i = 0; i < 512; i++)
        out[i] += 1;
    double s = 0;
    for (int i = 0; i < 512; i++)
        s += out[i] * (i + 1);
    printf("%.1f\n", s);
    return 0;
}
