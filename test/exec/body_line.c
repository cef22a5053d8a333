// __LINE__, __FILE__ and __func__ in the body, after the loop and in a
// function defined after it have the values of the original source: the
// rewritten file keeps every line of the user's code on its original line.
//
// RUN: %exec-check %s %t
// RUN: FileCheck %s --check-prefix=W -DN=3 --implicit-check-not=mploop: < %t.log.3
// RUN: FileCheck %s --check-prefix=OUT < %t.expected
// OUT: body lines: 33 35 bad=0
// OUT: after the loop: line 42 in main
// OUT: later: line 51 in later

#include <stdio.h>
#include <string.h>

static void later(void);

int main(void)
{
    int n = 40;
    int lines[40], lines2[40];
    int file_ok[40];
    const char *file = __FILE__;
    size_t flen = strlen(file);

    // W: mploop: {{.*}}body_line.c:[[@LINE+2]]: 40 iterations on [[N]] workers
#pragma mploop for
    for (int i = 0;
         i < n;
         i++)
    {
        /* The two __LINE__ below are on lines 33 and 35. */
        lines[i] =
            __LINE__;
        file_ok[i] = strlen(__FILE__) == flen && strcmp(__FILE__, file) == 0
            && strcmp(__func__, "main") == 0 && __LINE__ == 35;
        lines2[i] = __LINE__ + i;
    }
    int bad = 0;
    for (int k = 0; k < n; k++)
        bad += !file_ok[k] || lines2[k] != 36 + k;
    printf("body lines: %d %d bad=%d\n", lines[0], lines[39] + 2, bad);
    printf("after the loop: line %d in %s\n", __LINE__, __func__);
    later();
    return 0;
}

/* Far from the loop, after its rewritten end. */

static void later(void)
{
    printf("later: line %d in %s (%s)\n", __LINE__, __func__, __FILE__);
}
