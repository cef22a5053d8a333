// `reduction(op: p[:len])`, OpenMP's section with the lower bound left
// out (from 0), as published OpenMP programs write it: the letters of a
// text counted into an array parameter, and a byte histogram of a heap
// buffer into a local array named with the section.  The same output as
// the sequential build with 1 to 4 workers.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: letters 191200: a 29875 b 17925 z 5975
// OUT-NEXT: bytes 200000: [0] 829 [255] 769
// W: mploop: {{.*}}reduction_section_from0.c:{{[0-9]+}}: 244975 iterations on [[N]] workers
// W: mploop: {{.*}}reduction_section_from0.c:{{[0-9]+}}: 200000 iterations on [[N]] workers

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALPHA 26

/* Count the letters of text into hist; returns how many there were. */
static int letters(const char *text, int hist[ALPHA])
{
    int n = 0;
    size_t len = strlen(text);
    for (int j = 0; j < ALPHA; j++)
        hist[j] = 0;
#pragma mploop for reduction(+: hist[:ALPHA]) reduction(+: n)
    for (size_t i = 0; i < len; i++)
        if (isalpha((unsigned char)text[i])) {
            n++;
            hist[tolower((unsigned char)text[i]) - 'a']++;
        }
    return n;
}

int main(void)
{
    static const char verse[] = "Abcde fghij klmno pqrst uvwxy aaaa bb z, ";
    size_t vl = strlen(verse), reps = 245000 / vl;
    char *text = malloc(reps * vl + 1);
    for (size_t r = 0; r < reps; r++)
        memcpy(text + r * vl, verse, vl);
    text[reps * vl] = '\0';
    int hist[ALPHA];
    int n = letters(text, hist);
    printf("letters %d: a %d b %d z %d\n", n, hist[0], hist[1], hist[25]);

    long len = 200000;
    unsigned char *buf = malloc(len);
    unsigned long long x = 88172645463325252ull;
    for (long i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (unsigned char)x;
    }
    long bytes[256] = { 0 };
    long total = 0;
#pragma mploop for reduction(+: bytes[:256], total)
    for (long i = 0; i < len; i++) {
        bytes[buf[i]]++;
        total++;
    }
    printf("bytes %ld: [0] %ld [255] %ld\n", total, bytes[0], bytes[255]);
    free(buf);
    free(text);
    return 0;
}
