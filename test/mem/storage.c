// Every kind of storage the loop body can write is merged: globals, static
// locals, the enclosing function's scalars, arrays and VLAs (by variable), a
// caller's array written through a pointer (callers' frames whole), and a
// caller's local reached through a pointer stored in the heap.  A value that
// lives across the loop in the enclosing frame keeps it.
//
// RUN: %exec-check %s %t.O2
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.O2.log.3
// RUN: %exec-check %s %t.O0 -O0
// W: mploop: {{.*}}storage.c:{{[0-9]+}}: 100 iterations on 3 workers

#include <stdio.h>
#include <string.h>

int g_arr[100];
long g_scalar_slots[100];
static double g_static[100];

static unsigned long mix(unsigned long h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t k = 0; k < n; k++)
        h = h * 131 + b[k];
    return h;
}

static __attribute__((noinline)) long opaque(long x) { return x * 3 + 1; }

static __attribute__((noinline)) void fill(int n, int *callers, long **indirect)
{
    static short s_local[100];
    int loc[100];
    char vla[n * 3];
    struct { int a; char b[5]; } rec[100];
    memset(loc, 0, sizeof loc);
    memset(vla, '.', sizeof vla);
    memset(rec, 0, sizeof rec);
    long live = opaque(n);          /* used after the loop */
#pragma mploop for
    for (int i = 0; i < n; i++) {
        g_arr[i] = i * i;
        g_scalar_slots[i] = (long)i << 33;
        g_static[i] = i / 4.0;
        s_local[i] = (short)-i;
        loc[i] = i + 1000;
        vla[i * 3 + 1] = (char)('A' + i % 26);
        rec[i].a = i;
        memcpy(rec[i].b, "abcd", 5);
        callers[i] = i * 7;
        *indirect[i] = i * 11;
    }
    printf("live=%ld\n", live);
    printf("g_arr=%lu g_slots=%lu g_static=%lu s_local=%lu\n", mix(0, g_arr, sizeof g_arr),
           mix(0, g_scalar_slots, sizeof g_scalar_slots), mix(0, g_static, sizeof g_static),
           mix(0, s_local, sizeof s_local));
    printf("loc=%lu vla=%lu rec=%lu\n", mix(0, loc, sizeof loc), mix(0, vla, sizeof vla),
           mix(0, rec, sizeof rec));
}

static __attribute__((noinline)) void caller(void)
{
    int callers[100] = { 0 };
    long targets[100] = { 0 };
    long *indirect[100];
    for (int i = 0; i < 100; i++)
        indirect[i] = &targets[i];
    fill(100, callers, indirect);
    printf("callers=%lu targets=%lu\n", mix(0, callers, sizeof callers),
           mix(0, targets, sizeof targets));
}

int main(void)
{
    caller();
    return 0;
}
