/*
 * failure.c - what each way a loop can fail means, in one table.
 *
 * Why this file exists: a kind of failure (enum mploop__fail_kind) decides
 * several things at once: the words that describe it, the shape of its
 * report line and the note under it, how the program ends under the exit
 * policy, and the public kind mploop_last_error gives.  Spread over switch
 * statements in report.c, last_error.c and loop.c, a new kind had to be
 * added in five places and could be forgotten in one.  Here each kind is
 * one row, and those files read the row.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The note every runtime failure without a better explanation gets. */
#define RUNTIME_NOTE "the runtime could not run the loop on workers"
#define RUNTIME_TAIL " (set MPLOOP_WORKERS=1 to run loops in-process)"
#define STOPS "the program stops"

/* One row per kind; kind 0 (never used) describes a kind out of range. */
static const struct mploop__fail_info fail_rows[] = {
    [0] = {
        .text = "failed",
        .shape = MPLOOP__SHAPE_WORKER,
        .note = RUNTIME_NOTE, .stops = STOPS, .note_tail = RUNTIME_TAIL,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_SIGNAL] = {
        .text = "killed by %s (%s)", .args = MPLOOP__ARGS_SIGNAL,
        .shape = MPLOOP__SHAPE_WORKER, .iteration = 1,
        .note = "the loop body crashed in that iteration",
        .pipe_note = "the stage crashed on that item",
        .stops = "the program ends by the same signal (set MPLOOP_ON_ERROR=serial or "
                 "MPLOOP_WORKERS=1 to run the loop in-process, e.g. under a debugger)",
        .exit = MPLOOP__EXIT_SIGNAL, .error_kind = MPLOOP_ERROR_SIGNAL,
    },
    [MPLOOP__FAIL_EXIT] = {
        .text = "exited with status %d", .args = MPLOOP__ARGS_CODE,
        .text_zero = "exited with status 0 before the end of the loop",
        .shape = MPLOOP__SHAPE_WORKER, .iteration = 1,
        .note = "the loop body ended its process in that iteration",
        .pipe_note = "the stage ended its process on that item",
        .stops = "the program ends with the same status",
        .exit = MPLOOP__EXIT_AS_WORKER, .error_kind = MPLOOP_ERROR_EXIT,
    },
    [MPLOOP__FAIL_LOST] = {
        .text = "ended unseen (another part of the program reaped it)",
        .shape = MPLOOP__SHAPE_WORKER, .iteration = 1,
        .note = "do not wait() for arbitrary children, or ignore SIGCHLD, while a parallel "
                "loop runs",
        .stops = STOPS,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_BEGIN] = {
        .text = "could not start tracking its writes: %s", .args = MPLOOP__ARGS_ERRNO,
        .shape = MPLOOP__SHAPE_WORKER,
        .note = RUNTIME_NOTE, .stops = STOPS, .note_tail = RUNTIME_TAIL,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_SHIP] = {
        .text = "could not send its writes to the parent: %s", .args = MPLOOP__ARGS_ERRNO,
        .shape = MPLOOP__SHAPE_WORKER,
        .note = RUNTIME_NOTE, .stops = STOPS, .note_tail = RUNTIME_TAIL,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_USER] = {
        .text = "%s", .args = MPLOOP__ARGS_MESSAGE,
        .shape = MPLOOP__SHAPE_ITERATION,
        .note = "mploop_fail was called in worker %u (pid %d)", .note_names_worker = 1,
        .stops = STOPS,
        .exit = MPLOOP__EXIT_USER, .error_kind = MPLOOP_ERROR_FAIL,
    },
    [MPLOOP__FAIL_TIMEOUT] = {
        .text = "did not finish within MPLOOP_TIMEOUT (%d ms)", .args = MPLOOP__ARGS_CODE,
        .shape = MPLOOP__SHAPE_LOOP, .iteration = 1,
        .note = "the workers were killed", .stops = STOPS,
        .note_tail = " (raise or unset MPLOOP_TIMEOUT if the loop just needs more time)",
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_TIMEOUT,
    },
    [MPLOOP__FAIL_CORRUPT] = {
        .text = "wrote garbage into the loop's control block",
        .shape = MPLOOP__SHAPE_WORKER, .iteration = 1,
        .note = "the loop body probably wrote through a stray pointer; nothing it wrote was "
                "merged",
        .stops = STOPS,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_RACE] = {
        .text = "data race: workers wrote different values to address %#lx%s%s",
        .args = MPLOOP__ARGS_RACE,
        .shape = MPLOOP__SHAPE_PLAIN,
        .note = "iterations of a parallel loop must not write the same memory; use a "
                "reduction clause for accumulators, or make the writes disjoint",
        .pipe_note = "a pipeline's stages and a parallel stage's items must not write the "
                     "same memory; update shared state from one serial stage, or make the "
                     "writes disjoint",
        .note_next_apart = 1,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_RACE,
    },
    [MPLOOP__FAIL_MERGE] = {
        .text = "cannot merge the workers' writes (%s)", .args = MPLOOP__ARGS_ERRNO,
        .shape = MPLOOP__SHAPE_PLAIN,
        .note = RUNTIME_NOTE, .stops = STOPS, .note_tail = RUNTIME_TAIL,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_CHANNEL] = {
        .text = "cannot merge the workers' writes (%s)", .args = MPLOOP__ARGS_ERRNO,
        .shape = MPLOOP__SHAPE_PLAIN,
        .note = "a worker's channel to the parent held garbage: the loop body probably wrote "
                "to or truncated a descriptor it did not open; nothing was merged",
        .stops = STOPS,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_UNTRACKED] = {
        .text = "stopped tracking its writes: the loop body %s", .args = MPLOOP__ARGS_UNTRACKED,
        .shape = MPLOOP__SHAPE_WORKER,
        .note = "the writes it made after that cannot be listed, so nothing was merged",
        .stops = STOPS,
        .note_tail = " (do not install SIGSEGV handlers or block SIGSEGV in loop bodies under "
                     "the mprotect tracker; the uffd and pagemap trackers, chosen by default "
                     "where the kernel has them, need no signal)",
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_INTERRUPTED] = {
        .text = "stopped by %s", .args = MPLOOP__ARGS_SIGNAL_NAME,
        .shape = MPLOOP__SHAPE_NONE,
        .exit = MPLOOP__EXIT_SIGNAL, .error_kind = MPLOOP_ERROR_INTERNAL,
    },
    [MPLOOP__FAIL_PROGRAM_EXIT] = {
        /* Never reported: the program ends with the status (loop.c). */
        .text = "called exit(%d)", .args = MPLOOP__ARGS_CODE,
        .shape = MPLOOP__SHAPE_NONE, .iteration = 1,
        .exit = MPLOOP__EXIT_USER, .error_kind = MPLOOP_ERROR_EXIT,
    },
    [MPLOOP__FAIL_VERIFY] = {
        .text = "result differs from a sequential run of the loop (MPLOOP_CHECK=verify): %s",
        .args = MPLOOP__ARGS_DETAILS,
        .shape = MPLOOP__SHAPE_PLAIN,
        .note = "the iterations of this loop are not independent: one reads or updates memory "
                "that another writes (a value carried over from an earlier iteration, a "
                "counter or sum updated in a called function, a sum whose rounding depends on "
                "the order); remove the dependence, or use a reduction clause for an "
                "accumulator; nothing the workers wrote was merged",
        .stops = STOPS,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_VERIFY,
    },
    [MPLOOP__FAIL_SEQUENTIAL] = {
        .text = "sequential run of the loop (MPLOOP_CHECK=verify) %s",
        .args = MPLOOP__ARGS_MESSAGE,
        .shape = MPLOOP__SHAPE_PLAIN, .iteration = 1,
        .note = "the workers ran the loop without failing, but running its iterations in "
                "order failed: an iteration probably depends on what an earlier one writes; "
                "nothing the workers wrote was merged",
        .stops = STOPS,
        .exit = MPLOOP__EXIT_FAILURE, .error_kind = MPLOOP_ERROR_VERIFY,
    },
};

