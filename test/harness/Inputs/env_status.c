/* Same output everywhere, but exits 3 when MPLOOP_WORKERS is set. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    puts("same output");
    return getenv("MPLOOP_WORKERS") ? 3 : 0;
}
