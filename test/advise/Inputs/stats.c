/* stats: per-row statistics and whole-grid reductions (sum, max, count) of
 * the kind a data-analysis script computes; values are multiples of 1/8 so
 * that every sum is exact in any order. */
#include <stdio.h>

#define R 300
#define C 200

static double grid[R][C], rowmean[R];

int main(void)
{
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++)
            grid[i][j] = (double)((i * 31 + j * 17) % 97) / 8;

    double total = 0.0, peak = 0.0;
    long above = 0;
    double t;
    for (int i = 0; i < R; i++) {
        double s = 0.0;
        for (int j = 0; j < C; j++) {
            t = grid[i][j];
            s += t;
            peak = t > peak ? t : peak;
            if (t > 6.0)
                above++;
        }
        rowmean[i] = s / C;
        total += s;
    }

    for (int i = 0; i < R; i += 10)
        printf("row %d mean %.6f\n", i, rowmean[i]);
    printf("total %.3f peak %.3f above %ld\n", total, peak, above);
    return 0;
}
