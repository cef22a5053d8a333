// The working directory changed between two loops, and the second loop's
// body creates files by relative names: as in a fresh fork they land in the
// new directory.  A parked team still has the old one, so the loop forks a
// fresh team.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/sub
// RUN: %exec-check %s %t -DDIR='"%t.dir"'
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 MPLOOP_VERBOSE=3 %t.par 2>&1 >/dev/null | grep ": team: " | FileCheck %s
// CHECK: team: forked 2 workers (first loop on workers)
// CHECK-NEXT: team: forked 2 workers (resource limits, working directory, credentials, umask or CPU affinity changed)
// CHECK-NEXT: team: resumed 2 parked workers

#include <stdio.h>
#include <unistd.h>

int main(void)
{
    static int made[16];
    if (chdir(DIR) != 0)
        return 1;
#pragma mploop for
    for (int i = 0; i < 16; i++)
        made[i] = 0;
    if (chdir("sub") != 0)
        return 1;
#pragma mploop for
    for (int i = 0; i < 16; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%02d", i);
        FILE *f = fopen(name, "w");
        made[i] = f != NULL;
        if (f)
            fclose(f);
    }
    /* The parent finds them where it is. */
    for (int i = 0; i < 16; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%02d", i);
        made[i] += access(name, F_OK) == 0;
        unlink(name);
    }
#pragma mploop for
    for (int i = 0; i < 16; i++)
        made[i] *= 3;
    int n = 0;
    for (int i = 0; i < 16; i++)
        n += made[i];
    printf("%d\n", n);
    return 0;
}
