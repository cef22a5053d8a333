// A `!=` loop over an unsigned variable whose bound the variable can never
// equal (an unsigned char compared with 300, or stepping by 2 towards an odd
// distance) never ends in C; mploop reports it at the loop instead of
// running some other number of iterations.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 not %t 300 2>&1 | FileCheck %s -DLINE=22
// RUN: env MPLOOP_WORKERS=2 not %t odd 2>&1 | FileCheck %s -DLINE=26
// CHECK: mploop: error: {{.*}}loop_ne_endless.c:[[LINE]]: loop never ends: the loop variable steps over the `!=` bound without ever equalling it
// CHECK-NOT: after

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    long count = 0;
    unsigned char c;
    unsigned long long q;
    if (argc > 1 && strcmp(argv[1], "300") == 0) {
#pragma mploop for reduction(+: count)
        for (c = 250; c != 300; c++)
            count++;
    } else {
#pragma mploop for reduction(+: count)
        for (q = 0; q != 7; q += 2)
            count++;
    }
    printf("after: %ld\n", count);
    return 0;
}
