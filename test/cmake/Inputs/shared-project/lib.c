/* A library with a loop whose body allocates blocks that outlive it. */
#include <stdio.h>
#include <stdlib.h>

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

/* Fill names[0..n) with "<prefix>-<index>" in blocks allocated by the loop. */
void CAT(PREFIX, fill)(char **names, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        names[i] = malloc(24);
        snprintf(names[i], 24, "%s-%d", STR(PREFIX), i);
    }
}
