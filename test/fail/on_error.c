// MPLOOP_ON_ERROR.  return: after a failed loop the program continues with
// every kind of memory exactly as before the loop (globals, heap blocks
// small and large, the enclosing function's arrays, reduction and
// lastprivate variables), mploop_last_error describes the failure, and
// mploop_clear_error forgets it; later loops run normally.  serial: a loop
// whose worker crashes is reported and run again in-process, with the
// sequential program's results.  A bad value is refused.
//
// RUN: %cc -I%mploop-build/include -O2 -w -DSEQUENTIAL %s -o %t.seq
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t.par
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return %t.par return > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=RET < %t.out
// RUN: FileCheck %s --check-prefix=RETERR < %t.err
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return %t.par return | FileCheck %s --check-prefix=RET
// One worker: under return the loop still runs on a worker, so the failure
// is contained.
// RUN: env MPLOOP_WORKERS=1 MPLOOP_ON_ERROR=return %t.par return | FileCheck %s --check-prefix=RET
//
// RUN: %t.seq serial > %t.seq.out
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=serial MPLOOP_VERBOSE=1 %t.par serial > %t.par.out 2> %t.err
// RUN: diff %t.seq.out %t.par.out
// RUN: FileCheck %s --check-prefix=SERIAL < %t.err
//
// RUN: env MPLOOP_ON_ERROR=retry not %t.par return 2>&1 | FileCheck %s --check-prefix=BAD
//
// RET: join failed
// RET-NEXT: unchanged: global 1 small 1 large 1 local 1 sum 1 last 1 var 1
// RET-NEXT: kind 1 (signal 11) at {{.*}}on_error.c:[[#LOOP:]] iteration var = 1234 (index 1234) message "killed by SIGSEGV (Segmentation fault)"
// RET-NEXT: cleared: yes
// RET-NEXT: second loop: sum 499500
// RETERR: mploop: error: {{.*}}on_error.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGSEGV (Segmentation fault) at iteration var = 1234
// RETERR-NEXT: mploop: note: the loop body crashed in that iteration; the program continues after the loop with memory as before it (MPLOOP_ON_ERROR=return)
// SERIAL: mploop: {{.*}}on_error.c:{{[0-9]+}}: 1000 iterations on 2 workers
// SERIAL-NEXT: mploop: error: {{.*}}on_error.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) killed by SIGSEGV (Segmentation fault) at iteration i = 600
// SERIAL-NEXT: mploop: note: the loop body crashed in that iteration; the loop runs again in-process (MPLOOP_ON_ERROR=serial)
// SERIAL-NEXT: mploop: {{.*}}on_error.c:{{[0-9]+}}: 1000 iterations in-process (serial re-run)
// BAD: mploop: error: {{.*}}: MPLOOP_ON_ERROR=retry is not an error policy; use exit

#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N 2000
static int global[N];

static int crash_in_worker(pid_t parent)
{
#ifdef SEQUENTIAL
    (void)parent;
    return 0;
#else
    return getpid() != parent; /* a failure only workers meet */
#endif
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    int local[N];
    int *small = malloc(64 * sizeof *small);
    int *large = malloc((1 << 20) * sizeof *large);
    long sum = 1;
    int last = -1, var = -7;
    for (int i = 0; i < N; i++)
        global[i] = local[i] = i;
    memset(small, 0, 64 * sizeof *small);
    memset(large, 0, (1 << 20) * sizeof *large);

#ifndef SEQUENTIAL
    if (!strcmp(what, "return")) {
        int ok = 1;
#pragma mploop for reduction(+: sum) lastprivate(last) schedule(dynamic, 16)
        for (var = 0; var < N; var++) {
            int i = var;
            global[i] = -1;
            local[i] = -1;
            small[i % 64] = -1;
            large[i * 512] = -1;
            sum += i;
            last = i;
            if (i == 1234)
                raise(SIGSEGV);
        }
        const mploop_error *e = mploop_last_error();
        printf("join failed\n");
        for (int i = 0; i < N; i++)
            if (global[i] != i || local[i] != i || large[i * 512] != 0)
                ok = 0;
        for (int i = 0; i < 64; i++)
            if (small[i] != 0)
                ok = 0;
        printf("unchanged: global %d small %d large %d local %d sum %d last %d var %d\n", ok, ok,
               ok, ok, sum == 1, last == -1, var == -7);
        if (e)
            printf("kind %d (signal %d) at %s:%u iteration %s = %lld (index %llu) message \"%s\"\n",
                   e->kind, e->signal, e->file, e->line, e->var, (long long)e->iteration,
                   (unsigned long long)e->index, e->message);
        mploop_clear_error();
        printf("cleared: %s\n", mploop_last_error() ? "no" : "yes");
        sum = 0;
#pragma mploop for reduction(+: sum)
        for (int i = 0; i < 1000; i++)
            sum += i;
        printf("second loop: sum %ld\n", sum);
    }
#endif

    if (!strcmp(what, "serial")) {
        pid_t parent = getpid();
        sum = 0;
#pragma mploop for reduction(+: sum) lastprivate(last)
        for (int i = 0; i < 1000; i++) {
            global[i] = i * 3;
            large[i] = i + 1;
            sum += i;
            last = i;
            if (i == 600 && crash_in_worker(parent))
                raise(SIGSEGV);
        }
        long check = 0;
        for (int i = 0; i < N; i++)
            check += global[i] + (i < 1000 ? large[i] : 0);
        printf("sum %ld last %d check %ld\n", sum, last, check);
    }
    return 0;
}
