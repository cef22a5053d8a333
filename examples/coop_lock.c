/*
 * coop_lock.c - a lock around a shared counter, as Python's
 * multiprocessing.Lock:
 *
 *     lock = Lock()
 *     count = Value('l', 0, lock=False)
 *     order = Array('i', N, lock=False)
 *     def work(i):
 *         with lock:
 *             order[count.value] = i      # append index i
 *             count.value += 1
 *
 * The workers append their iteration indices to one shared list; the lock
 * makes "read the length, store, grow" one step.  Build: mploop-cc -O2
 * coop_lock.c -o coop_lock; run: ./coop_lock (MPLOOP_WORKERS=N).
 */
#include <mploop.h>
#include <stdio.h>

#define N 10000

struct list {
    long count;
    int order[N];
};

/* Append index i to the list: read its length, store, grow, as one step
 * under the lock. */
static void append(struct list *list, mploop_lock *lock, int i)
{
    mploop_lock_acquire(lock);
    list->order[list->count] = i;
    list->count++;
    mploop_lock_release(lock);
}

int main(void)
{
    struct list *list = mploop_shared_alloc(sizeof *list);
    mploop_lock *lock = mploop_lock_create();
    if (!list || !lock) {
        perror("coop_lock");
        return 1;
    }
#pragma mploop for
    for (int i = 0; i < N; i++)
        append(list, lock, i);
    /* Every index once, in the order the workers took the lock. */
    static unsigned char seen[N];
    int once = 1;
    for (long k = 0; k < list->count; k++)
        seen[list->order[k]]++;
    for (int i = 0; i < N; i++)
        once = once && seen[i] == 1;
    printf("appended %ld indices, each once: %s\n", list->count, once ? "yes" : "no");
    mploop_lock_destroy(lock);
    mploop_shared_free(list);
    return 0;
}
