/*
 * advise_apply.c - `mploop --suggest --apply`: which loops to annotate, and
 * the copy of the file with their pragmas.
 *
 * The outermost parallel loops are chosen: a loop is annotated when its
 * verdict is parallel, it is worth a process, it is not annotated already,
 * and no loop around it is annotated or chosen.  The pragma goes on a line
 * of its own above the loop, indented like it; the rest of the file is
 * copied byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* Choose the loops to annotate (see rewriter.h).  The verdicts are in
 * source order, so every loop comes after the loops around it. */
void rw_advise_choose(struct rw_advice *v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        struct rw_advice *a = &v[i];
        a->chosen = 0;
        if (a->verdict != RW_ADV_PARALLEL || a->small || a->annotated || a->in_annotated >= 0)
            continue;
        int inside = 0;
        for (int j = a->parent; j >= 0 && !inside; j = v[j].parent)
            inside = v[j].chosen;
        a->chosen = !inside;
    }
}

/* The copy with the chosen loops annotated (see rewriter.h). */
char *rw_advise_apply(const struct rw_src *src, const struct rw_advice *v, unsigned n,
                      size_t *len)
{
    struct rw_edits e = { 0 };
    for (unsigned i = 0; i < n; i++) {
        const struct rw_advice *a = &v[i];
        if (!a->chosen)
            continue;
        size_t bol = a->off - (a->col - 1), k = bol;
        while (k < a->off && (src->buf[k] == ' ' || src->buf[k] == '\t'))
            k++;
        char *text;
        if (k == a->off) /* the loop starts its line: the pragma goes above */
            text = rw_xasprintf("%.*s#pragma mploop for%s\n", (int)(a->off - bol),
                                src->buf + bol, a->clauses);
        else /* code before it on its line: the loop moves to a line of its own */
            text = rw_xasprintf("\n#pragma mploop for%s\n", a->clauses);
        rw_edit_add(&e, k == a->off ? bol : a->off, k == a->off ? bol : a->off, 0, text);
    }
    char *out = rw_edit_apply(&e, src->buf, src->len, len);
    for (unsigned i = 0; i < e.n; i++)
        free(e.v[i].text);
    free(e.v);
    return out;
}
