/* Same output and status everywhere; a parallel loop writes a global array. */
#include <stdio.h>

static int squares[64];

int main(void)
{
#pragma mploop for
    for (int i = 0; i < 64; i++)
        squares[i] = i * i;
    printf("last %d\n", squares[63]);
    return 5;
}
