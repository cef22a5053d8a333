/*
 * edit.c - an offset-sorted list of edits applied to the original buffer.
 *
 * The rewriter never modifies the buffer in place: every change is an edit
 * (replace bytes [start, end) with a text), and the output is the original
 * with the edits applied in offset order.  Nested loops produce nested
 * edits; edits at the same offset keep the order given by their rank, then
 * by the order they were added.  Overlapping edits are a bug and are
 * refused rather than producing garbage.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* Append an edit; text is owned by the list from now on. */
void rw_edit_add(struct rw_edits *e, size_t start, size_t end, int rank, char *text)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 16;
        e->v = rw_xrealloc(e->v, e->cap * sizeof *e->v);
    }
    e->v[e->n] = (struct rw_edit){ start, end, rank, e->n, text };
    e->n++;
}

/* Order of edits: offset, then rank, then insertion order. */
static int cmp(const void *a, const void *b)
{
    const struct rw_edit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The buffer with every edit applied, or NULL when edits overlap. */
char *rw_edit_apply(struct rw_edits *e, const char *buf, size_t len, size_t *outlen)
{
    struct rw_buf out = { 0 };
    size_t pos = 0;
    qsort(e->v, e->n, sizeof *e->v, cmp);
    for (unsigned i = 0; i < e->n; i++) {
        struct rw_edit *d = &e->v[i];
        if (d->start < pos || d->end < d->start || d->end > len) {
            free(out.s);
            return NULL;
        }
        rw_buf_add(&out, buf + pos, d->start - pos);
        rw_buf_puts(&out, d->text);
        pos = d->end;
    }
    rw_buf_add(&out, buf + pos, len - pos);
    *outlen = out.len;
    if (!out.s)
        out.s = rw_xmalloc(1);
    return out.s;
}
