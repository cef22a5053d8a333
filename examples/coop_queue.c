/*
 * coop_queue.c - a work queue and a result queue, as Python's
 * multiprocessing.Queue:
 *
 *     tasks, results = Queue(), Queue()
 *     for n in numbers: tasks.put(n)
 *     for _ in range(workers): tasks.put(None)      # end of stream
 *     def worker():
 *         for n in iter(tasks.get, None):
 *             results.put((n, is_prime(n)))
 *     ...
 *     for _ in numbers: n, prime = results.get()
 *
 * The parent fills the task queue and closes it (mploop's end of stream:
 * pop returns MPLOOP_QUEUE_CLOSED once it is drained); each worker takes
 * tasks until then and puts its results in the result queue, which the
 * parent drains after the loop.  Items are copied by value.  Build:
 * mploop-cc -O2 coop_queue.c -o coop_queue; run: ./coop_queue
 * (MPLOOP_WORKERS=N).
 */
#include <mploop.h>
#include <stdio.h>

#define TASKS 5000
#define FIRST 1000000

struct result {
    long n;
    int prime;
};

static int is_prime(long n)
{
    if (n < 2)
        return 0;
    for (long d = 2; d * d <= n; d++)
        if (n % d == 0)
            return 0;
    return 1;
}

int main(void)
{
    mploop_queue *tasks = mploop_queue_create(TASKS, sizeof(long));
    mploop_queue *results = mploop_queue_create(TASKS, sizeof(struct result));
    if (!tasks || !results) {
        perror("coop_queue");
        return 1;
    }
    for (long n = FIRST; n < FIRST + TASKS; n++)
        mploop_queue_push(tasks, &n);
    mploop_queue_close(tasks);
    /* One iteration per worker: each one serves tasks until none is left. */
#pragma mploop for schedule(static, 1)
    for (int w = 0; w < 4; w++) {
        long n;
        while (mploop_queue_pop(tasks, &n) == 0) {
            struct result r = { n, is_prime(n) };
            mploop_queue_push(results, &r);
        }
    }
    struct result r;
    long got = 0, primes = 0;
    while (mploop_queue_try_pop(results, &r) == 0) {
        got++;
        primes += r.prime;
    }
    printf("%ld results, %ld primes in [%d, %d)\n", got, primes, FIRST, FIRST + TASKS);
    mploop_queue_destroy(results);
    mploop_queue_destroy(tasks);
    return 0;
}
