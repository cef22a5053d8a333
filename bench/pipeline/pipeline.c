/*
 * pipeline.c - the pipeline benchmark's mploop pipeline variant (built by
 * mploop-cc): three stages, read (serial in order) -> encode (parallel) ->
 * write (serial in order), run by mploop_pipeline_run on -w workers with at
 * most -t items in flight.  Usage and output: blocks.h.
 *
 * A block small enough (-i, default 16 KiB) travels inside the items, by
 * value.  A larger one lives in mploop_shared_alloc memory: one slot per
 * token (the block and its frame), the item carrying the slot's number.
 * Block k takes slot k mod TOKENS: when the read stage starts block k, at
 * most TOKENS items are in flight and the write stage takes them in order,
 * so block k - TOKENS has been written and its slot is free.  The write
 * stage publishes how many blocks it has written, and the read stage checks
 * it before it reuses a slot (a broken bound fails the pipeline instead of
 * corrupting a block).  Memory stays TOKENS slots whatever the input size.
 */
#include <mploop.h>
#include <stdlib.h>
#include <unistd.h>

#include "blocks.h"

/* What goes from one stage to the next. */
struct item {
    uint64_t seq;         /* the block's number */
    uint32_t len;         /* bytes of the block (read -> encode), of its frame (encode -> write) */
    uint32_t slot;        /* its slot, when the data is not in the item */
    unsigned char data[]; /* the data, when it travels by value */
};

/* The pipeline's state, the stages' ctx.  Each serial stage writes only
 * its own fields (it always runs in the same worker); they are merged back
 * into the parent when the pipeline ends. */
struct pipe {
    int in_fd, out_fd;
    size_t block, frame, nslots;
    int by_value;
    unsigned char *slots;   /* shared: nslots x (block + frame) */
    uint64_t *written;      /* shared: blocks written so far */
    uint64_t rd_off, rd_seq;    /* the read stage's */
    uint64_t wr_next, wr_bytes; /* the write stage's */
};

/* The block buffer and the frame buffer of slot s. */
static unsigned char *slot_block(const struct pipe *p, size_t s)
{
    return p->slots + s * (p->block + p->frame);
}

static unsigned char *slot_frame(const struct pipe *p, size_t s)
{
    return slot_block(p, s) + p->block;
}

/* Stage 1, serial in order: the next block into the item (or its slot). */
static int read_stage(const void *in, void *out, void *ctx)
{
    (void)in;
    struct pipe *p = ctx;
    struct item *it = out;
    uint64_t seq = p->rd_seq;
    size_t slot = seq % p->nslots;
    unsigned char *dst = it->data;
    if (!p->by_value) {
        uint64_t written = __atomic_load_n(p->written, __ATOMIC_ACQUIRE);
        if (seq >= written + p->nslots)
            mploop_fail("block %llu read while block %llu, which holds its slot, is not written: "
                        "more than %zu items in flight",
                        (unsigned long long)seq, (unsigned long long)(seq - p->nslots), p->nslots);
        dst = slot_block(p, slot);
    }
    size_t n = bench_read(p->in_fd, p->rd_off, dst, p->block);
    if (!n)
        return MPLOOP_STOP;
    it->seq = seq;
    it->len = (uint32_t)n;
    it->slot = (uint32_t)slot;
    p->rd_off += n;
    p->rd_seq++;
    return 0;
}

/* Stage 2, parallel: the block's frame. */
static int encode_stage(const void *in, void *out, void *ctx)
{
    const struct pipe *p = ctx;
    const struct item *a = in;
    struct item *b = out;
    const unsigned char *src = p->by_value ? a->data : slot_block(p, a->slot);
    unsigned char *dst = p->by_value ? b->data : slot_frame(p, a->slot);
    b->len = (uint32_t)bench_encode(src, a->len, dst);
    b->seq = a->seq;
    b->slot = a->slot;
    return 0;
}

/* Stage 3, serial in order: write the frame, checking the order. */
static int write_stage(const void *in, void *out, void *ctx)
{
    (void)out;
    struct pipe *p = ctx;
    const struct item *a = in;
    if (a->seq != p->wr_next)
        mploop_fail("block %llu came to the write stage when block %llu was due",
                    (unsigned long long)a->seq, (unsigned long long)p->wr_next);
    bench_write(p->out_fd, p->by_value ? a->data : slot_frame(p, a->slot), a->len);
    p->wr_bytes += a->len;
    p->wr_next++;
    if (!p->by_value)
        __atomic_store_n(p->written, p->wr_next, __ATOMIC_RELEASE);
    return 0;
}

int main(int argc, char **argv)
{
    struct bench_opts o;
    bench_parse(argc, argv, &o);
    double t0 = bench_now();
    struct pipe p = {
        .in_fd = bench_open_in(o.in),
        .out_fd = bench_open_out(o.out, o.rdwr),
        .block = o.block,
        .frame = bench_frame_size(o.block),
        .nslots = o.tokens,
        .by_value = o.block <= o.inline_max,
    };
    size_t in_item = sizeof(struct item), out_item = sizeof(struct item);
    if (p.by_value) {
        in_item += p.block;
        out_item += p.frame;
    } else {
        p.written = mploop_shared_alloc(64 + p.nslots * (p.block + p.frame));
        if (!p.written)
            bench_die("out of shared memory");
        p.slots = (unsigned char *)p.written + 64;
    }
    mploop_pipeline *pl = mploop_pipeline_create(o.tokens);
    if (!pl || mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, read_stage, &p, in_item) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL, encode_stage, &p, out_item) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, write_stage, &p, 0))
        bench_die("cannot set the pipeline up");
    if (mploop_pipeline_run(pl, o.workers))
        bench_die("the pipeline failed");
    mploop_pipeline_destroy(pl);
    if (close(p.out_fd))
        bench_die("close %s failed", o.out);
    bench_result("pipeline", bench_now() - t0, p.rd_off, p.wr_bytes, p.wr_next);
    mploop_shared_free(p.written);
    return 0;
}
