// A loop that ends early writes what the sequential loop would have written
// up to its end, before the report: a crash at iteration 700 shows the
// lines of iterations 0-699 (every earlier chunk finishes first, whichever
// worker runs it), then the report; exit(4) at iteration 700 shows the lines
// up to 700, then the parent's atexit handler, and ends with status 4; under
// MPLOOP_ON_ERROR=serial the failed parallel run's output is dropped and the
// in-process re-run writes it, once.  stdout is line buffered, so the
// sequential program writes each line as it goes.
//
// RUN: %cc -O2 -w %s -o %t.seq
// RUN: %mploop-cc -O2 -w %s -o %t.par
// RUN: not --crash %t.seq segv > %t.expected.segv
// RUN: not %t.seq exit > %t.expected.exit
// RUN: for s in static dynamic,7 auto; do for w in 2 3; do \
// RUN:   env MPLOOP_SCHEDULE=$s MPLOOP_WORKERS=$w not --crash %t.par segv > %t.out 2> %t.err && cmp %t.expected.segv %t.out && \
// RUN:   FileCheck %s --check-prefix=SEGV < %t.err && \
// RUN:   env MPLOOP_SCHEDULE=$s MPLOOP_WORKERS=$w not %t.par exit > %t.out 2> %t.err && cmp %t.expected.exit %t.out && \
// RUN:   count 0 < %t.err || exit 1; done; done
// RUN: env MPLOOP_SCHEDULE=dynamic,7 MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=serial not --crash %t.par segv > %t.out 2> %t.err
// RUN: cmp %t.expected.segv %t.out
// RUN: env MPLOOP_SCHEDULE=dynamic,7 MPLOOP_WORKERS=2 not --crash %t.par segv 2>&1 | FileCheck %s --check-prefix=ORDER
// RUN: env MPLOOP_WORKERS=2 %t.par exit; test $? = 4
//
// SEGV: mploop: error: {{.*}}output_failure.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[0-9]+}}) killed by SIGSEGV (Segmentation fault) at iteration i = 700{{$}}
// ORDER: line 699
// ORDER-NEXT: mploop: error: {{.*}} killed by SIGSEGV

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bye(void)
{
    printf("atexit handler ran\n");
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    setvbuf(stdout, NULL, _IOLBF, 0);
    atexit(bye);
    printf("before the loop\n");
#pragma mploop for schedule(runtime)
    for (int i = 0; i < 1000; i++) {
        if (i == 700 && !strcmp(what, "segv"))
            raise(SIGSEGV);
        printf("line %d\n", i);
        if (i == 700 && !strcmp(what, "exit"))
            exit(4);
    }
    printf("after the loop\n");
    return 0;
}
