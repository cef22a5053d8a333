// Two workers writing different values to one byte is a race: the loop
// fails with a report naming it, the address and the variable, and nothing
// is merged.
// Writes of the same value by several workers merge silently.
//
// RUN: %mploop-cc -O2 %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t same | FileCheck %s --check-prefix=SAME
// RUN: env MPLOOP_WORKERS=2 not %t race 2>&1 | FileCheck %s --check-prefix=RACE
// SAME: found=1 count=0
// RACE: mploop: error: {{.*}}race.c:[[@LINE+15]]: data race: {{.*}} address 0x{{[0-9a-f]+}}, global 'last_seen' (byte {{[0-3]}} of 4)
// RACE-NOT: after the loop
// RUN: env MPLOOP_WORKERS=2 not %t local 2>&1 | FileCheck %s --check-prefix=LOCAL
// LOCAL-NOT: hist

#include <stdio.h>
#include <string.h>

int found[1];
int last_seen[1];

int main(int argc, char **argv)
{
    int race = argc > 1 && strcmp(argv[1], "race") == 0;
#pragma mploop for
    for (int i = 0; i < 100; i++) {
        if (i % 10 == 3)
            found[0] = 1;           /* same value from every worker */
        if (race)
            last_seen[0] = i;       /* different values: a race */
    }
    printf("found=%d count=%d\n", found[0], last_seen[0]);
    printf("after the loop\n");
    if (argc > 1 && strcmp(argv[1], "local") == 0) {
        int hist[10] = { 0 };
        // LOCAL: mploop: error: {{.*}}race.c:[[@LINE+2]]: data race: {{.*}} address 0x{{[0-9a-f]+}}, local 'hist' of the enclosing function at 0x{{[0-9a-f]+}} (byte {{[0-9]+}} of 40)
#pragma mploop for
        for (int i = 0; i < 100; i++)
            hist[i % 3] = i;        /* different values: a race */
        printf("hist %d\n", hist[0]);
    }
    return 0;
}
