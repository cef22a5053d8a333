// Memory allocated in the loop body: temporaries of every allocation call
// come and go; blocks stored in memory that existed before the loop
// (strdup, malloc, calloc, realloc, posix_memalign, aligned_alloc,
// asprintf, a linked list per iteration) are valid in the parent after the
// join, across later loops, and can be measured, realloc'ed and freed
// there.  Freeing a block that existed before the loop inside the body must
// not disturb the parent (the block is not used afterwards).  free()
// preserves errno.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W --implicit-check-not=mploop: < %t.log.2
// W: mploop: {{.*}}alloc_survive.c:{{[0-9]+}}: 200 iterations on 2 workers
// W: mploop: {{.*}}alloc_survive.c:{{[0-9]+}}: 200 iterations on 2 workers

#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { int value; struct node *next; };

char *names[200];
int *numbers[200];
double *zeros[200];
char *grown[200];
void *aligned[200];
char *formatted[200];
struct node *lists[200];
char *doomed[200];

int main(void)
{
    for (int i = 0; i < 200; i++)
        doomed[i] = strdup("allocated before the loop");
#pragma mploop for schedule(dynamic, 7)
    for (int i = 0; i < 200; i++) {
        char buf[40];
        snprintf(buf, sizeof buf, "name-%03d", i);
        names[i] = strdup(buf);
        numbers[i] = malloc(sizeof(int) * (size_t)(i + 1));
        for (int k = 0; k <= i; k++)
            numbers[i][k] = k * i;
        zeros[i] = calloc((size_t)i + 1, sizeof(double));
        grown[i] = malloc(4);
        strcpy(grown[i], "ab");
        grown[i] = realloc(grown[i], 3000);
        strcat(grown[i], "cd");
        if (posix_memalign(&aligned[i], 256, 100) != 0)
            aligned[i] = NULL;
        if (i % 2) {
            free(aligned[i]);
            aligned[i] = aligned_alloc(4096, 4096);
        }
        if (asprintf(&formatted[i], "%d squared is %d", i, i * i) < 0)
            formatted[i] = NULL;
        for (int k = 0; k < i % 5; k++) {
            struct node *n = malloc(sizeof *n);
            n->value = i * 10 + k;
            n->next = lists[i];
            lists[i] = n;
        }
        for (int t = 0; t < 50; t++) {           /* temporaries */
            void *tmp = malloc((size_t)(t * 97 + 1));
            memset(tmp, t, (size_t)(t * 97 + 1));
            tmp = realloc(tmp, (size_t)(t * 13 + 1));
            free(tmp);
        }
        void *big = malloc(5u << 20);            /* a large temporary */
        memset(big, 1, 5u << 20);
        free(big);
        free(doomed[i]);                         /* existed before the loop */
    }
    unsigned long h = 0;
    int aligned_ok = 1, zero_ok = 1;
    for (int i = 0; i < 200; i++) {
        for (const char *p = names[i]; *p; p++) h = h * 31 + (unsigned char)*p;
        for (int k = 0; k <= i; k++) h = h * 31 + (unsigned)numbers[i][k];
        for (int k = 0; k <= i; k++) zero_ok &= zeros[i][k] == 0.0;
        for (const char *p = grown[i]; *p; p++) h = h * 31 + (unsigned char)*p;
        aligned_ok &= aligned[i] && ((uintptr_t)aligned[i] % (i % 2 ? 4096 : 256)) == 0;
        for (const char *p = formatted[i]; *p; p++) h = h * 31 + (unsigned char)*p;
        for (struct node *n = lists[i]; n; n = n->next) h = h * 31 + (unsigned)n->value;
    }
    printf("hash=%lu aligned=%d zero=%d\n", h, aligned_ok, zero_ok);
    printf("%s %s %s\n", names[0], names[199], formatted[123]);
    printf("usable>=9: %d\n", malloc_usable_size(names[7]) >= 9);

    /* A second loop reads and extends the first loop's blocks. */
#pragma mploop for
    for (int i = 0; i < 200; i++) {
        char *longer = malloc(strlen(names[i]) + 8);
        strcpy(longer, names[i]);
        strcat(longer, "-again");
        names[i] = longer;                       /* the old block stays */
    }
    printf("%s %s\n", names[3], names[198]);

    /* The parent resizes and frees every block, errno untouched by free. */
    for (int i = 0; i < 200; i++) {
        names[i] = realloc(names[i], 64);
        strcat(names[i], "!");
        errno = 1234;
        free(numbers[i]);
        free(zeros[i]);
        free(grown[i]);
        free(aligned[i]);
        free(formatted[i]);
        while (lists[i]) {
            struct node *n = lists[i]->next;
            free(lists[i]);
            lists[i] = n;
        }
        if (errno != 1234)
            printf("free changed errno\n");
    }
    printf("%s\n", names[150]);
    for (int i = 0; i < 200; i++)
        free(names[i]);
    return 0;
}
