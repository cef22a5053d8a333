// What a racing address belongs to, as the memory module describes it for
// reports (mploop__mem_describe): globals and statics by their name in the
// executable's symbol table (static locals too), locals of the enclosing
// function of the last loop, heap blocks of glibc (main heap and mmapped)
// and of worker arenas with their start and size, callers' frames.
//
// RUN: %mploop-cc -O2 -w %s -o %t
// RUN: env MPLOOP_WORKERS=2 %t | FileCheck %s
// CHECK: counter: global 'counter' (byte 0 of 4)
// CHECK: hits: static 'hits' (byte 24 of 80)
// CHECK: s_local: static 's_local'{{.*}} (byte 2 of 16)
// CHECK: small [[SMALL:0x[0-9a-f]+]]: heap block [[SMALL]] ({{[0-9]+}} bytes), byte 10
// CHECK: big [[BIG:0x[0-9a-f]+]]: heap block [[BIG]] ({{[0-9]+}} bytes), byte 12345
// CHECK: born [[BORN:0x[0-9a-f]+]]: heap block [[BORN]] ({{[0-9]+}} bytes, allocated in a loop body), byte 5
// CHECK: local [[LOCAL:0x[0-9a-f]+]]: local 'local' of the enclosing function at [[LOCAL]] (byte 12 of 400)
// CHECK: caller: the stack frame of a calling function

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int mploop__mem_describe(uintptr_t addr, char *buf, size_t n);

int counter;
static long hits[10];
char *born_block[1];

static __attribute__((noinline)) char *static_local(void)
{
    static short s_local[8];
    s_local[1] = 3;
    return (char *)s_local;
}

static void show(const char *what, const void *p, const void *shown)
{
    char buf[256];
    int n = mploop__mem_describe((uintptr_t)p, buf, sizeof buf);
    if (shown)
        printf("%s %p: %s\n", what, shown, n > 0 ? buf : "(unknown)");
    else
        printf("%s: %s\n", what, n > 0 ? buf : "(unknown)");
}

static __attribute__((noinline)) void run(int *from_caller)
{
    int local[100] = { 0 };
#pragma mploop for
    for (int i = 0; i < 100; i++) {
        local[i] = i;
        from_caller[i] = i;
        if (i == 7)
            born_block[0] = malloc(40);
    }
    char *small = malloc(64), *big = malloc(1 << 20);
    show("counter", &counter, NULL);
    show("hits", &hits[3], NULL);
    show("s_local", static_local() + 2, NULL);
    show("small", small + 10, small);
    show("big", big + 12345, big);
    show("born", born_block[0] + 5, born_block[0]);
    show("local", &local[3], local);
    show("caller", from_caller + 1, NULL);
    hits[0] = counter + local[5];
    free(small);
    free(big);
}

int main(void)
{
    int mine[100];
    run(mine);
    return hits[0] == 5 ? 0 : 1;
}
