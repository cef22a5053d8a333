/*
 * coop_semaphore.c - a semaphore limiting how many workers use a resource
 * at once, as Python's multiprocessing.Semaphore:
 *
 *     slots = Semaphore(2)             # at most 2 connections at once
 *     def fetch(i):
 *         with slots:
 *             use_connection(i)
 *
 * The "resource" here records how many users it has at a time; however many
 * workers run, it never sees more than 2.  Build: mploop-cc -O2
 * coop_semaphore.c -o coop_semaphore; run: ./coop_semaphore
 * (MPLOOP_WORKERS=N).
 */
#include <mploop.h>
#include <sched.h>
#include <stdio.h>

#define SLOTS 2

struct resource {
    int users;      /* using it now */
    int most;       /* most users at once */
    long served;
};

/* Use the resource for request i: count the users while inside. */
static void use_resource(struct resource *r, int i)
{
    int now = __atomic_add_fetch(&r->users, 1, __ATOMIC_SEQ_CST);
    int most = __atomic_load_n(&r->most, __ATOMIC_RELAXED);
    while (now > most &&
           !__atomic_compare_exchange_n(&r->most, &most, now, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED))
        ;
    sched_yield(); /* the work: give the others a chance to come in */
    __atomic_add_fetch(&r->served, 1 + 0 * i, __ATOMIC_SEQ_CST);
    __atomic_sub_fetch(&r->users, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    struct resource *r = mploop_shared_alloc(sizeof *r);
    mploop_sem *slots = mploop_sem_create(SLOTS);
    if (!r || !slots) {
        perror("coop_semaphore");
        return 1;
    }
#pragma mploop for schedule(dynamic)
    for (int i = 0; i < 1000; i++) {
        mploop_sem_wait(slots);
        use_resource(r, i);
        mploop_sem_post(slots);
    }
    printf("served %ld requests, never more than %d at once: %s\n", r->served, SLOTS,
           r->most <= SLOTS ? "yes" : "no");
    mploop_sem_destroy(slots);
    mploop_shared_free(r);
    return 0;
}
