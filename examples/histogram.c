/*
 * histogram.c - the letters, the word lengths and the longest word of a
 * text, counted by workers.
 *
 * Python counts a large text in parallel by giving each process of a Pool
 * its share of the lines, letting each fill a collections.Counter of its
 * own, and adding the Counters up at the end.  The reduction clause does
 * the same for an array: each worker counts into a private copy of
 * `letters` and `lengths` that starts at zero, and mploop adds the copies
 * into the arrays after the loop.  The longest word is a reduction too,
 * declared for a struct (its length and where it starts), as OpenMP's
 * `declare reduction` does.
 *
 *   mploop-cc -O2 histogram.c -o histogram && ./histogram [file]
 *   cc -O2 histogram.c -o histogram   (the same results, sequentially)
 *
 * Without a file it counts a text it writes itself (16 MB).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXLEN 32

/* The longest word seen: its length and its offset (the first one of that
 * length, as a sequential scan finds it). */
struct word {
    long len, at;
};

#pragma mploop declare reduction(longest : struct word : \
    omp_out = omp_in.len > omp_out.len || \
              (omp_in.len == omp_out.len && omp_in.at < omp_out.at) ? omp_in : omp_out) \
    initializer(omp_priv = { 0, -1 })

/* A deterministic text of n bytes: words of pseudo-random letters. */
static char *make_text(long n)
{
    char *t = malloc((size_t)n + 1);
    unsigned long long x = 2463534242ull;
    if (!t)
        return NULL;
    for (long i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t[i] = x % 6 == 0 ? ' ' : (char)('a' + (x >> 8) % 26 % ((x >> 20) % 26 + 1));
    }
    t[n] = 0;
    return t;
}

/* The whole file at path (its size in *n), or NULL. */
static char *read_file(const char *path, long *n)
{
    FILE *f = fopen(path, "rb");
    char *t = NULL;
    if (f && fseek(f, 0, SEEK_END) == 0 && (*n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (t = malloc((size_t)*n + 1)) && fread(t, 1, (size_t)*n, f) != (size_t)*n) {
        free(t);
        t = NULL;
    }
    if (f)
        fclose(f);
    return t;
}

int main(int argc, char **argv)
{
    long n = 16 << 20;
    char *text = argc > 1 ? read_file(argv[1], &n) : make_text(n);
    if (!text) {
        perror(argc > 1 ? argv[1] : "malloc");
        return 1;
    }
    long letters[26] = { 0 }, lengths[MAXLEN + 1] = { 0 };
    struct word longest = { 0, -1 };

    /* Each position that starts a word measures it: the words are split
     * among the workers however the chunks fall. */
#pragma mploop for reduction(+: letters, lengths) reduction(longest: longest)
    for (long i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (!isalpha(c))
            continue;
        letters[tolower(c) - 'a']++;
        if (i > 0 && isalpha((unsigned char)text[i - 1]))
            continue;
        long len = 1;
        while (i + len < n && isalpha((unsigned char)text[i + len]))
            len++;
        lengths[len < MAXLEN ? len : MAXLEN]++;
        if (len > longest.len || (len == longest.len && i < longest.at)) {
            longest.len = len;
            longest.at = i;
        }
    }

    long total = 0;
    for (int k = 0; k < 26; k++)
        total += letters[k];
    printf("%ld letters\n", total);
    for (int k = 0; k < 26; k++)
        if (letters[k])
            printf("  %c %10ld %5.2f%%\n", 'a' + k, letters[k], 100.0 * letters[k] / total);
    printf("word lengths:\n");
    for (int k = 1; k <= MAXLEN; k++)
        if (lengths[k])
            printf("  %2d%s %10ld\n", k, k == MAXLEN ? "+" : " ", lengths[k]);
    if (longest.len)
        printf("longest word: %ld letters at byte %ld: %.*s\n", longest.len, longest.at,
               (int)(longest.len < 60 ? longest.len : 60), text + longest.at);
    free(text);
    return 0;
}
