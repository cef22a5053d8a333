// Under MPLOOP_CHECK=1 a byte that two workers both changed is reported
// even when they wrote the same value: a warning naming the variable and
// the loop, after which the loop goes on (its writes are merged and the
// program continues).  A counter incremented in a called function loses
// the updates of all workers but one that way (each writes the same final
// count); a flag every iteration sets is the harmless case.  Workers
// writing disjoint bytes, even neighbouring bytes of one word, get no
// warning, nor does anything without MPLOOP_CHECK=1.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 %t lost > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=LOST < %t.err
// RUN: FileCheck %s --check-prefix=LOSTOUT < %t.out
// LOSTOUT: counter 500
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 %t flag 2>&1 | FileCheck %s --check-prefix=FLAG
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=1 %t disjoint 2>&1 | FileCheck %s --check-prefix=DISJOINT --implicit-check-not=mploop:
// RUN: env MPLOOP_WORKERS=3 MPLOOP_CHECK=1 %t disjoint 2>&1 | FileCheck %s --check-prefix=DISJOINT --implicit-check-not=mploop:
// DISJOINT: bytes 4096 sum 4096
// RUN: env MPLOOP_WORKERS=2 MPLOOP_CHECK=0 %t lost 2>&1 | FileCheck %s --check-prefix=LOSTOUT --implicit-check-not=mploop:

#include <stdio.h>
#include <string.h>

long counter;
int found[1];
unsigned char bytes[4096];

static void count_one(void)
{
    counter++;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "lost") == 0) {
        // LOST: mploop: warning: {{.*}}same_value.c:[[@LINE+4]]: workers wrote the same value to the same memory: 2 bytes, first at 0x{{[0-9a-f]+}}, global 'counter' (byte 0 of 8){{$}}
        // LOST-NEXT: mploop: note: it was merged once, as if one iteration had written it: {{.*}} use a reduction clause; {{.*}}
        // LOST-NOT: mploop:
#pragma mploop for schedule(static)
        for (int i = 0; i < 1000; i++)
            count_one();
        printf("counter %ld\n", counter);
    } else if (strcmp(mode, "flag") == 0) {
        // FLAG: mploop: warning: {{.*}}same_value.c:[[@LINE+2]]: workers wrote the same value to the same memory: 1 byte, first at 0x{{[0-9a-f]+}}, global 'found' (byte 0 of 4){{$}}
#pragma mploop for schedule(static)
        for (int i = 0; i < 1000; i++)
            if (i % 100 == 7)
                found[0] = 1;
        // FLAG: found 1
        printf("found %d\n", found[0]);
    } else if (strcmp(mode, "disjoint") == 0) {
        /* Round-robin single iterations: neighbouring bytes of every word
         * come from different workers. */
#pragma mploop for schedule(static, 1)
        for (int i = 0; i < 4096; i++)
            bytes[i] = 1;
        long sum = 0;
        for (int i = 0; i < 4096; i++)
            sum += bytes[i];
        printf("bytes %d sum %ld\n", (int)sizeof bytes, sum);
    }
    return 0;
}
