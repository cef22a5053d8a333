// Ten million iterations with a cheap body: a reduction over all of them,
// one byte written per iteration into a 10 MB heap block, and the same
// under a dynamic schedule with chunks of 10000.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: sum=49999995000000 odd=5000000
// OUT: dynamic: sum=15000000

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    long n = 10000000;
    long long sum = 0;
    long odd = 0;
    unsigned char *buf = malloc((size_t)n);
    if (!buf)
        return 1;

    // W: mploop: {{.*}}trip_large.c:[[@LINE+2]]: 10000000 iterations on [[N]] workers, schedule auto
#pragma mploop for reduction(+: sum, odd)
    for (long i = 0; i < n; i++) {
        sum += i;
        odd += i & 1;
        buf[i] = (unsigned char)(i * 7 + (i >> 12));
    }
    printf("sum=%lld odd=%ld\n", sum, odd);

    sum = 0;
    // W: mploop: {{.*}}trip_large.c:[[@LINE+2]]: 10000000 iterations on [[N]] workers, schedule dynamic,10000
#pragma mploop for schedule(dynamic, 10000) reduction(+: sum)
    for (long i = n - 1; i >= 0; i--) {
        buf[i] ^= 0x55;
        sum += buf[i] & 0x3;
    }
    printf("dynamic: sum=%lld\n", sum);

    unsigned long h = 0;
    for (long k = 0; k < n; k++)
        h = h * 31 + buf[k];
    printf("buf hash=%lu\n", h);
    free(buf);
    return 0;
}
