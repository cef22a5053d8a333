#include <stdio.h>

int main(void)
{
    long sum = 0;
#pragma mploop for reduction(+:sum)
    for (int i = 0; i < 1000; i++)
        sum += i;
    printf("sum %ld\n", sum);
    return 0;
}
