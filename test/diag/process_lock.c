// A POSIX lock or semaphore that is a variable of the process (a global, a
// local, an element of an array of them) is copied into every worker:
// locking it in the body locks nothing across workers.  A warning
// (-Wmploop-lock, on by default) points to '#pragma mploop critical' and
// mploop's locks; one reached through a pointer (it may be in shared
// memory) or a shared() variable is not warned about.  The file is still
// rewritten.
//
// RUN: %mploop %s -o %t.c 2>&1 | FileCheck --implicit-check-not=warning: %s
// RUN: %mploop -Wno-mploop-lock %s -o %t.c 2>&1 | count 0

#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_spinlock_t spins[4];
sem_t slots;
long total;

void f(const int *a, int n, pthread_mutex_t *given)
{
    pthread_mutex_t local = PTHREAD_MUTEX_INITIALIZER;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&mutex);
// CHECK: process_lock.c:[[@LINE-1]]:9: warning: 'pthread_mutex_lock' on 'mutex' locks nothing across workers: each worker process has its own copy of 'mutex'; use '#pragma mploop critical' or an mploop_lock [-Wmploop-lock]
// CHECK: process_lock.c:[[@LINE-3]]:5: note: in the loop over 'i' annotated with '#pragma mploop for'
        pthread_mutex_unlock(&mutex);
        pthread_spin_lock(&spins[i & 3]);
// CHECK: process_lock.c:[[@LINE-1]]:9: warning: 'pthread_spin_lock' on 'spins' locks nothing across workers
        pthread_spin_unlock(&spins[i & 3]);
        sem_wait(&slots);
// CHECK: process_lock.c:[[@LINE-1]]:9: warning: 'sem_wait' on 'slots' locks nothing across workers
        sem_post(&slots);
// CHECK: process_lock.c:[[@LINE-1]]:9: warning: 'sem_post' on 'slots' locks nothing across workers
        pthread_mutex_trylock(&local);
// CHECK: process_lock.c:[[@LINE-1]]:9: warning: 'pthread_mutex_trylock' on 'local' locks nothing across workers
        pthread_mutex_lock(given);
        pthread_mutex_unlock(given);
    }
    pthread_mutex_t mine = PTHREAD_MUTEX_INITIALIZER;
#pragma mploop for shared(mine)
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&mine);
        pthread_mutex_unlock(&mine);
    }
}
