/*
 * verify.c - check an output of the pipeline benchmark against its input:
 * every frame decodes (coder_decode) to the input's next block.
 *
 *     verify IN OUT
 *
 * exits with 0 and prints the frame count when OUT decodes to IN, else
 * names the first frame that does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coder.h"

/* The whole of file path, its size in *n; exits on failure. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) || (long)(*n = (size_t)ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET)) {
        perror(path);
        exit(1);
    }
    unsigned char *b = malloc(*n + 1);
    if (!b || fread(b, 1, *n, f) != *n) {
        perror(path);
        exit(1);
    }
    fclose(f);
    return b;
}

/* The little-endian 32-bit value at p. */
static size_t get32(const unsigned char *p)
{
    return p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: verify IN OUT\n");
        return 2;
    }
    size_t nin, nout, ip = 0, op = 0, frames = 0;
    unsigned char *in = slurp(argv[1], &nin), *out = slurp(argv[2], &nout);
    unsigned char *buf = NULL;
    size_t cap = 0;
    while (op < nout) {
        if (nout - op < 8)
            goto bad;
        size_t enc = get32(out + op), orig = get32(out + op + 4);
        op += 8;
        if (nout - op < enc || nin - ip < orig)
            goto bad;
        if (orig > cap && !(buf = realloc(buf, cap = orig)))
            return 1;
        if (coder_decode(out + op, enc, buf, orig) != (long)orig || memcmp(buf, in + ip, orig))
            goto bad;
        op += enc;
        ip += orig;
        frames++;
    }
    if (ip != nin)
        goto bad;
    printf("verify: %zu frames decode to %s (%zu bytes)\n", frames, argv[1], nin);
    return 0;
bad:
    fprintf(stderr, "verify: frame %zu of %s does not decode to %s at offset %zu\n", frames,
            argv[2], argv[1], ip);
    return 1;
}
