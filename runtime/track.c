/*
 * track.c - which dirty-page tracker this process's loops use.
 *
 * Why this file exists: three trackers sit behind one table of functions
 * (struct mploop__tracker): linux_track_uffd.c (exact), linux_track_pagemap.c
 * (a superset of the written pages) and linux_track_mprotect.c (portable).
 * Which one runs is decided once, when the first loop that may run on
 * workers begins (under a lock: threads may start their first loops at
 * once): the one MPLOOP_TRACKER names (env.c checks the name; a tracker that does not
 * work here is reported and ends the program), otherwise the first of them
 * that works on this kernel.  The choice is kept in the runtime's state
 * section, so workers inherit it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mem_internal.h"
#include "spin.h"

/* The trackers, best first. */
static const struct mploop__tracker *const track_all[] = {
    &mploop__tracker_uffd,
    &mploop__tracker_pagemap,
    &mploop__tracker_mprotect,
};
#define TRACK_N (sizeof track_all / sizeof track_all[0])

/* The tracker chosen at the first forked loop, NULL before, and the lock
 * under which it is chosen (threads may start their first loops at once). */
static const struct mploop__tracker *track_chosen MPLOOP__STATE;
static volatile int track_lock MPLOOP__STATE;

/* Parent: nonzero for a probe error that says "try again later" rather
 * than "not on this kernel". */
static int track_transient(int err)
{
    return err == -ENOMEM || err == -EMFILE || err == -ENFILE || err == -EAGAIN;
}

/* Parent: the tracker MPLOOP_TRACKER names, which must work here (else
 * the program ends with a report naming the loop at site).  Returns 0 with
 * *out set, or -errno of a transient failure. */
static int track_named(const mploop_site *site, const char *want,
                       const struct mploop__tracker **out)
{
    const struct mploop__tracker *t = NULL;
    for (unsigned i = 0; i < TRACK_N; i++)
        if (strcmp(want, track_all[i]->name) == 0)
            t = track_all[i];
    if (!t) { /* env.c accepts only the names above: a mismatch is a runtime bug */
        mploop__error(site, "MPLOOP_TRACKER=%s names no tracker of this runtime", want);
        exit(EXIT_FAILURE);
    }
    int err = t->probe();
    if (err && track_transient(err))
        return err;
    if (err) {
        mploop__error(site, "MPLOOP_TRACKER=%s: this tracker does not work on this "
                      "system (%s); unset MPLOOP_TRACKER to use the best one available",
                      want, mploop__os_errno_text(err));
        exit(EXIT_FAILURE);
    }
    *out = t;
    return 0;
}

/* Parent, under the lock: choose the tracker (see mploop__track_choose).
 * Returns 0 or -errno. */
static int track_choose_now(const mploop_site *site)
{
    const char *want = mploop__env_tracker(site); /* a tracker's name, or NULL */
    const struct mploop__tracker *chosen = NULL;
    int err = -ENOSYS;
    if (want) {
        err = track_named(site, want, &chosen);
    } else {
        for (unsigned i = 0; i < TRACK_N; i++) {
            err = track_all[i]->probe();
            if (!err)
                chosen = track_all[i];
            if (!err || track_transient(err))
                break;
        }
    }
    if (!chosen)
        return err;
    __atomic_store_n(&track_chosen, chosen, __ATOMIC_RELEASE);
    return 0;
}

/* Parent: see mem_internal.h. */
int mploop__track_choose(const mploop_site *site, const struct mploop__tracker **out)
{
    const struct mploop__tracker *t = __atomic_load_n(&track_chosen, __ATOMIC_ACQUIRE);
    if (!t) {
        mploop__spin_lock_pid(&track_lock);
        int err = track_chosen ? 0 : track_choose_now(site);
        mploop__spin_unlock(&track_lock);
        if (err)
            return err;
        t = track_chosen;
    }
    *out = t;
    return 0;
}

/* Both: see mem_internal.h. */
const char *mploop__track_name(void)
{
    return track_chosen ? track_chosen->name : NULL;
}
