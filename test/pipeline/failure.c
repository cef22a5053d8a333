// A pipeline fails as a loop does: a crash (SIGSEGV) or an mploop_fail in
// a stage of each kind stops the pipeline, the report names the worker,
// the stage with its kind, and the item; no process is left; the program
// ends as the sequential one would (by the same signal, status 1).  Under
// MPLOOP_ON_ERROR=return, mploop_pipeline_run returns -1, the program's
// memory is as before the run, and mploop_last_error gives the stage and
// the item.  A stage returning a value a stage may not return fails the
// pipeline; so do two items of a parallel stage writing different values
// to one variable (a race).  MPLOOP_TIMEOUT and SIGINT end a pipeline whose
// stage hangs.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t segv 0 13 2>&1 | FileCheck %s --check-prefix=SEGV0
// RUN: env MPLOOP_WORKERS=2 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t segv 1 13 2>&1 | FileCheck %s --check-prefix=SEGV1
// RUN: env MPLOOP_WORKERS=3 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t segv 2 13 2>&1 | FileCheck %s --check-prefix=SEGV2
// RUN: env MPLOOP_WORKERS=3 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t segv 3 13 2>&1 | FileCheck %s --check-prefix=SEGV3
// RUN: env MPLOOP_WORKERS=2 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t fail 1 21 2>&1 | FileCheck %s --check-prefix=FAIL1
// RUN: env MPLOOP_WORKERS=2 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t fail 3 5 2>&1 | FileCheck %s --check-prefix=FAIL3
// RUN: env MPLOOP_WORKERS=1 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t fail 2 8 2>&1 | FileCheck %s --check-prefix=FAILIN
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return %t segv 1 13 2>&1 | FileCheck %s --check-prefix=RET
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return %t fail 2 30 2>&1 | FileCheck %s --check-prefix=RETFAIL
// RUN: env MPLOOP_WORKERS=2 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t bad 1 9 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env MPLOOP_WORKERS=2 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t stop 2 9 2>&1 | FileCheck %s --check-prefix=STOP
// RUN: env MPLOOP_WORKERS=3 MPLOOP_CHECK=1 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t race 1 0 2>&1 | FileCheck %s --check-prefix=RACE
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TIMEOUT=1 python3 %S/../fail/Inputs/alone.py --timeout 30 -- %t hang 1 17 2>&1 | FileCheck %s --check-prefix=TIMEOUT
// RUN: env MPLOOP_WORKERS=3 %S/../fail/Inputs/kill-at.sh INT program %t | FileCheck %s --check-prefix=INT
//
// SEGV0: mploop: error: {{.*}}failure.c:{{[0-9]+}}: worker {{[0-9]}} (pid {{[0-9]+}}) killed by SIGSEGV (Segmentation fault) in stage 0 (serial in order), item 13
// SEGV0-NEXT: mploop: note: the stage crashed on that item; the program ends by the same signal
// SEGV0: status=139
// SEGV0-NEXT: none-left
// SEGV1: killed by SIGSEGV (Segmentation fault) in stage 1 (parallel), item 13
// SEGV1: status=139
// SEGV1-NEXT: none-left
// SEGV2: killed by SIGSEGV (Segmentation fault) in stage 2 (serial), item 13
// SEGV2: status=139
// SEGV2-NEXT: none-left
// SEGV3: killed by SIGSEGV (Segmentation fault) in stage 3 (serial in order), item 13
// SEGV3: status=139
// SEGV3-NEXT: none-left
// FAIL1: mploop: error: {{.*}}failure.c:{{[0-9]+}}: stage 1 (parallel), item 21 failed: no good: item 21
// FAIL1-NEXT: mploop: note: mploop_fail was called in worker {{[0-9]}} (pid {{[0-9]+}}); the program stops
// FAIL1: status=1
// FAIL1-NEXT: none-left
// FAIL3: stage 3 (serial in order), item 5 failed: no good: item 5
// FAIL3: status=1
// FAILIN: stage 2 (serial), item 8 failed: no good: item 8
// FAILIN: status=1
// RET: killed by SIGSEGV (Segmentation fault) in stage 1 (parallel), item 13
// RET-NEXT: note: the stage crashed on that item; the program continues after the loop with memory as before it (MPLOOP_ON_ERROR=return)
// RET: run -1: kind 1 (signal 11), stage 1, item 13; written 0, total 0, made 0
// RETFAIL: run -1: kind 3 (signal 0), stage 2, item 30; written 0, total 0, made 0
// BAD: stage 1 (parallel), item 9 failed: the stage returned 7; a stage returns 0 (pass the item on), MPLOOP_DROP, or (the first stage) MPLOOP_STOP
// BAD: status=1
// STOP: stage 2 (serial), item 9 failed: the stage returned MPLOOP_STOP, which only the first stage may return; call mploop_cancel to make the first stage stop
// RACE: data race: workers wrote different values to address
// RACE: note: a pipeline's stages and a parallel stage's items must not write the same memory
// RACE: status=1
// TIMEOUT: loop did not finish within MPLOOP_TIMEOUT (1000 ms); worker {{[0-9]}} (pid {{[0-9]+}}) was still running, in stage 1 (parallel), item 17
// TIMEOUT: status=1
// TIMEOUT-NEXT: none-left
// INT-NOT: mploop:
// INT: status=130
// INT-NEXT: none-left

