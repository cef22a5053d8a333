/*
 * tbb.cpp - the pipeline benchmark's oneTBB variant (C++, the only C++ in
 * mploop: oneTBB has no C API): the same three stages as pipeline.c,
 * read (serial in order) -> encode (parallel) -> write (serial in order),
 * with tbb::parallel_pipeline on -w threads, at most -t tokens in flight.
 * A block and its frame live in one slot per token (block k in slot
 * k mod TOKENS, free again once block k - TOKENS is written, which the
 * read stage checks).  Usage and output: blocks.h.
 */
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include <unistd.h>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include "blocks.h"

namespace {

// A token's block between the stages.
struct item {
    uint64_t seq;
    size_t len;       // bytes of the block
    size_t flen;      // bytes of its frame
    unsigned char *block, *frame;
};

}  // namespace

int main(int argc, char **argv)
{
    bench_opts o;
    bench_parse(argc, argv, &o);
    double t0 = bench_now();
    int in = bench_open_in(o.in), out = bench_open_out(o.out, o.rdwr);
    size_t fsize = bench_frame_size(o.block), nslots = o.tokens;
    std::vector<unsigned char> mem(nslots * (o.block + fsize));
    std::vector<item> slots(nslots);
    for (size_t s = 0; s < nslots; s++) {
        slots[s].block = &mem[s * (o.block + fsize)];
        slots[s].frame = slots[s].block + o.block;
    }
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, o.workers);
    uint64_t off = 0, seq = 0, next = 0, bytes = 0;
    std::atomic<uint64_t> written{0};
    tbb::parallel_pipeline(
        nslots,
        tbb::make_filter<void, item *>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control &fc) -> item * {
                if (seq >= written.load(std::memory_order_acquire) + nslots)
                    bench_die("block %llu read while its slot is in use",
                              (unsigned long long)seq);
                item *it = &slots[seq % nslots];
                it->len = bench_read(in, off, it->block, o.block);
                if (!it->len) {
                    fc.stop();
                    return nullptr;
                }
                it->seq = seq++;
                off += it->len;
                return it;
            }) &
            tbb::make_filter<item *, item *>(tbb::filter_mode::parallel,
                                             [](item *it) {
                                                 it->flen = bench_encode(it->block, it->len,
                                                                         it->frame);
                                                 return it;
                                             }) &
            tbb::make_filter<item *, void>(tbb::filter_mode::serial_in_order, [&](item *it) {
                if (it->seq != next)
                    bench_die("block %llu written when block %llu was due",
                              (unsigned long long)it->seq, (unsigned long long)next);
                bench_write(out, it->frame, it->flen);
                bytes += it->flen;
                written.store(++next, std::memory_order_release);
            }));
    if (close(out))
        bench_die("close %s failed", o.out);
    bench_result("tbb", bench_now() - t0, off, bytes, next);
    return 0;
}