/* Both: the row of failure kind `kind` (row 0 for a kind out of range). */
const struct mploop__fail_info *mploop__fail_info(int kind)
{
    if (kind <= 0 || (unsigned)kind >= sizeof fail_rows / sizeof fail_rows[0])
        kind = 0;
    return &fail_rows[kind];
}

/* Both: see internal.h. */
void mploop__failure_init(struct mploop__failure *f, int kind, int code)
{
    memset(f, 0, offsetof(struct mploop__failure, msg));
    f->msg[0] = '\0';
    f->kind = kind;
    f->code = code;
    f->worker = UINT32_MAX;
    f->iter = UINT64_MAX;
}

/* Both: the description of how f ended, without location and iteration,
 * e.g. "killed by SIGSEGV (Segmentation fault)"; for mploop_fail the
 * message itself.  Formats the row's text with the arguments it names. */
const char *mploop__failure_text(const struct mploop__failure *f, char *buf, size_t size)
{
    const struct mploop__fail_info *fi = mploop__fail_info(f->kind);
    const char *fmt = f->code == 0 && fi->text_zero ? fi->text_zero : fi->text;
    char name[32];
    switch (fi->args) {
    case MPLOOP__ARGS_SIGNAL:
        snprintf(buf, size, fmt, mploop__os_signal_name(f->code, name, sizeof name),
                 mploop__os_signal_text(f->code));
        break;
    case MPLOOP__ARGS_SIGNAL_NAME:
        snprintf(buf, size, fmt, mploop__os_signal_name(f->code, name, sizeof name));
        break;
    case MPLOOP__ARGS_ERRNO:
        snprintf(buf, size, fmt, mploop__os_errno_text(f->code));
        break;
    case MPLOOP__ARGS_CODE:
        snprintf(buf, size, fmt, f->code);
        break;
    case MPLOOP__ARGS_MESSAGE:
        snprintf(buf, size, fmt, f->msg);
        break;
    case MPLOOP__ARGS_RACE:
        snprintf(buf, size, fmt, (unsigned long)f->addr, f->msg[0] ? ", " : "", f->msg);
        break;
    case MPLOOP__ARGS_DETAILS:
        snprintf(buf, size, fmt, f->msg);
        buf[strcspn(buf, "\n")] = '\0'; /* further lines are notes */
        break;
    case MPLOOP__ARGS_UNTRACKED:
        snprintf(buf, size, fmt, f->code == MPLOOP__ERR_UNTRACKED_MASK
                                     ? "blocked SIGSEGV, which the mprotect dirty-page tracker "
                                       "catches"
                                     : "replaced the SIGSEGV handler of the mprotect dirty-page "
                                       "tracker");
        break;
    default: /* MPLOOP__ARGS_NONE: the text is no format */
        snprintf(buf, size, "%s", fmt);
        break;
    }
    return buf;
}
