// A program that replaces itself (exec) after its loops leaves no worker
// running: the parked workers notice that the parent's image is gone (the
// pipe only the parent held, close-on-exec, reports hang-up) and exit
// within 100 ms.  The new image (a shell) waits half a second and lists the
// children of its process that are not zombies (those are the new image's
// to reap, as any child an image leaves behind).
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 %t | FileCheck %s
// CHECK: sum 4950
// CHECK-NEXT: running children after exec: none

#include <stdio.h>
#include <unistd.h>

int main(void)
{
    long s = 0;
    for (int k = 0; k < 3; k++) {
#pragma mploop for reduction(+: s)
        for (int i = 0; i < 100; i++)
            s += k == 0 ? i : 0;
    }
    printf("sum %ld\n", s);
    fflush(stdout);
    execl("/bin/sh", "sh", "-c",
          "sleep 0.5; r=; for p in $(cat /proc/$$/task/$$/children); do "
          "s=$(cut -d' ' -f3 /proc/$p/stat 2>/dev/null); "
          "[ -z \"$s\" ] || [ \"$s\" = Z ] || r=\"$r $p\"; done; "
          "echo \"running children after exec: ${r:-none}\"", (char *)NULL);
    return 1;
}
