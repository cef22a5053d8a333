/*
 * check.h - the CHECK macro of the runtime's unit tests.
 *
 * CHECK(cond, fmt, ...) counts a check and, when cond is false, counts a
 * failure and prints it (the first 50) on stderr with its location and the
 * printf-style explanation.  The including file defines nothing: the
 * counters live here, one pair per test program.
 */
#ifndef MPLOOP_TEST_CHECK_H
#define MPLOOP_TEST_CHECK_H

#include <stdio.h>

static unsigned long failures, checks;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        checks++;                                                          \
        if (!(cond)) {                                                     \
            if (failures++ < 50) {                                         \
                fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__,    \
                        #cond);                                            \
                fprintf(stderr, __VA_ARGS__);                              \
                fputc('\n', stderr);                                       \
            }                                                              \
        }                                                                  \
    } while (0)

#endif /* MPLOOP_TEST_CHECK_H */
