/* A program without a loop, for driver/shared.test. */
#include <stdio.h>

int main(void)
{
    puts("no loop here");
    return 0;
}
