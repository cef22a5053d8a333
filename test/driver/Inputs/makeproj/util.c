#include "util.h"

long weight(int i)
{
    return i % 7 + 1;
}

long sum_squares(const long *v, int n)
{
    long s = 0;
#pragma mploop for reduction(+:s) schedule(dynamic, 16)
    for (int i = 0; i < n; i++)
        s += v[i] * v[i];
    return s;
}
