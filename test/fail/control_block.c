// The parent validates everything it reads from the workers' control
// block.  A worker that writes garbage there (here on purpose, through the
// generated mploop_loop and runtime/internal.h; a stray pointer in a loop
// body could do the same) makes a reported failure, never a parent crash
// or hang: an unknown state, an iteration index past the trip count, an
// errno out of range, a mploop_fail message with a bad frame, and a whole
// page of 0xff over the block's header and slots.  Likewise the channels
// through which workers ship their writes (memfds the parent made before
// the fork, which a body can reach through /proc/self/fd): garbage written
// past the end of every channel, or every channel truncated to 1 GiB, is a
// reported failure with nothing merged.  The parent's own record
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
// RUN: env MPLOOP_WORKERS=2 sh -c '%t channel 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHANNEL,CHANNEL-STOP
// RUN: env MPLOOP_WORKERS=3 sh -c '%t truncate 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHANNEL,CHANNEL-STOP
// RUN: env MPLOOP_WORKERS=3 MPLOOP_ON_ERROR=return sh -c '%t channel 2>&1; echo status=$?' | FileCheck %s --check-prefixes=CHANNEL,RETURN
//
// STATE: mploop: error: {{.*}}control_block.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block at iteration i = 3{{$}}
// INDEX: mploop: error: {{.*}}control_block.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block before its first iteration{{$}}
// ERRNO: mploop: error: {{.*}}control_block.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block at iteration i = 3{{$}}
// MESSAGE: mploop: error: {{.*}}control_block.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block at iteration i = 3{{$}}
// PAGE: mploop: error: {{.*}}control_block.c:{{[0-9]+}}: worker {{[0-9]+}} (pid {{[1-9][0-9]*}}) wrote garbage into the loop's control block
// GARBAGE: mploop: note: the loop body probably wrote through a stray pointer; nothing it wrote was merged; the program stops
// GARBAGE-NOT: after the loop
// GARBAGE: status=1{{$}}
// CHANNEL: mploop: error: {{.*}}control_block.c:{{[0-9]+}}: cannot merge the workers' writes (Protocol error){{$}}
// CHANNEL-NEXT: mploop: note: a worker's channel to the parent held garbage: the loop body probably wrote to or truncated a descriptor it did not open; nothing was merged; the program {{stops|continues after the loop with memory as before it \(MPLOOP_ON_ERROR=return\)}}{{$}}
// CHANNEL-STOP-NOT: after the loop
// CHANNEL-STOP: status=1{{$}}
// RETURN: after the loop: error kind 6, done[0] = 0
// RETURN: status=0{{$}}

#include <dirent.h>
#include <mploop.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* The generated code declares the loop's state as __mploop_L_1 in a block
 * around the loop; this declaration, shadowed there, lets the rewriter
 * parse the original source. */
extern mploop_loop __mploop_L_1;

/* Worker: spoil every channel this process can reach: write garbage 1 MiB
 * past the start (the channel's length no longer matches its header) or
 * make it 1 GiB long.  Returns how many channels were spoilt. */
static int spoil_channels(int truncate)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d))) {
        char path[300], target[300], junk[64];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t len = readlink(path, target, sizeof target - 1);
        if (len <= 0)
            continue;
        target[len] = '\0';
        if (!strstr(target, "mploop-ship"))
            continue;
        int fd = atoi(e->d_name);
        memset(junk, 0x5a, sizeof junk);
        if (truncate ? ftruncate(fd, (off_t)1 << 30) == 0
                     : pwrite(fd, junk, sizeof junk, (off_t)1 << 20) == (ssize_t)sizeof junk)
            n++;
    }
    if (d)
        closedir(d);
    return n;
}

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
            if (!strcmp(what, "channel") || !strcmp(what, "truncate")) {
                if (spoil_channels(!strcmp(what, "truncate")) == 0)
                    _exit(99); /* no channel found: the test must not pass */
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
