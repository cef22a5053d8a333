/*
 * blocks.c - the options, block I/O, framing and result line that every
 * variant of the pipeline benchmark shares (see blocks.h).
 */
#define _GNU_SOURCE
#include "blocks.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "coder.h"

/* The program's name, for messages. */
static const char *prog = "pipebench";

void bench_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* Print the usage and exit with status 2. */
static void usage(void)
{
    fprintf(stderr, "usage: %s [-b BLOCK_KIB] [-w WORKERS] [-t TOKENS] [-i INLINE_MAX] [-r] IN OUT\n",
            prog);
    exit(2);
}

/* The value of option `opt` as a positive number, or the usage. */
static unsigned long positive(const char *s)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || !*s || v < 1 || v > (1ul << 30))
        usage();
    return v;
}

void bench_parse(int argc, char **argv, struct bench_opts *o)
{
    const char *slash = strrchr(argv[0], '/');
    prog = slash ? slash + 1 : argv[0];
    o->block = 128 << 10;
    o->workers = 2;
    o->tokens = 0;
    o->inline_max = 16 << 10;
    o->rdwr = 0;
    int c;
    while ((c = getopt(argc, argv, "b:w:t:i:r")) != -1) {
        switch (c) {
        case 'b': o->block = positive(optarg) << 10; break;
        case 'w': o->workers = (unsigned)positive(optarg); break;
        case 't': o->tokens = positive(optarg); break;
        case 'i': o->inline_max = strcmp(optarg, "0") ? positive(optarg) : 0; break;
        case 'r': o->rdwr = 1; break;
        default: usage();
        }
    }
    if (argc - optind != 2)
        usage();
    if (!o->tokens)
        o->tokens = 4 * (size_t)o->workers;
    o->in = argv[optind];
    o->out = argv[optind + 1];
}

int bench_open_in(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        bench_die("cannot open %s: %s", path, strerror(errno));
    return fd;
}

int bench_open_out(const char *path, int rdwr)
{
    int fd = open(path, (rdwr ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        bench_die("cannot create %s: %s", path, strerror(errno));
    return fd;
}

size_t bench_read(int fd, uint64_t off, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            bench_die("read: %s", strerror(errno));
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return got;
}

size_t bench_frame_size(size_t block)
{
    return FRAME_HEADER + coder_bound(block);
}

/* Store v at p, little-endian. */
static void put32(unsigned char *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (unsigned char)(v >> 8 * k);
}

size_t bench_encode(const unsigned char *in, size_t n, unsigned char *frame)
{
    size_t enc = coder_encode(in, n, frame + FRAME_HEADER);
    put32(frame, (uint32_t)enc);
    put32(frame + 4, (uint32_t)n);
    return FRAME_HEADER + enc;
}

void bench_write(int fd, const void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = write(fd, (const char *)buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            bench_die("write: %s", strerror(errno));
        done += (size_t)r;
    }
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void bench_result(const char *variant, double seconds, uint64_t in_bytes, uint64_t out_bytes,
                  uint64_t blocks)
{
    printf("result variant=%s seconds=%.6f in_bytes=%llu out_bytes=%llu blocks=%llu\n", variant,
           seconds, (unsigned long long)in_bytes, (unsigned long long)out_bytes,
           (unsigned long long)blocks);
    fflush(stdout);
}
