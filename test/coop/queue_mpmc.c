// Queues, multi-producer multi-consumer across the parent and 8 workers:
// - the parent fills a work queue and closes it; the workers pop until
//   MPLOOP_QUEUE_CLOSED and push each result to a result queue, which the
//   parent drains after the loop: every item is seen exactly once;
// - inside one loop, four producers and four consumers meet through a
//   queue of capacity 4, so that both block again and again: every item
//   is consumed exactly once;
// - try_push on a full queue is EAGAIN, try_pop on an empty one EAGAIN,
//   push after close EPIPE, pop drains then returns MPLOOP_QUEUE_CLOSED;
//   items are copied by value (structs of any size).
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=8 timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TEAM=fork timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_TRACKER=pagemap timeout 120 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=8 MPLOOP_CHECK=1 timeout 120 %t 2> %t.err | FileCheck %s
// RUN: not grep . %t.err
//
// CHECK: work queue: 1000 results, each once: yes
// CHECK-NEXT: producers and consumers: 2000 items, each once: yes
// CHECK-NEXT: try_push full: EAGAIN, try_pop empty: EAGAIN
// CHECK-NEXT: after close: push EPIPE, pop 0 (item 5 abc), then CLOSED

#include <errno.h>
#include <mploop.h>
#include <stdio.h>
#include <string.h>

#define WORK 1000
#define PER 500

struct item {
    int id;
    char text[20];
    double value;
};

int main(void)
{
    mploop_queue *work = mploop_queue_create(WORK, sizeof(int));
    mploop_queue *results = mploop_queue_create(WORK, sizeof(struct item));
    for (int i = 0; i < WORK; i++)
        mploop_queue_push(work, &i);
    mploop_queue_close(work);
#pragma mploop for schedule(static, 1)
    for (int w = 0; w < 8; w++) {
        int job;
        while (mploop_queue_pop(work, &job) == 0) {
            struct item it = { job, "", job * 0.5 };
            snprintf(it.text, sizeof it.text, "job %d", job);
            mploop_queue_push(results, &it);
        }
    }
    static unsigned char seen[WORK];
    int n = 0, ok = 1;
    struct item it;
    while (mploop_queue_try_pop(results, &it) == 0) {
        char want[20];
        snprintf(want, sizeof want, "job %d", it.id);
        if (it.id < 0 || it.id >= WORK || strcmp(it.text, want) || it.value != it.id * 0.5)
            ok = 0;
        else
            seen[it.id]++;
        n++;
    }
    for (int i = 0; i < WORK; i++)
        ok = ok && seen[i] == 1;
    printf("work queue: %d results, each once: %s\n", n, ok ? "yes" : "no");

    // Four producers, four consumers, a queue of 4.
    mploop_queue *pipe = mploop_queue_create(4, sizeof(int));
    unsigned char *got = mploop_shared_alloc(4 * PER);
#pragma mploop for schedule(static, 1)
    for (int w = 0; w < 8; w++) {
        if (w < 4) {
            for (int k = 0; k < PER; k++) {
                int v = w * PER + k;
                mploop_queue_push(pipe, &v);
            }
        } else {
            for (int k = 0; k < PER; k++) {
                int v;
                mploop_queue_pop(pipe, &v);
                __atomic_add_fetch(&got[v], 1, __ATOMIC_RELAXED);
            }
        }
    }
    ok = 1;
    for (int i = 0; i < 4 * PER; i++)
        ok = ok && got[i] == 1;
    printf("producers and consumers: %d items, each once: %s\n", 4 * PER, ok ? "yes" : "no");

    mploop_queue *small = mploop_queue_create(1, sizeof(struct item));
    struct item a = { 5, "abc", 1.0 }, b;
    mploop_queue_push(small, &a);
    int full = mploop_queue_try_push(small, &a);
    mploop_queue *none = mploop_queue_create(1, sizeof(int));
    int empty = mploop_queue_try_pop(none, &n);
    printf("try_push full: %s, try_pop empty: %s\n", full == EAGAIN ? "EAGAIN" : "other",
           empty == EAGAIN ? "EAGAIN" : "other");
    mploop_queue_close(small);
    int pushed = mploop_queue_push(small, &a);
    int popped = mploop_queue_pop(small, &b);
    int last = mploop_queue_pop(small, &b);
    printf("after close: push %s, pop %d (item %d %s), then %s\n",
           pushed == EPIPE ? "EPIPE" : "other", popped, b.id, b.text,
           last == MPLOOP_QUEUE_CLOSED ? "CLOSED" : "other");
    mploop_queue_destroy(small);
    mploop_queue_destroy(none);
    mploop_queue_destroy(pipe);
    mploop_queue_destroy(results);
    mploop_queue_destroy(work);
    return 0;
}
