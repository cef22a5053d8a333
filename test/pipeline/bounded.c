// At most max_tokens items are in flight, whatever the input: 50000 items
// of 16 KiB each (800 MB through the pipeline) with 8 tokens: the items
// between the first stage and the last never number more than 8, and no
// process of the pipeline grows by more than a few MB (the items live in
// the tokens, in shared memory, and the stages' output is given back as
// it is replayed).  Every item arrives, in order, intact.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=3 %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TEAM=fork %t | FileCheck %s
// RUN: env MPLOOP_WORKERS=1 %t | FileCheck %s
//
// CHECK: items 50000, in order and intact: yes
// CHECK-NEXT: most in flight <= 8: yes
// CHECK-NEXT: growth under 32 MB: yes

#include <mploop.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 50000
#define PAYLOAD 16384

struct item {
    long n;
    unsigned char data[PAYLOAD];
};

struct watch {
    long inflight, most;  /* items past the first stage and not yet out */
    long grew_kb;         /* the most any process grew, VmHWM */
};

static struct watch *w; /* shared memory */
static long made, arrived, bad;
static long base_kb;     /* VmHWM when the pipeline started */

/* This process's peak resident size in kB. */
static long hwm_kb(void)
{
    char line[256];
    long kb = 0;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static void note_growth(void)
{
    long grew = hwm_kb() - base_kb, old = __atomic_load_n(&w->grew_kb, __ATOMIC_RELAXED);
    while (grew > old && !__atomic_compare_exchange_n(&w->grew_kb, &old, grew, 0,
                                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        ;
}

static int make(const void *in, void *out, void *ctx)
{
    (void)in;
    (void)ctx;
    if (made == N)
        return MPLOOP_STOP;
    struct item *it = out;
    it->n = made++;
    memset(it->data, (int)(it->n & 0xff), sizeof it->data);
    long now = __atomic_add_fetch(&w->inflight, 1, __ATOMIC_SEQ_CST), old = w->most;
    while (now > old && !__atomic_compare_exchange_n(&w->most, &old, now, 0, __ATOMIC_SEQ_CST,
                                                     __ATOMIC_SEQ_CST))
        ;
    if (it->n % 1000 == 0)
        note_growth();
    return 0;
}

static int flip(const void *in, void *out, void *ctx)
{
    (void)ctx;
    const struct item *a = in;
    struct item *b = out;
    b->n = a->n;
    for (size_t i = 0; i < PAYLOAD; i++)
        b->data[i] = (unsigned char)~a->data[i];
    if (a->n % 1000 == 0)
        note_growth();
    return 0;
}

static int check(const void *in, void *out, void *ctx)
{
    (void)out;
    (void)ctx;
    const struct item *a = in;
    unsigned char want = (unsigned char)~(a->n & 0xff);
    if (a->n != arrived || a->data[0] != want || a->data[PAYLOAD - 1] != want)
        bad++;
    arrived++;
    __atomic_sub_fetch(&w->inflight, 1, __ATOMIC_SEQ_CST);
    if (a->n % 1000 == 0) {
        note_growth();
        printf("item %ld\n", a->n); /* some output to replay */
    }
    return 0;
}

int main(void)
{
    w = mploop_shared_alloc(sizeof *w);
    mploop_pipeline *pl = mploop_pipeline_create(8);
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, make, NULL, sizeof(struct item));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, flip, NULL, sizeof(struct item));
    mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, check, NULL, 0);
    base_kb = hwm_kb();
    int rc = mploop_pipeline_run(pl, 0);
    note_growth();
    printf("items %ld, in order and intact: %s\n", arrived, rc == 0 && !bad ? "yes" : "NO");
    printf("most in flight <= 8: %s (%ld)\n", w->most <= 8 ? "yes" : "NO", w->most);
    printf("growth under 32 MB: %s (%ld kB)\n", w->grew_kb < 32768 ? "yes" : "NO", w->grew_kb);
    mploop_pipeline_destroy(pl);
    return 0;
}
