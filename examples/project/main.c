/*
 * main.c - example program of a CMake project built with mploop_rewrite().
 *
 * Draws SAMPLES values, squares each into a heap array, bins it, and sums
 * the values and their squares with reductions, all in one parallel loop;
 * then prints a histogram.  The output is the same with any number of workers.
 */
#include <stdio.h>
#include <stdlib.h>

#include <example/config.h>

#include "stats.h"

int main(void)
{
    size_t n = SAMPLES;
    double *squares = malloc(n * sizeof *squares);
    unsigned *bins = malloc(n * sizeof *bins);
    double sum = 0, sum_sq = 0;
    if (!squares || !bins)
        return 1;

#pragma mploop for reduction(+:sum, sum_sq) schedule(static)
    for (size_t i = 0; i < n; i++) {
        double v = sample(i);
        squares[i] = SQUARE(v);
        bins[i] = bin_of(squares[i]);
        sum += v;
        sum_sq += squares[i];
    }

    long hist[BINS] = {0};
    for (size_t i = 0; i < n; i++)
        hist[bins[i]]++;
    printf("histogram of the squares of %zu samples in %d bins\n", n, BINS);
    for (int b = 0; b < BINS; b++)
        printf("bin %2d: %ld\n", b, hist[b]);
    printf("mean %.6f, mean of squares %.6f\n", sum / n, sum_sq / n);
    free(squares);
    free(bins);
    return 0;
}
