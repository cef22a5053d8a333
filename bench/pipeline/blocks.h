/*
 * blocks.h - what every variant of the pipeline benchmark shares: its
 * options, reading the input in blocks, framing and writing a block's
 * output, the clock and the result line.
 *
 * Every variant does the same work: read IN in blocks of BLOCK bytes, encode
 * each block (coder.h), write to OUT, in input order, one frame per block:
 * a 4-byte little-endian encoded size, a 4-byte original size, the encoded
 * bytes.  All variants write the same file.  Usage of every variant:
 *
 *     VARIANT [-b BLOCK_KIB] [-w WORKERS] [-t TOKENS] [-i INLINE_MAX] [-r] IN OUT
 *
 * and each prints one line on standard output:
 *
 *     result variant=NAME seconds=S in_bytes=N out_bytes=M blocks=K
 *
 * where S is the wall time from opening the files to the last write.
 */
#ifndef PIPEBENCH_BLOCKS_H
#define PIPEBENCH_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of a frame's header. */
#define FRAME_HEADER 8

struct bench_opts {
    const char *in, *out;
    size_t block;       /* -b, KiB on the command line (default 128) */
    unsigned workers;   /* -w (default 2) */
    size_t tokens;      /* -t: items in flight, or blocks per batch (default 4 per worker) */
    size_t inline_max;  /* -i: largest block carried inside a pipeline item (default 16 KiB) */
    int rdwr;           /* -r: open OUT read-write (mploop then leaves the workers' writes to it
                         * alone instead of capturing and replaying them in order) */
};

/* Parse the command line into *o; prints the usage and exits with status 2
 * on a bad one. */
void bench_parse(int argc, char **argv, struct bench_opts *o);

/* Open the input for reading and the output for writing (created,
 * truncated; read-write when rdwr); exit with a message on failure. */
int bench_open_in(const char *path);
int bench_open_out(const char *path, int rdwr);

/* Read up to n bytes at offset off of fd into buf; returns the bytes read
 * (fewer than n only at the end of the file).  Exits on an error. */
size_t bench_read(int fd, uint64_t off, void *buf, size_t n);

/* Bytes of a block's frame buffer: header and coder_bound(block). */
size_t bench_frame_size(size_t block);

/* Encode in[0..n-1] into frame (bench_frame_size bytes): header and
 * encoded bytes; returns the frame's size. */
size_t bench_encode(const unsigned char *in, size_t n, unsigned char *frame);

/* Write the n bytes of buf to fd; exits on an error. */
void bench_write(int fd, const void *buf, size_t n);

/* Seconds on the monotonic clock. */
double bench_now(void);

/* Print the result line. */
void bench_result(const char *variant, double seconds, uint64_t in_bytes, uint64_t out_bytes,
                  uint64_t blocks);

/* Print "VARIANT: message" on standard error and exit with status 1. */
void bench_die(const char *fmt, ...) __attribute__((__noreturn__, __format__(__printf__, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif
