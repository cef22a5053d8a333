/* A program that selects glibc's GNU interfaces with a feature-test macro at
 * the top of the file, as many programs do; the macro must still be in
 * effect for the headers after the rewrite. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    static char words[64][16];
#pragma mploop for
    for (int i = 0; i < 64; i++)
        snprintf(words[i], sizeof words[i], "w%d", i);
    printf("%d %s %s\n", CPU_COUNT(&set), words[63], strchrnul(words[5], 'x') - 2);
    return 0;
}
