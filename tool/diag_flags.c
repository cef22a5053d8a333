/*
 * diag_flags.c - the warning flags of the rewriter.
 *
 * Each warning the rewriter prints belongs to one flag, named after clang's
 * -W options: -Wmploop-rand, -Wmploop-stdin and -Wmploop-scratch are on
 * unless turned off, -Wmploop-unverified (a loop whose independence could
 * not be checked) is off unless asked for.  -Wmploop turns every one on and
 * -Wno-mploop every one off; options apply in command-line order, so
 * `-Wmploop -Wno-mploop-rand` is all but one.  An unknown -Wmploop-xxx gets
 * clang's own warning, with the nearest flag suggested when one is close.
 */
#include <stdlib.h>
#include <string.h>

#include "rewriter.h"

/* The flags, in the order --help lists them. */
const char *const rw_warning_flags[] = {
    "mploop-rand", "mploop-stdin", "mploop-scratch", "mploop-unverified", "mploop-lock", NULL
};

/* Whether each flag of rw_warning_flags is on (initially its default). */
static int flag_on[] = { 1, 1, 1, 0, 1 };

/* Index of flag in rw_warning_flags, or -1. */
static int flag_index(const char *flag)
{
    for (int i = 0; rw_warning_flags[i]; i++)
        if (strcmp(rw_warning_flags[i], flag) == 0)
            return i;
    return -1;
}

/* Whether warning flag (without -W) is on; a flag not in the table is. */
int rw_warning_enabled(const char *flag)
{
    int i = flag ? flag_index(flag) : -1;
    return i < 0 || flag_on[i];
}

/* Edit distance (insertions, deletions, substitutions) between a and b,
 * each shorter than 64 bytes (longer ones compare as far apart). */
static unsigned edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= 64 || lb >= 64)
        return 64;
    unsigned row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The one flag nearest to name (at most a third of its length away, and
 * nearer than any other), or NULL. */
static const char *nearest_flag(const char *name)
{
    const char *best = NULL;
    unsigned best_d = (unsigned)strlen(name) / 3 + 1, ties = 0;
    for (int i = 0; rw_warning_flags[i]; i++) {
        unsigned d = edit_distance(name, rw_warning_flags[i]);
        if (d < best_d) {
            best_d = d;
            best = rw_warning_flags[i];
            ties = 0;
        } else if (d == best_d && best) {
            ties++;
        }
    }
    return ties ? NULL : best;
}

/* Apply -W<flag>, -Wno-<flag>, -Wmploop or -Wno-mploop; returns 1 when arg
 * is a warning option of mploop (after warning about an unknown one), 0
 * when it is not. */
int rw_warning_option(const char *arg)
{
    if (strncmp(arg, "-W", 2) != 0)
        return 0;
    const char *name = arg + 2;
    int on = 1;
    if (strncmp(name, "no-", 3) == 0) {
        name += 3;
        on = 0;
    }
    if (strncmp(name, "mploop", 6) != 0)
        return 0;
    if (strcmp(name, "mploop") == 0) {
        for (int i = 0; rw_warning_flags[i]; i++)
            flag_on[i] = on;
        return 1;
    }
    int i = flag_index(name);
    if (i >= 0) {
        flag_on[i] = on;
        return 1;
    }
    const char *near = nearest_flag(name);
    if (near)
        rw_diag_global("warning", "-Wunknown-warning-option",
                       "unknown warning option '%s'; did you mean '-W%s%s'?", arg,
                       on ? "" : "no-", near);
    else
        rw_diag_global("warning", "-Wunknown-warning-option", "unknown warning option '%s'",
                       arg);
    return 1;
}
