// Workers writing different bytes of one page, even adjacent bytes of one
// word, all reach the parent: fields of one struct written by different
// iterations, 8-bit and 16-bit arrays written interleaved (schedule(static,
// 1) gives neighbouring elements to different workers), and bits of a word
// left unchanged by one worker while another changes them.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.4
// W: mploop: {{.*}}false_sharing.c:{{[0-9]+}}: 256 iterations on 4 workers, schedule static,1
// W: mploop: {{.*}}false_sharing.c:{{[0-9]+}}: 20000 iterations on 4 workers, schedule static,1
// W: mploop: {{.*}}false_sharing.c:{{[0-9]+}}: 20000 iterations on 4 workers, schedule static,1

#include <stdio.h>
#include <stdint.h>

struct fields { char a; char b; short c; int d; };
struct fields recs[64];
uint8_t bytes[20000];
uint16_t halves[20000];

int main(void)
{
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 256; i++) {
        struct fields *r = &recs[i / 4];
        switch (i % 4) {
        case 0: r->a = (char)i; break;
        case 1: r->b = (char)-i; break;
        case 2: r->c = (short)(i * 100); break;
        default: r->d = i * 100000; break;
        }
    }
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 20000; i++)
        bytes[i] = (uint8_t)(i * 7 + 1);
#pragma mploop for schedule(static, 1)
    for (int i = 0; i < 20000; i++)
        halves[i] = (uint16_t)(i * 13 + 1);
    unsigned long h = 0;
    for (int i = 0; i < 64; i++)
        h = h * 31 + (unsigned char)recs[i].a + (unsigned char)recs[i].b * 3u +
            (unsigned short)recs[i].c * 7u + (unsigned)recs[i].d * 11u;
    unsigned long hb = 0, hh = 0;
    for (int i = 0; i < 20000; i++) {
        hb = hb * 31 + bytes[i];
        hh = hh * 31 + halves[i];
    }
    printf("recs=%lu bytes=%lu halves=%lu\n", h, hb, hh);
    printf("recs[5]: %d %d %d %d\n", recs[5].a, recs[5].b, recs[5].c, recs[5].d);
    return 0;
}
