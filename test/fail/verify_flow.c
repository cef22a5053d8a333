// MPLOOP_CHECK=verify runs every forked loop once more, sequentially, in one
// more process forked from the same snapshot, and compares its writes with
// the workers' merged writes, byte for byte, before anything is applied.
// A flow dependence across workers (each iteration reads what the previous
// one wrote: worker 1 starts from the snapshot's a[50], 0) gives another
// answer on workers, with no race: under verify the loop fails with a
// report naming the loop, the first differing places (variable and byte,
// the value each run left there), and what the failure means; nothing is
// merged.  The error policies apply: exit ends the program with status 1,
// return continues with memory as before the loop (mploop_last_error says
// MPLOOP_ERROR_VERIFY and the first differing address), serial runs the
// loop again in-process (the sequential answer).
//
// RUN: %cc -I%mploop-build/include -O2 -w -DSEQUENTIAL %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: %t.seq | FileCheck %s --check-prefix=SEQ
// SEQ: a[99] = 4851 a[51] = 1275
//
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify not %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// RUN: count 0 < %t.out
//
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify MPLOOP_ON_ERROR=return %t 2> %t.err | FileCheck %s --check-prefix=RET
// RUN: FileCheck %s --check-prefix=RETERR < %t.err
//
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=verify MPLOOP_ON_ERROR=serial %t 2> %t.err | FileCheck %s --check-prefix=SEQ
// RUN: FileCheck %s --check-prefix=SERIALERR < %t.err

#include <stdio.h>
#include <mploop.h>

int a[100];
static volatile int one = 1; /* hides the dependence from the rewriter's tests */

int main(void)
{
    // ERR: mploop: error: {{.*}}verify_flow.c:[[@LINE+13]]: result differs from a sequential run of the loop (MPLOOP_CHECK=verify): {{[1-9][0-9]*}} bytes differ, first at 0x{{[0-9a-f]+}}, global 'a' (byte 204 of 400): parallel 32 00 00 00, sequential fb 04 00 00{{$}}
    // ERR-NEXT: mploop: note: also at 0x{{[0-9a-f]+}}, global 'a' (byte 208 of 400): parallel 65 00 00 00 99 00 00 00, sequential 2e 05 00 00 62 05 00 00{{$}}
    // ERR-NEXT: mploop: note: also at 0x{{[0-9a-f]+}}, global 'a' (byte 216 of 400): parallel ce 00 00 00 04 01 00 00, sequential 97 05 00 00 cd 05 00 00{{$}}
    // ERR-NEXT: mploop: note: the iterations of this loop are not independent: {{.*}}; remove the dependence, or use a reduction clause for an accumulator; nothing the workers wrote was merged; the program stops
    // ERR-NOT: mploop:
    //
    // RET: a[99] = 0 a[51] = 0
    // RET-NEXT: kind verify: 1, address: a + 204, line: [[@LINE+6]]
    // RETERR: verify_flow.c:[[@LINE+5]]: result differs
    // RETERR: the program continues after the loop with memory as before it (MPLOOP_ON_ERROR=return)
    // SERIALERR: verify_flow.c:[[@LINE+3]]: result differs
    // SERIALERR: the loop runs again in-process (MPLOOP_ON_ERROR=serial)
#pragma mploop for schedule(static)
    for (int i = 0; i < 99; i++)
        a[i + one] = a[i] + i;
    printf("a[99] = %d a[51] = %d\n", a[99], a[51]);
#ifndef SEQUENTIAL
    const mploop_error *e = mploop_last_error();
    if (e)
        printf("kind verify: %d, address: a + %ld, line: %u\n", e->kind == MPLOOP_ERROR_VERIFY,
               (long)((char *)(unsigned long)e->address - (char *)a), e->line);
#endif
    return 0;
}
