// mploop_shared_alloc: memory the parent and every worker see at once.
// - a block the parent allocated before the loop: worker 1 raises a flag in
//   it, worker 0 spins until it sees the flag (only shared memory can end
//   the spin: a worker's private copy would never change);
// - a block allocated BY a worker in the body: its pointer and contents,
//   published through shared memory, are read by the other worker during
//   the loop and by the parent after it;
// - a block allocated by the parent while the persistent team is parked
//   (between two loops) is read and written by the next loop's workers
//   (test/team/shared_window.c checks that the team is resumed);
// - every block is 64-byte aligned and zeroed; free and reuse work.
// The same under every team mode, tracker and check mode (snapshot mode
// included: the shared memory is written in place, never merged, and
// never reported as a race).
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ADAPT=0 timeout 60 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TEAM=fork timeout 60 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TRACKER=pagemap timeout 60 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TRACKER=mprotect timeout 60 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 timeout 60 %t > %t.check.out 2> %t.check.err
// RUN: FileCheck %s < %t.check.out
// RUN: not grep -i "race\|warning" %t.check.err
// RUN: env MPLOOP_WORKERS=2 MPLOOP_ON_ERROR=return timeout 60 %t | FileCheck %s
//
// CHECK: aligned zeroed ok
// CHECK-NEXT: spin ok: 1
// CHECK-NEXT: worker block seen by the parent: 4242
// CHECK-NEXT: worker block seen by the other worker: 4242
// CHECK-NEXT: parked: 7 7 7 7
// CHECK-NEXT: reuse ok

#include <mploop.h>
#include <stdint.h>
#include <stdio.h>

struct box {
    volatile int flag;
    int *volatile block;
    volatile int seen;
};

int main(void)
{
    struct box *box = mploop_shared_alloc(sizeof *box);
    char *big = mploop_shared_alloc(3 << 20);
    int ok = box && big && (uintptr_t)box % 64 == 0 && (uintptr_t)big % 64 == 0;
    for (int i = 0; i < (3 << 20); i += 4096)
        ok = ok && big[i] == 0;
    printf("aligned zeroed %s\n", ok ? "ok" : "BAD");

    // Loop 1: worker 1 allocates a block, fills it, publishes it and raises
    // the flag; worker 0 waits for the flag and reads the block.
#pragma mploop for schedule(static)
    for (int i = 0; i < 2; i++) {
        if (i == 1) {
            int *b = mploop_shared_alloc(100 * sizeof *b);
            b[99] = 4242;
            box->block = b;
            __atomic_store_n(&box->flag, 1, __ATOMIC_RELEASE);
        } else {
            while (!__atomic_load_n(&box->flag, __ATOMIC_ACQUIRE))
                ;
            box->seen = box->block[99];
        }
    }
    printf("spin ok: %d\n", box->flag);
    printf("worker block seen by the parent: %d\n", box->block[99]);
    printf("worker block seen by the other worker: %d\n", box->seen);

    // Between loops (the team parked): a new block, filled by the parent.
    int *late = mploop_shared_alloc(4 * sizeof *late);
    for (int i = 0; i < 4; i++)
        late[i] = 3;
#pragma mploop for
    for (int i = 0; i < 4; i++)
        late[i] += 4;
    printf("parked: %d %d %d %d\n", late[0], late[1], late[2], late[3]);

    // Free and reuse, from a loop as well.
    mploop_shared_free(box->block);
    int *again[4];
#pragma mploop for
    for (int i = 0; i < 4; i++) {
        int *p = mploop_shared_alloc(100 * sizeof *p);
        p[0] = i + 1;
        mploop_shared_free(p);
    }
    for (int i = 0; i < 4; i++) {
        again[i] = mploop_shared_alloc(100 * sizeof(int));
        if (again[i][0] != 0)
            ok = 0;
    }
    mploop_shared_free(big);
    mploop_shared_free(late);
    printf("reuse %s\n", ok ? "ok" : "BAD");
    return 0;
}
