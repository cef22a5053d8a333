/*
 * loop.c - the pipeline benchmark's loop variant (built by mploop-cc): the
 * usual mploop program without pipelines.  Read a batch of -t blocks
 * (default 4 per worker) serially, encode them with one `#pragma mploop
 * for` over the batch, write their frames serially, until the end of the
 * input.  The reads and writes do not overlap the encoding.  Usage and
 * output: blocks.h.
 */
#include <stdlib.h>
#include <unistd.h>

#include "blocks.h"

int main(int argc, char **argv)
{
    struct bench_opts o;
    bench_parse(argc, argv, &o);
    double t0 = bench_now();
    int in = bench_open_in(o.in), out = bench_open_out(o.out, o.rdwr);
    size_t batch = o.tokens, fsize = bench_frame_size(o.block);
    unsigned char *blocks = malloc(batch * o.block), *frames = malloc(batch * fsize);
    size_t *len = malloc(batch * sizeof *len), *flen = malloc(batch * sizeof *flen);
    if (!blocks || !frames || !len || !flen)
        bench_die("out of memory");
    uint64_t off = 0, written = 0, nblocks = 0;
    unsigned workers = o.workers;
    for (;;) {
        size_t nb = 0;
        while (nb < batch && (len[nb] = bench_read(in, off, blocks + nb * o.block, o.block)) > 0)
            off += len[nb++];
        if (!nb)
            break;
#pragma mploop for schedule(dynamic) num_workers(workers)
        for (size_t i = 0; i < nb; i++)
            flen[i] = bench_encode(blocks + i * o.block, len[i], frames + i * fsize);
        for (size_t i = 0; i < nb; i++) {
            bench_write(out, frames + i * fsize, flen[i]);
            written += flen[i];
        }
        nblocks += nb;
    }
    if (close(out))
        bench_die("close %s failed", o.out);
    bench_result("loop", bench_now() - t0, off, written, nblocks);
    return 0;
}
