// A loop whose generated code was written for another loop ABI than the
// runtime's (an object compiled against another mploop's header) is
// refused by mploop_begin before it reads any parameter: the report names
// the loop, both ABI versions and parameter sizes and what to do, and the
// program ends with EXIT_FAILURE.  The test calls mploop_begin directly, as
// generated code would, with a wrong version and with a wrong size.
//
// RUN: %mploop-cc -I%mploop-build/include -O2 -w %s -o %t
// RUN: sh -c '%t version 2>&1; echo status=$?' | FileCheck %s --check-prefixes=VERSION,FAILED
// RUN: sh -c '%t size 2>&1; echo status=$?' | FileCheck %s --check-prefixes=SIZE,FAILED
// RUN: %t right | FileCheck %s --check-prefix=RIGHT
//
// VERSION: mploop: error: abi.c:7: this loop was rewritten for mploop's loop ABI 1 ([[BYTES:[0-9]+]]-byte parameters), but the runtime linked in implements ABI 3 ([[BYTES]] bytes); rewrite and recompile this file with the mploop that provides the runtime (mploop-cc does both){{$}}
// SIZE: mploop: error: abi.c:7: this loop was rewritten for mploop's loop ABI 3 ([[SMALL:[0-9]+]]-byte parameters), but the runtime linked in implements ABI 3 ({{[0-9]+}} bytes); rewrite and recompile this file with the mploop that provides the runtime (mploop-cc does both){{$}}
// FAILED-NOT: began
// FAILED: status=1{{$}}
// RIGHT: began 3 iterations

#include <mploop/abi.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    static const mploop_site site = {"abi.c", 7, 5, "i", MPLOOP_SITE_VAR_SIGNED};
    const char *what = argc > 1 ? argv[1] : "";
    mploop_params p;
    mploop_loop L;
    memset(&p, 0, sizeof p);
    p.abi = MPLOOP_ABI_VERSION;
    p.size = sizeof p;
    if (!strcmp(what, "version"))
        p.abi = 1;
    if (!strcmp(what, "size"))
        p.size = sizeof p - 8;
    p.trip = 3;
    p.step = 1;
    p.schedule = MPLOOP_SCHED_DEFAULT;
    p.cond = 0; /* in-process: nothing is forked */
    mploop_begin(&L, &site, &p);
    printf("began %llu iterations\n", (unsigned long long)p.trip);
    mploop_done(&L);
    return 0;
}
