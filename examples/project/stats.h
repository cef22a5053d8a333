/* stats.h - the sample generator and the binning of the example. */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/* A deterministic pseudo-random value in [0, 1) for index i. */
double sample(size_t i);

/* The bin (0 .. BINS-1) of a value in [0, 1). */
unsigned bin_of(double v);

#endif
