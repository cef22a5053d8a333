/*
 * seq.c - the pipeline benchmark's sequential variant (cc, no mploop):
 * read a block, encode it, write its frame, until the end of the input.
 * Usage and output: blocks.h.
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
    unsigned char *buf = malloc(o.block), *frame = malloc(bench_frame_size(o.block));
    if (!buf || !frame)
        bench_die("out of memory");
    uint64_t off = 0, written = 0, blocks = 0;
    for (size_t n; (n = bench_read(in, off, buf, o.block)) > 0; off += n, blocks++) {
        size_t f = bench_encode(buf, n, frame);
        bench_write(out, frame, f);
        written += f;
    }
    if (close(out))
        bench_die("close %s failed", o.out);
    bench_result("seq", bench_now() - t0, off, written, blocks);
    return 0;
}
