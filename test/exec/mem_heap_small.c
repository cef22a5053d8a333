// Writes to small heap blocks reach the parent: a 100-byte block, many
// blocks reached through an array of pointers, the nodes of a linked list
// built before the loop, and a calloc'ed block.  The blocks are still valid
// (and freeable) afterwards.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=2 --implicit-check-not=mploop: < %t.log.2
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=W -DN=4 --implicit-check-not=mploop: < %t.log.4
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: block: 0 1 2 99

#include <stdio.h>
#include <stdlib.h>

struct node { int key; long value; struct node *next; };

int main(void)
{
    unsigned char *block = malloc(100);
    int nrows = 64;
    int **rows = malloc(nrows * sizeof *rows);
    struct node *nodes[200];
    struct node *head = NULL;
    int *zeroed = calloc(777, sizeof *zeroed);
    if (!block || !rows || !zeroed)
        return 1;
    for (int r = 0; r < nrows; r++) {
        rows[r] = malloc((r + 1) * sizeof **rows);
        for (int c = 0; c <= r; c++)
            rows[r][c] = -1;
    }
    for (int k = 199; k >= 0; k--) {
        struct node *nd = malloc(sizeof *nd);
        nd->key = k;
        nd->value = 0;
        nd->next = head;
        head = nd;
        nodes[k] = nd;
    }

    // W: mploop: {{.*}}mem_heap_small.c:[[@LINE+2]]: 100 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int i = 0; i < 100; i++)
        block[i] = (unsigned char)i;
    printf("block: %d %d %d %d\n", block[0], block[1], block[2], block[99]);

    // W: mploop: {{.*}}mem_heap_small.c:[[@LINE+2]]: 64 iterations on [[N]] workers, schedule dynamic
#pragma mploop for schedule(dynamic)
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c <= r; c++)
            rows[r][c] = r * 100 + c;

    // W: mploop: {{.*}}mem_heap_small.c:[[@LINE+2]]: 200 iterations on [[N]] workers, schedule auto
#pragma mploop for
    for (int k = 0; k < 200; k++)
        nodes[k]->value = (long)nodes[k]->key * nodes[k]->key;

    // W: mploop: {{.*}}mem_heap_small.c:[[@LINE+2]]: 777 iterations on [[N]] workers, schedule static,50
#pragma mploop for schedule(static, 50)
    for (int i = 0; i < 777; i++)
        if (i % 3)
            zeroed[i] = i;

    unsigned long h = 0;
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c <= r; c++)
            h = h * 31 + (unsigned)rows[r][c];
    long vs = 0;
    for (struct node *nd = head; nd; nd = nd->next)
        vs = vs * 3 % 1000000007 + nd->value;
    long zs = 0;
    for (int i = 0; i < 777; i++)
        zs += (long)zeroed[i] * (i % 5 + 1);
    printf("rows=%lu list=%ld zeroed=%ld\n", h, vs, zs);

    while (head) {
        struct node *nx = head->next;
        free(head);
        head = nx;
    }
    for (int r = 0; r < nrows; r++)
        free(rows[r]);
    free(rows);
    free(block);
    free(zeroed);
    printf("freed\n");
    return 0;
}
