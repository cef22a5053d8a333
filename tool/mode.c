/*
 * mode.c - which write mode a loop needs.
 *
 * Large blocks (and, later, large global and static arrays) are shared
 * memory.  In direct mode the workers write them in place, which gives the
 * sequential answer only when no iteration reads what another one writes; in
 * snapshot mode every worker writes private copies that are diffed and
 * merged, which is right also for anti-dependences such as a[i] = a[i + 1]
 * (docs/memory.md).  The loop analysis (depend.c) over the arrays and
 * blocks that can be shared decides:
 *
 *   - a proven anti-dependence needs snapshot mode;
 *   - so does a doubt within one array or pointer: a subscript the tests
 *     cannot decide or the rewriter cannot read, a pointer set in the body,
 *     passed to a call that may write through it, or whose address escapes,
 *     a write through a form with no variable to follow;
 *   - direct mode otherwise, also when the only doubt is whether two
 *     different pointers reach the same memory (the pragma asserts they do
 *     not, as OpenMP's does; the `snapshot` clause covers them, and
 *     -Wmploop-unverified says so).
 *
 * The `snapshot` and `direct` clauses win.  With -Rmploop one remark per
 * loop says the mode and why.
 */
#include <stdlib.h>

#include "rewriter.h"

/* Decide whether loop l needs snapshot mode (l->auto_snapshot) from its
 * analysis a, and with remarks print one `remark:` line saying the mode and
 * why. */
void rw_choose_mode(const struct rw_src *src, struct rw_loop *l, const struct rw_analysis *a,
                    int remarks)
{
    const struct rw_analysis *s = a->shared ? a->shared : a;
    int anti = s->verdict == RW_VERDICT_ANTI ||
               (s->verdict == RW_VERDICT_UNKNOWN && s->dep.first_text &&
                s->dep.kind == RW_DEPK_ANTI && s->alias_only);
    int doubt = s->verdict == RW_VERDICT_UNKNOWN && !s->alias_only;
    l->auto_snapshot = (anti || doubt) && !l->pragma->direct;
    if (!remarks)
        return;
    size_t at = l->lv[0].for_off;
    char *why = NULL;
    if (anti && !doubt) {
        char *d = rw_dep_describe(src, l, &s->dep);
        why = rw_xasprintf("anti-dependence: %s", d);
        free(d);
    } else if (doubt) {
        why = rw_xasprintf("%s", s->why);
    }
    if (l->pragma->snapshot) {
        rw_remark(at, "loop runs in snapshot mode: the 'snapshot' clause asks for it");
    } else if (l->pragma->direct && why) {
        rw_remark(at, "loop runs in direct mode: the 'direct' clause asks for it (without "
                  "it: snapshot mode, %s)", why);
    } else if (l->pragma->direct) {
        rw_remark(at, "loop runs in direct mode: the 'direct' clause asks for it");
    } else if (anti && !doubt) {
        rw_remark_range(at, at, l->lv[0].rparen_end, "%s; the loop runs in snapshot mode", why);
    } else if (doubt) {
        rw_remark(at, "loop runs in snapshot mode: %s", s->why);
    } else if (!s->written) {
        rw_remark(at, "loop runs in direct mode: it writes no heap block, global or static "
                  "array");
    } else if (s->same_text) {
        rw_remark(at, "loop runs in direct mode: every array it writes is read only at the "
                  "written subscript");
    } else {
        rw_remark(at, "loop runs in direct mode: the dependence tests show that no iteration "
                  "touches an element another one writes");
    }
    if (!l->pragma->snapshot) {
        if (anti && !doubt)
            rw_dep_notes(src, l, &s->dep);
        else if (doubt && s->why_note)
            rw_note(s->why_off, "%s", s->why_note);
    }
    free(why);
}
