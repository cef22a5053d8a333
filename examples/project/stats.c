/* stats.c - the sample generator and the binning of the example. */
#include <example/config.h>

#include "stats.h"

double sample(size_t i)
{
    /* splitmix64: a fixed, well-mixed sequence. */
    unsigned long long z = (unsigned long long)i * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

unsigned bin_of(double v)
{
    unsigned b = (unsigned)(v * BINS);
    return b < BINS ? b : BINS - 1;
}
