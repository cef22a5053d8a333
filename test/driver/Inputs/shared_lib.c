/* A library with a loop, for driver/shared.test. */
#include <stdlib.h>

long shared_sum(int n)
{
    long s = 0;
#pragma mploop for reduction(+: s)
    for (int i = 0; i < n; i++)
        s += i;
    return s;
}
