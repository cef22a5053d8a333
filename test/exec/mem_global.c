// Writes to global memory reach the parent: initialized (data) and
// zero-initialized (bss) arrays of several element types, a 2-D array, a
// global struct with an array member, and bytes next to each other written
// by different workers (schedule(static, 1)).  Memory the loop does not
// write keeps its value.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: data: 0 3 6 {{.*}} untouched=12345
// OUT: bss: 1 2 3
// OUT: bytes: 0 1 2 3 4 5 6 7

#include <stdio.h>

#define N 5000
int data_arr[N] = { 1, 2, 3 };
int untouched = 12345;
double bss_arr[N];
char bytes[N];
short grid[50][100];
struct stats { long count; double mean; int hist[16]; } g_stats = { -1, -1.0, { 0 } };

int main(void)
{
    int n = N;

    // W: mploop: {{.*}}mem_global.c:[[@LINE+2]]: 5000 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < n; i++) {
        data_arr[i] = i * 3;
        bss_arr[i] = i + 1;
    }
    printf("data: %d %d %d %d untouched=%d\n", data_arr[0], data_arr[1], data_arr[2],
           data_arr[N - 1], untouched);
    printf("bss: %.0f %.0f %.0f %.0f\n", bss_arr[0], bss_arr[1], bss_arr[2], bss_arr[N - 1]);

    // W: mploop: {{.*}}mem_global.c:[[@LINE+2]]: 5000 iterations on [[N]] workers, schedule static,1
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < n; i++)
        bytes[i] = (char)(i % 8);
    printf("bytes: %d %d %d %d %d %d %d %d\n", bytes[0], bytes[1], bytes[2], bytes[3], bytes[4],
           bytes[5], bytes[6], bytes[7]);

    // W: mploop: {{.*}}mem_global.c:[[@LINE+2]]: 5000 iterations on [[N]] workers, schedule dynamic,13
#pragma mploop for schedule(dynamic, 13)
    for (int i = 0; i < 50 * 100; i++)
        grid[i / 100][i % 100] = (short)(i - 2500);

    /* Each iteration writes one histogram slot; count and mean once. */
    // W: mploop: {{.*}}mem_global.c:[[@LINE+2]]: 16 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int b = 0; b < 16; b++) {
        int c = 0;
        for (int k = 0; k < N; k++)
            c += (data_arr[k] & 15) == b;
        g_stats.hist[b] = c;
        if (b == 15) {
            g_stats.count = N;
            g_stats.mean = 1.5;
        }
    }

    unsigned long h = 0;
    for (int k = 0; k < N; k++)
        h = h * 31 + (unsigned)data_arr[k] + (unsigned)bss_arr[k] + (unsigned char)bytes[k];
    for (int r = 0; r < 50; r++)
        for (int c = 0; c < 100; c++)
            h = h * 31 + (unsigned short)grid[r][c];
    printf("hash=%lu\n", h);
    printf("stats: count=%ld mean=%.2f hist:", g_stats.count, g_stats.mean);
    for (int b = 0; b < 16; b++)
        printf(" %d", g_stats.hist[b]);
    printf("\n");
    return 0;
}
