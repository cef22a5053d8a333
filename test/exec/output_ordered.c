// What the body writes to standard output reaches it exactly as the
// sequential program would have written it: same bytes, same order, no line
// torn, whatever the schedule and the worker count, whether stdout is a file
// or a pipe, and whether the bytes come from printf, puts, fwrite, write(2)
// or a process the body starts.  Standard error is ordered the same way
// (unbuffered: each fprintf is one write), and so is a file opened
// O_APPEND before the loop.  MPLOOP_OUTPUT=live keeps every line whole but
// not the order.
//
// RUN: %exec-check %s %t
// RUN: env MPLOOP_WORKERS=3 %t.par | cmp %t.expected -
// RUN: env MPLOOP_WORKERS=2 MPLOOP_TEAM=fork %t.par | cmp %t.expected -
// RUN: rm -f %t.app.seq %t.app.par
// RUN: %t.seq %t.app.seq > /dev/null 2> %t.err.seq
// RUN: env MPLOOP_WORKERS=3 %t.par %t.app.par > /dev/null 2> %t.err.par
// RUN: cmp %t.err.seq %t.err.par
// RUN: cmp %t.app.seq %t.app.par
// RUN: env MPLOOP_WORKERS=3 MPLOOP_OUTPUT=live %t.par > %t.live
// RUN: sort %t.live > %t.live.sorted
// RUN: sort %t.expected | cmp - %t.live.sorted
// RUN: env MPLOOP_OUTPUT=sideways not %t.par 2>&1 | FileCheck %s --check-prefix=BAD
//
// BAD: mploop: error: {{.*}}MPLOOP_OUTPUT=sideways is not an output mode; use ordered (what workers write appears in iteration order, the default) or live (each chunk's output as soon as the chunk ends)

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    FILE *app = fopen(argc > 1 ? argv[1] : "/dev/null", "a");
    if (!app)
        return 1;
    printf("before the loops\n");

#pragma mploop for schedule(dynamic, 3)
    for (int i = 0; i < 2000; i++)
        printf("result %04d = %d\n", i, i * 7 % 1000);

#pragma mploop for schedule(static)
    for (int i = 0; i < 300; i++) {
        char line[64];
        int len = snprintf(line, sizeof line, "write(2) line %d\n", i);
        if (i % 3 == 0)
            puts("puts line");
        if (i % 50 == 7) {
            fflush(stdout);
            if (system("echo from a child process") != 0)
                abort();
        }
        fwrite(line, 1, (size_t)len, stdout);
        fflush(stdout);
        if (write(1, "raw\n", 4) != 4)
            abort();
    }

#pragma mploop for schedule(guided)
    for (int i = 0; i < 500; i++) {
        fprintf(stderr, "stderr %d\n", i);
        fprintf(app, "appended %d\n", i);
        if (i % 10 == 0)
            printf("block %d: %.*s\n", i, 200, "................................................................................................................................................................................................................................................................");
    }

    printf("after the loops\n");
    fclose(app);
    return 0;
}
