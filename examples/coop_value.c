/*
 * coop_value.c - shared values and arrays, as Python's multiprocessing
 * Value and Array:
 *
 *     total = Value('d', 0.0)           # with its own lock
 *     squares = Array('l', N, lock=False)
 *     done = Value('i', 0, lock=False)
 *     def work(i):
 *         squares[i] = i * i            # each worker its own elements
 *         with total.get_lock():
 *             total.value += 1.0 / (i + 1)
 *         done.value += 1               # (Python needs the lock here too)
 *
 * mploop_shared_alloc gives memory that every worker and the parent see at
 * once, written in place: the workers store into the array directly, and a
 * value several update goes under a lock (or, for a plain counter, an
 * atomic add).  Build: mploop-cc -O2 coop_value.c -o coop_value; run:
 * ./coop_value (MPLOOP_WORKERS=N).
 */
#include <mploop.h>
#include <stdio.h>

#define N 100000

struct totals {
    double harmonic;   /* updated under the lock */
    long done;         /* updated atomically */
};

/* Add x to the total under its lock, and count one more term done with an
 * atomic add (a plain counter needs no lock). */
static void add_term(struct totals *t, mploop_lock *lock, double x)
{
    mploop_lock_acquire(lock);
    t->harmonic += x;
    mploop_lock_release(lock);
    __atomic_add_fetch(&t->done, 1, __ATOMIC_RELAXED);
}

int main(void)
{
    long *squares = mploop_shared_alloc(N * sizeof *squares);
    struct totals *t = mploop_shared_alloc(sizeof *t);
    mploop_lock *lock = mploop_lock_create();
    if (!squares || !t || !lock) {
        perror("coop_value");
        return 1;
    }
#pragma mploop for schedule(static, 1000)
    for (int i = 0; i < N; i++) {
        squares[i] = (long)i * i;
        add_term(t, lock, 1.0 / (i + 1));
    }
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += squares[i];
    printf("sum of squares: %ld, done: %ld, harmonic sum: %.6f\n", sum, t->done, t->harmonic);
    mploop_lock_destroy(lock);
    mploop_shared_free(t);
    mploop_shared_free(squares);
    return 0;
}
