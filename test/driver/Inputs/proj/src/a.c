#include <stdio.h>

#include <defs.h>

#include "local.h"

int b_value(void);

int main(void)
{
    static int sq[N];
    long sum = 0;
#pragma mploop for reduction(+:sum)
    for (int i = 0; i < N; i++) {
        sq[i] = i * i;
        sum += sq[i];
    }
    printf("%s %ld %d %d\n", WHO, sum, sq[N - 1], b_value());
    return 0;
}
