#include <stdio.h>
#include <stdlib.h>

#include <scale.h>

#include "util.h"

int main(void)
{
    int n = 1000;
    long *v = malloc(n * sizeof *v);
    long total = 0;
#pragma mploop for reduction(+:total)
    for (int i = 0; i < n; i++) {
        v[i] = MUL(weight(i));
        total += v[i];
    }
    printf("total %ld, last %ld\n", total, v[n - 1]);
    printf("sum of squares %ld\n", sum_squares(v, n));
    free(v);
    return 0;
}
