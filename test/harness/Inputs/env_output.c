/* Prints whether MPLOOP_WORKERS is set: differs between the sequential run
 * and the runs exec-check makes with workers. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *w = getenv("MPLOOP_WORKERS");
    printf("workers %s\n", w ? w : "unset");
    return 0;
}
