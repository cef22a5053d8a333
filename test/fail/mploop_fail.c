// mploop_fail and mploop_fail_code: a body fails on purpose with a message
// that reaches the parent.  The report gives the loop's file:line, the loop
// variable's value and the message; the program ends with status 1 (or the
// code of mploop_fail_code), in-process as on workers; the message is cut
// at 511 bytes and control characters cannot break the report's line;
// mploop_fail outside a loop reports and ends the program the same way.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 python3 %S/Inputs/alone.py -- %t fail > %t.out 2>&1; FileCheck %s --check-prefixes=FAIL,W,ST1,LEFT < %t.out
// RUN: env MPLOOP_WORKERS=3 python3 %S/Inputs/alone.py -- %t code > %t.out 2>&1; FileCheck %s --check-prefixes=FAIL,W,ST7,LEFT < %t.out
// RUN: env MPLOOP_WORKERS=1 python3 %S/Inputs/alone.py -- %t fail > %t.out 2>&1; FileCheck %s --check-prefixes=FAIL,ST1,LEFT --implicit-check-not=worker < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %S/Inputs/alone.py -- %t long > %t.out 2>&1; FileCheck %s --check-prefixes=LONG,ST1,LEFT < %t.out
// RUN: env MPLOOP_WORKERS=2 python3 %S/Inputs/alone.py -- %t outside > %t.out 2>&1; FileCheck %s --check-prefixes=OUTSIDE,ST7,LEFT < %t.out
//
// FAIL: mploop: error: {{.*}}mploop_fail.c:[[#@LINE+36]]: iteration i = 7 failed: bad row 7 (value -3){{$}}
// W-NEXT: mploop: note: mploop_fail was called in worker {{[0-9]+}} (pid {{[1-9][0-9]*}}); the program stops
// LONG: mploop: error: {{.*}}mploop_fail.c:{{[0-9]+}}: iteration i = 7 failed: line?break{{x+$}}
// OUTSIDE: mploop: error: mploop_fail called outside a parallel loop: no loop here
// FAIL-NOT: after the loop
// ST1: status=1{{$}}
// ST7: status=7{{$}}
// LEFT-NEXT: none-left

#include <mploop.h>
#include <stdio.h>
#include <string.h>

static void check_row(const char *what, int i, int v)
{
    static char big[2000];
    if (v >= 0)
        return;
    if (!strcmp(what, "code"))
        mploop_fail_code(7, "bad row %d (value %d)", i, v);
    if (!strcmp(what, "long")) {
        memset(big, 'x', sizeof big - 1);
        mploop_fail("line\nbreak%s", big);
    }
    mploop_fail("bad row %d (value %d)", i, v);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    int rows[20];
    for (int i = 0; i < 20; i++)
        rows[i] = i == 7 ? -3 : i;
    if (!strcmp(what, "outside"))
        mploop_fail_code(7, "no loop here");
#pragma mploop for
    for (int i = 0; i < 20; i++)
        check_row(what, i, rows[i]);
    printf("after the loop\n");
    return 0;
}
