// One slow item, overtaken by thousands: the first item whose parallel
// stage runs in a worker that runs neither the first nor the serial stage
// (once those are known) takes half a second there, while the others run through the
// other token and the serial stage prints a line for each.  The output
// still comes out in the sequential order, and the run ends: the first
// stage makes no item too far past the oldest one in the pipeline, so the
// rings that keep the overtakers' output in order never fill (a full ring
// would block the serial stage's worker, which the slow item needs next).
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=4 timeout 60 %t > %t.4
// RUN: awk -f %S/Inputs/in-order.awk %t.4 | FileCheck %s
// RUN: env MPLOOP_WORKERS=3 timeout 60 %t | cat > %t.3
// RUN: awk -f %S/Inputs/in-order.awk %t.3 | FileCheck %s
// RUN: env MPLOOP_WORKERS=1 timeout 60 %t > %t.1
// RUN: awk -f %S/Inputs/in-order.awk %t.1 | FileCheck %s --check-prefix=HERE
//
// CHECK: 12000 lines in order
// CHECK-NEXT: rc 0: made 12000, passed 12000, slow item overtaken: yes
// HERE: 12000 lines in order
// HERE-NEXT: rc 0: made 12000, passed 12000, slow item overtaken: no

#include <mploop.h>
#include <stdio.h>
#include <unistd.h>

#define N 12000

struct watch {
    int maker;      /* the first stage's worker + 1 */
    int owner;      /* the serial stage's worker + 1 */
    int slow;       /* an item was made slow */
    long overtaken; /* items the serial stage ran while it was slow */
};

static struct watch *w; /* shared memory */
static long made, passed;

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (made == N)
        return MPLOOP_STOP;
    *(long *)out = made++;
    __atomic_store_n(&w->maker, mploop_worker_num() + 1, __ATOMIC_RELEASE);
    return 0;
}

static int parallel(const void *in, void *out, void *ctx)
{
    (void)ctx;
    *(long *)out = *(const long *)in;
    int owner = __atomic_load_n(&w->owner, __ATOMIC_ACQUIRE), zero = 0;
    int maker = __atomic_load_n(&w->maker, __ATOMIC_ACQUIRE), me = mploop_worker_num() + 1;
    if (owner && me != owner && me != maker &&
        __atomic_compare_exchange_n(&w->slow, &zero, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
        usleep(500000);
        __atomic_store_n(&w->slow, 2, __ATOMIC_RELEASE);
    }
    return 0;
}

static int serial(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    __atomic_store_n(&w->owner, mploop_worker_num() + 1, __ATOMIC_RELEASE);
    if (__atomic_load_n(&w->slow, __ATOMIC_ACQUIRE) == 1)
        w->overtaken++;
    printf("serial %ld\n", *(const long *)in);
    passed++;
    return 0;
}

int main(void)
{
    w = mploop_shared_alloc(sizeof *w);
    mploop_pipeline *pl = mploop_pipeline_create(2);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, parallel, NULL, sizeof(long));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL, serial, NULL, 0);
    int rc = mploop_pipeline_run(pl, 0);
    printf("rc %d: made %ld, passed %ld, slow item overtaken: %s\n", rc, made, passed,
           w->overtaken > 100 ? "yes" : "no");
    mploop_pipeline_destroy(pl);
    return 0;
}
