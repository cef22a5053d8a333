// An array of structs written field by field, with neighbouring fields of
// one struct written by different iterations (and, with schedule(static, 1),
// by different workers): a global array and a local one.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4

#include <stdio.h>
#include <string.h>

struct rec {
    char tag;
    short s;
    int i;
    double d;
    long long ll;
    char name[7];
    unsigned char flag;
};

static struct rec g_recs[100];

static unsigned long hash_recs(const struct rec *r, int n)
{
    unsigned long h = 0;
    for (int k = 0; k < n; k++) {
        h = h * 31 + (unsigned char)r[k].tag;
        h = h * 31 + (unsigned short)r[k].s;
        h = h * 31 + (unsigned)r[k].i;
        h = h * 31 + (unsigned long)(r[k].d * 4);
        h = h * 31 + (unsigned long long)r[k].ll;
        for (int c = 0; c < 7; c++)
            h = h * 31 + (unsigned char)r[k].name[c];
        h = h * 31 + r[k].flag;
    }
    return h;
}

int main(void)
{
    struct rec l_recs[50];
    memset(l_recs, 0, sizeof l_recs);

    /* Seven iterations per struct, one field each. */
    // W: mploop: {{.*}}mem_struct_array.c:[[@LINE+2]]: 700 iterations on [[N]] workers, schedule static,1
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 700; i++) {
        struct rec *r = &g_recs[i / 7];
        switch (i % 7) {
        case 0: r->tag = (char)('A' + i / 7 % 26); break;
        case 1: r->s = (short)(i * 3); break;
        case 2: r->i = i * 1000; break;
        case 3: r->d = i / 4.0; break;
        case 4: r->ll = (long long)i << 35; break;
        case 5: snprintf(r->name, sizeof r->name, "n%d", i / 7); break;
        default: r->flag = (unsigned char)(i & 0xff); break;
        }
    }

    /* Whole structs, and single bytes of a name, in a dynamic schedule. */
    // W: mploop: {{.*}}mem_struct_array.c:[[@LINE+2]]: 350 iterations on [[N]] workers, schedule dynamic,3
#pragma mploop for schedule(dynamic, 3)
    for (int i = 0; i < 350; i++) {
        struct rec *r = &l_recs[i / 7];
        int c = i % 7;
        r->name[c] = (char)('a' + (i + c) % 26);
        if (c == 6) {
            r->tag = 'x';
            r->s = (short)-i;
            r->i = i;
            r->d = -i / 2.0;
            r->ll = -(long long)i;
            r->flag = 1;
        }
    }
    printf("global: %c %d %d %.2f %lld %s %d\n", g_recs[99].tag, g_recs[99].s, g_recs[99].i,
           g_recs[99].d, g_recs[99].ll, g_recs[99].name, g_recs[99].flag);
    printf("local: %.7s %d\n", l_recs[49].name, l_recs[49].s);
    printf("hash: %lu %lu\n", hash_recs(g_recs, 100), hash_recs(l_recs, 50));
    return 0;
}
