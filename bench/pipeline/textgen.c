/*
 * textgen.c - the input of the pipeline benchmark: deterministic,
 * semi-compressible text.
 *
 *     textgen MIB OUT
 *
 * writes MIB MiB to OUT: lines of words drawn with a skewed distribution
 * from a made-up vocabulary, with numbers, and every few hundred KiB a
 * stretch of random characters that barely compresses, so that the cost
 * and the encoded size of a block vary along the file.  The same MIB gives
 * the same bytes on every machine.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB 1024

/* xorshift64*: the generator's only source of randomness. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

/* A number in [0, n). */
static unsigned below(unsigned n)
{
    return (unsigned)((rng() >> 32) * n >> 32);
}

int main(int argc, char **argv)
{
    if (argc != 3 || atol(argv[1]) < 1) {
        fprintf(stderr, "usage: textgen MIB OUT\n");
        return 2;
    }
    size_t size = (size_t)atol(argv[1]) << 20;
    FILE *f = fopen(argv[2], "wb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    static char words[VOCAB][12];
    for (int w = 0; w < VOCAB; w++) {
        unsigned len = 2 + below(9);
        for (unsigned k = 0; k < len; k++)
            words[w][k] = (char)('a' + below(26));
        words[w][len] = 0;
    }
    static const char noise_chars[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t done = 0, col = 0, next_noise = 256 << 10;
    while (done < size) {
        if (done >= next_noise) {
            /* A stretch of 4 to 64 KiB of random characters, in lines. */
            size_t n = (4 + below(61)) << 10;
            for (size_t k = 0; k < n && done < size; k++, done++)
                fputc(k % 77 == 76 ? '\n' : noise_chars[below(64)], f);
            next_noise = done + ((128 + below(512)) << 10);
            col = 0;
            continue;
        }
        /* Squaring a uniform number favours the first words (about Zipf). */
        uint64_t u = below(65536);
        const char *w = words[u * u * VOCAB >> 32];
        char buf[32];
        int n = below(16) == 0 ? snprintf(buf, sizeof buf, "%u", below(100000))
                               : snprintf(buf, sizeof buf, "%s", w);
        if (col + (size_t)n + 1 > 72) {
            buf[n++] = '\n';
            col = 0;
        } else {
            buf[n++] = below(12) == 0 ? ',' : ' ';
            col += (size_t)n;
        }
        if ((size_t)n > size - done)
            n = (int)(size - done);
        fwrite(buf, 1, (size_t)n, f);
        done += (size_t)n;
    }
    if (fclose(f)) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
