/* Links liba, loads libb (the module at LIBB) with dlopen, runs a loop of
 * its own and each library's, and counts blocks that are wrong or share an
 * address with the block before them. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 10000

void liba_fill(char **names, int n);

/* Print how many of names[0..n) differ from "<prefix>-<index>" or repeat
 * an address, then free them. */
static void check(const char *prefix, char **names, int n)
{
    int wrong = 0;
    char expect[24];
    for (int i = 0; i < n; i++) {
        snprintf(expect, sizeof expect, "%s-%d", prefix, i);
        wrong += strcmp(expect, names[i]) != 0 || (i > 0 && names[i] == names[i - 1]);
    }
    printf("%s: %d wrong\n", prefix, wrong);
    for (int i = 0; i < n; i++)
        free(names[i]);
}

int main(void)
{
    static char *names[N];
#pragma mploop for
    for (int i = 0; i < N; i++) {
        names[i] = malloc(24);
        snprintf(names[i], 24, "app-%d", i);
    }
    check("app", names, N);
    liba_fill(names, N);
    check("liba", names, N);
    void *b = dlopen(LIBB, RTLD_NOW);
    void (*fill_b)(char **, int) = b ? (void (*)(char **, int))dlsym(b, "libb_fill") : NULL;
    if (!fill_b) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    fill_b(names, N);
    check("libb", names, N);
    return 0;
}
