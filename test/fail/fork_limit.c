// Fork failure: under RLIMIT_NPROC (enforced for users other than root, so
// the program runs as nobody), the loop completes with fewer workers or
// in-process, with a one-line warning, and its results are the sequential
// program's; it ends normally and leaves no process behind.
//
// REQUIRES: as-nobody
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: chmod a+rx %t.par
// RUN: %t.seq > %t.seq.out
// One process allowed: no worker can be forked, the loop runs in-process.
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=1 python3 %S/Inputs/alone.py --report %t.end.1 -- setpriv --reuid=nobody --regid=nogroup --clear-groups prlimit --nproc=1 %t.par > %t.out.1 2> %t.err.1
// RUN: diff %t.seq.out %t.out.1
// RUN: FileCheck %s --check-prefix=END < %t.end.1
// RUN: FileCheck %s --check-prefix=NONE < %t.err.1
// Two processes allowed: one worker of three, which runs every iteration.
// RUN: env MPLOOP_WORKERS=3 MPLOOP_VERBOSE=1 python3 %S/Inputs/alone.py --report %t.end.2 -- setpriv --reuid=nobody --regid=nogroup --clear-groups prlimit --nproc=2 %t.par > %t.out.2 2> %t.err.2
// RUN: diff %t.seq.out %t.out.2
// RUN: FileCheck %s --check-prefix=END < %t.end.2
// RUN: FileCheck %s --check-prefix=SOME < %t.err.2
//
// NONE: mploop: {{.*}}fork_limit.c:[[#LOOP:]]: 1000 iterations on 3 workers, schedule auto
// NONE-NEXT: mploop: warning: {{.*}}fork_limit.c:[[#LOOP]]: cannot fork a worker (Resource temporarily unavailable); running the loop in-process
// NONE-NEXT: mploop: {{.*}}fork_limit.c:[[#LOOP]]: 1000 iterations in-process (fork failed)
// NONE-NOT: mploop:
// SOME: mploop: {{.*}}fork_limit.c:[[#LOOP:]]: 1000 iterations on 3 workers, schedule auto
// SOME-NEXT: mploop: warning: {{.*}}fork_limit.c:[[#LOOP]]: could fork only 1 of 3 workers (Resource temporarily unavailable); they share the iterations of the others
// SOME-NOT: mploop:
// END: status=0
// END-NEXT: none-left

#include <stdio.h>

int main(void)
{
    static int square[1000];
    long sum = 0;
#pragma mploop for reduction(+: sum)
    for (int i = 0; i < 1000; i++) {
        square[i] = i * i;
        sum += i;
    }
    long check = 0;
    for (int i = 0; i < 1000; i++)
        check += square[i] % 7;
    printf("sum %ld check %ld\n", sum, check);
    return 0;
}
