/*
 * gzip_pipeline.c - compress standard input to standard output in gzip
 * format, block by block with a pipeline, and decompress what it wrote (-d).
 *
 * A streaming compressor runs one deflate() loop: read a chunk, deflate
 * it, write what came out, each chunk compressed with the ones before it
 * as dictionary.  Here the input is cut into blocks and each block is
 * compressed on its own into a complete gzip member; members written one
 * after another are a valid gzip file (`gunzip -c` gives back the input),
 * and the blocks can be compressed at the same time.  Three stages:
 *
 *   read     (serial, in order) the next block of standard input;
 *   compress (parallel)         the block into a gzip member;
 *   write    (serial, in order) the member to standard output.
 *
 * Each member's header carries its size in an extra field ("PZ", 2 bytes),
 * so that -d can cut the file into members without inflating it and
 * inflate them at the same time: read a member, inflate it (checking its
 * CRC-32 and length), write the block.  A damaged file fails the pipeline
 * with the number of the bad member.  Each block is compressed without the
 * blocks before it as dictionary, so the output is a few percent larger
 * than one stream's.  At most TOKENS blocks are in flight, so memory does
 * not grow with the input.
 *
 * Build: mploop-cc -O2 gzip_pipeline.c -o gzip_pipeline -lz; run:
 * ./gzip_pipeline < in > in.gz, ./gzip_pipeline -d < in.gz > in
 * (MPLOOP_WORKERS=N chooses the number of workers).
 */
#include <mploop.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define BLOCK 65280        /* input bytes per block: a member fits in 64 KiB */
#define MEMBER 65536       /* room for a member */
#define HEAD 18            /* gzip header with the "PZ" extra field */
#define TAIL 8             /* CRC-32 and length */
#define TOKENS 8

/* A block of data: input, a member, or a member's contents. */
struct block {
    long seq;              /* its number in the file, from 0 */
    size_t len;
    unsigned char data[MEMBER];
};

static long blocks_read; /* the reader's count */

/* Read up to n bytes of standard input into p; how many were read. */
static size_t read_in(unsigned char *p, size_t n)
{
    size_t got = fread(p, 1, n, stdin);
    if (ferror(stdin))
        mploop_fail("error reading standard input");
    return got;
}

/* read (compressing): the next block; MPLOOP_STOP at the end of the input.
 * An empty input still gives one (empty) block: the output is a gzip file. */
static int read_block(const void *in, void *out, void *ctx)
{
    (void)in, (void)ctx;
    struct block *b = out;
    b->len = read_in(b->data, BLOCK);
    if (b->len == 0 && blocks_read > 0)
        return MPLOOP_STOP;
    b->seq = blocks_read++;
    return 0;
}

/* Store v in p, least significant byte first, in n bytes. */
static void put_le(unsigned char *p, unsigned long v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> 8 * i);
}

/* The n-byte little-endian number at p. */
static unsigned long get_le(const unsigned char *p, int n)
{
    unsigned long v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* compress: the block as one gzip member: header with its size, raw
 * deflate data, CRC-32 and length. */
static int compress_block(const void *in, void *out, void *ctx)
{
    const struct block *b = in;
    struct block *z = out;
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit2(&s, *(const int *)ctx, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        mploop_fail("deflateInit2 failed");
    s.next_in = (unsigned char *)b->data;
    s.avail_in = (uInt)b->len;
    s.next_out = z->data + HEAD;
    s.avail_out = MEMBER - HEAD - TAIL;
    int ret = deflate(&s, Z_FINISH);
    z->len = HEAD + s.total_out + TAIL;
    deflateEnd(&s);
    if (ret != Z_STREAM_END)
        mploop_fail("deflate returned %d", ret);
    static const unsigned char head[12] = { 31, 139, 8, 4, 0, 0, 0, 0, 0, 255, 6, 0 };
    memcpy(z->data, head, sizeof head);
    memcpy(z->data + 12, "PZ\2\0", 4);
    put_le(z->data + 16, z->len - 1, 2);
    put_le(z->data + z->len - 8, crc32(0, b->data, (uInt)b->len), 4);
    put_le(z->data + z->len - 4, b->len, 4);
    return 0;
}

/* read (-d): the next member, cut by the size in its header. */
static int read_member(const void *in, void *out, void *ctx)
{
    (void)in, (void)ctx;
    struct block *z = out;
    z->len = read_in(z->data, HEAD);
    if (z->len == 0)
        return MPLOOP_STOP;
    if (z->len < HEAD || z->data[0] != 31 || z->data[1] != 139 || z->data[3] != 4 ||
        memcmp(z->data + 10, "\6\0PZ\2\0", 6) != 0)
        mploop_fail("member %ld: not a member written by gzip_pipeline", blocks_read);
    z->len = get_le(z->data + 16, 2) + 1;
    if (z->len < HEAD + TAIL || read_in(z->data + HEAD, z->len - HEAD) != z->len - HEAD)
        mploop_fail("member %ld: truncated", blocks_read);
    z->seq = blocks_read++;
    return 0;
}

/* inflate: a member's contents, checked against its CRC-32 and length. */
static int inflate_member(const void *in, void *out, void *ctx)
{
    (void)ctx;
    const struct block *z = in;
    struct block *b = out;
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, -15) != Z_OK)
        mploop_fail("inflateInit2 failed");
    s.next_in = (unsigned char *)z->data + HEAD;
    s.avail_in = (uInt)(z->len - HEAD - TAIL);
    s.next_out = b->data;
    s.avail_out = BLOCK;
    int ret = inflate(&s, Z_FINISH);
    b->len = s.total_out;
    inflateEnd(&s);
    if (ret != Z_STREAM_END || crc32(0, b->data, (uInt)b->len) != get_le(z->data + z->len - 8, 4) ||
        b->len != get_le(z->data + z->len - 4, 4))
        mploop_fail("member %ld: damaged", z->seq);
    return 0;
}

/* write: the block to standard output. */
static int write_block(const void *in, void *out, void *ctx)
{
    (void)out, (void)ctx;
    const struct block *b = in;
    if (fwrite(b->data, 1, b->len, stdout) != b->len)
        mploop_fail("error writing standard output");
    return 0;
}

int main(int argc, char **argv)
{
    int level = Z_DEFAULT_COMPRESSION, decompress = argc == 2 && !strcmp(argv[1], "-d");
    if (argc == 2 && argv[1][0] == '-' && argv[1][1] >= '1' && argv[1][1] <= '9' && !argv[1][2])
        level = argv[1][1] - '0';
    else if (argc != 1 && !decompress) {
        fputs("usage: gzip_pipeline [-1..-9 | -d] < source > dest\n", stderr);
        return 1;
    }
    mploop_pipeline *pl = mploop_pipeline_create(TOKENS);
    if (!pl ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER,
                              decompress ? read_member : read_block, NULL, sizeof(struct block)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_PARALLEL,
                              decompress ? inflate_member : compress_block, &level,
                              sizeof(struct block)) ||
        mploop_pipeline_stage(pl, MPLOOP_STAGE_SERIAL_IN_ORDER, write_block, NULL, 0)) {
        fputs("gzip_pipeline: cannot make the pipeline\n", stderr);
        return 1;
    }
    if (mploop_pipeline_run(pl, 0) != 0)
        return 1;
    mploop_pipeline_destroy(pl);
    if (fflush(stdout) != 0) {
        perror("gzip_pipeline: standard output");
        return 1;
    }
    return 0;
}
