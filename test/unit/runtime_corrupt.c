// The parent validates everything it reads from the workers' control
// block.  A worker that writes garbage there (here on purpose, through the
// generated mploop_loop and runtime/internal.h; a stray pointer in a loop
// body could do the same) makes a reported failure, never a parent crash
// or hang: an unknown state, an iteration index past the trip count, an
// errno out of range, a mploop_fail message with a bad frame, and a whole
// page of 0xff over the block's header and slots.  The parent's own record
// of its workers (pids, descriptors, mapping sizes) is private, so no
// worker can make it kill or unmap the wrong thing.
//
// RUN: %mploop-cc -I%S/../../runtime -I%mploop-build/include -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 sh -c '%t state 2>&1; echo status=$?' | FileCheck %s --check-prefixes=STATE,GARBAGE
// RUN: env MPLOOP_WORKERS=2 sh -c '%t index 2>&1; echo status=$?' | FileCheck %s --check-prefixes=INDEX,GARBAGE
// RUN: env MPLOOP_WORKERS=2 sh -c '%t errno 2>&1; echo status=$?' | FileCheck %s --check-prefixes=ERRNO,GARBAGE
// RUN: env MPLOOP_WORKERS=2 sh -c '%t message 2>&1; echo status=$?' | FileCheck %s --check-prefixes=MESSAGE,GARBAGE
// RUN: env MPLOOP_WORKERS=2 sh -c '%t page 2>&1; echo status=$?' | FileCheck %s --check-prefixes=PAGE,GARBAGE
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return sh -c '%t page 2>&1; echo status=$?' | FileCheck %s --check-prefixes=PAGE,RETURN
//
// STATE: mploop: error: {{.*}}runtime_corrupt.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block at iteration i = 3{{$}}
// INDEX: mploop: error: {{.*}}runtime_corrupt.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block before its first iteration{{$}}
// ERRNO: mploop: error: {{.*}}runtime_corrupt.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block at iteration i = 3{{$}}
// MESSAGE: mploop: error: {{.*}}runtime_corrupt.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block at iteration i = 3{{$}}
// PAGE: mploop: error: {{.*}}runtime_corrupt.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block
// GARBAGE: mploop: note: the loop body probably wrote through a stray pointer; nothing it wrote was merged; the program stops
// GARBAGE-NOT: after the loop
// GARBAGE: status=1{{$}}
// RETURN: after the loop: error kind 6, done[0] = 0
// RETURN: status=0{{$}}

#include <mploop.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* The generated code declares the loop's state as __mploop_L_1 in a block
 * around the loop; this declaration, shadowed there, lets the rewriter
 * parse the original source. */
extern mploop_loop __mploop_L_1;

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    static int done[8];
#pragma mploop for
    for (int i = 0; i < 8; i++) {
        done[i] = 1;
        if (i == 3) {
            /* In a worker, the published-iteration pointer points into the
             * worker's slot of the shared control block. */
            struct mploop__slot *slot = (struct mploop__slot *)__mploop_L_1.mploop__cur;
            if (!strcmp(what, "state")) {
                slot->state = 77;
                _exit(0);
            }
            if (!strcmp(what, "index")) {
                slot->cur = (uint64_t)1 << 60;
                _exit(0);
            }
            if (!strcmp(what, "errno")) {
                slot->err = 12345;
                slot->state = MPLOOP__SLOT_SHIP_FAILED;
                _exit(MPLOOP__EXIT_RUNTIME);
            }
            if (!strcmp(what, "message")) {
                /* A failed state whose message frame is not valid. */
                slot->state = MPLOOP__SLOT_USER_FAILED;
                _exit(MPLOOP__EXIT_FAIL);
            }
            if (!strcmp(what, "page")) {
                memset((void *)((uintptr_t)slot & ~(uintptr_t)4095), 0xff, 4096);
                _exit(0);
            }
        }
    }
    const mploop_error *e = mploop_last_error();
    printf("after the loop: error kind %d, done[0] = %d\n", e ? e->kind : 0, done[0]);
    return 0;
}
