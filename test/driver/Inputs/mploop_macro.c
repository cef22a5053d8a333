/* Code that builds with plain cc and with mploop-cc: the pragma and the
 * report of the interface level are seen only when _MPLOOP is defined, by
 * the rewriter's parse as much as by the compile. */
#include <stdio.h>

int main(void)
{
    long v[8];
#ifdef _MPLOOP
#pragma mploop for
#endif
    for (int i = 0; i < 8; i++)
        v[i] = i * 2;
#ifdef _MPLOOP
    printf("_MPLOOP=%ld %ld\n", (long)_MPLOOP, v[7]);
#else
    printf("no _MPLOOP %ld\n", v[7]);
#endif
    return 0;
}
