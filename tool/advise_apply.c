/*
 * advise_apply.c - `mploop --suggest --apply`: which loops to annotate, and
 * the copy of the file with their pragmas.
 *
 * The outermost parallel loops are chosen: a loop is annotated when its
 * verdict is parallel, it is worth a process, it is not annotated already,
 * it holds no annotated loop (the user chose the level to run in
 * parallel), and no loop around it is annotated or chosen.  The pragma goes on a line
 * of its own above the loop, indented like it (a loop that does not start
 * its line moves to a line of its own, indented like that line); the rest
 * of the file is copied byte for byte.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* Choose the loops to annotate (see rewriter.h).  The verdicts are in
 * source order, so every loop comes after the loops around it. */
void rw_advise_choose(struct rw_advice *v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        v[i].holds_annotated = -1;
    for (unsigned i = n; i-- > 0;)
        if (v[i].annotated)
            for (int j = v[i].parent; j >= 0; j = v[j].parent)
                v[j].holds_annotated = (int)i;
    for (unsigned i = 0; i < n; i++) {
        struct rw_advice *a = &v[i];
        a->chosen = 0;
        if (a->verdict != RW_ADV_PARALLEL || a->small || a->annotated || a->in_annotated >= 0 ||
            a->holds_annotated >= 0)
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
        size_t bol = a->off - (a->col - 1), k = bol, ws = a->off;
        while (k < a->off && (src->buf[k] == ' ' || src->buf[k] == '\t'))
            k++;
        if (k == a->off) {
            /* the loop starts its line: the pragma goes above, indented alike */
            rw_edit_add(&e, bol, bol, 0, rw_xasprintf("%.*s#pragma mploop for%s\n",
                                                       (int)(k - bol), src->buf + bol,
                                                       a->clauses));
            continue;
        }
        /* code before it on its line: the pragma and the loop go on lines of
         * their own, indented like that line */
        while (ws > k && (src->buf[ws - 1] == ' ' || src->buf[ws - 1] == '\t'))
            ws--;
        rw_edit_add(&e, ws, a->off, 0, rw_xasprintf("\n%.*s#pragma mploop for%s\n%.*s",
                                                     (int)(k - bol), src->buf + bol, a->clauses,
                                                     (int)(k - bol), src->buf + bol));
    }
    char *out = rw_edit_apply(&e, src->buf, src->len, len);
    for (unsigned i = 0; i < e.n; i++)
        free(e.v[i].text);
    free(e.v);
    return out;
}