#include <mploop.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N 60

static const char *mode, *pidfile;
static long where, at;
static long made, written, total, shared_word;
static int *meet; /* in shared memory */

static void hit(long stage, long n)
{
    if (stage != where || n != at)
        return;
    if (!strcmp(mode, "segv"))
        raise(SIGSEGV);
    if (!strcmp(mode, "fail"))
        mploop_fail("no good: item %ld", n);
    if (!strcmp(mode, "hang")) {
        if (pidfile) {
            FILE *f = fopen(pidfile, "w");
            fprintf(f, "%d\n", (int)getpid());
            fclose(f);
        }
        pause();
    }
}

static int status_of(long stage, long n)
{
    if (stage == where && n == at && !strcmp(mode, "bad"))
        return 7;
    if (stage == where && n == at && !strcmp(mode, "stop"))
        return MPLOOP_STOP;
    return 0;
}

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (made == N)
        return MPLOOP_STOP;
    *(long *)out = made++;
    hit(0, *(long *)out);
    return 0;
}

static int middle(const void *in, void *out, void *ctx)
{
    long n = *(const long *)in, stage = (long)(size_t)ctx;
    *(long *)out = n;
    usleep(1000);
    if (!strcmp(mode, "race") && stage == 1) {
        /* Items 0 and 1 meet in the stage (two workers), and each writes
         * its number to the one word. */
        if (n < 2) {
            __atomic_add_fetch(meet, 1, __ATOMIC_SEQ_CST);
            for (int i = 0; i < 2000 && __atomic_load_n(meet, __ATOMIC_SEQ_CST) < 2; i++)
                usleep(1000);
        }
        shared_word = n + 1000;
    }
    hit(stage, n);
    return status_of(stage, n);
}

static int write_out(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    long n = *(const long *)in;
    hit(3, n);
    written++;
    total += n;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2) {
        /* kill-at.sh: hang in the serial stage, the pid in argv[1]. */
        mode = "hang";
        where = 2;
        at = 17;
        pidfile = argv[1];
    } else if (argc == 4) {
        mode = argv[1];
        where = atol(argv[2]);
        at = atol(argv[3]);
    } else {
        return 2;
    }
    meet = mploop_shared_alloc(sizeof *meet);
    mploop_pipeline *pl = mploop_pipeline_create(4);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, middle, (void *)1, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, middle, (void *)2, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, write_out, NULL, 0);
    int rc = mploop_pipeline_run(pl, 0);
    const mploop_error *e = mploop_last_error();
    if (e)
        printf("run %d: kind %d (signal %d), stage %d, item %lld; written %ld, total %ld, made %ld\n",
               rc, e->kind, e->signal, e->stage, (long long)e->iteration, written, total, made);
    else
        printf("run %d: written %ld, total %ld, made %ld, word %ld\n", rc, written, total, made,
               shared_word);
    mploop_pipeline_destroy(pl);
    return 0;
}
