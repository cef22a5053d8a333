#include <defs.h>

#include "local.h"

int b_value(void)
{
    int t = 0;
#pragma mploop for reduction(+:t)
    for (int i = 0; i < N; i++)
        t += B_VALUE;
    return t;
}
