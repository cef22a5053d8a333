/*
 * diag_api.c - drives the rewriter's diagnostics API on a small buffer
 * (format_api.test): ranges, a warning that is off and its note, a
 * replacement fix-it, and capture.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rewriter.h"

/* Report on a three-line buffer; the test checks what stderr shows. */
int main(void)
{
    static const char text[] = "int x = a[i + 1] + b[i];\n\tfoo(a[i],\n  b[i]);\n";
    struct rw_src s = { .path = "t.c", .buf = text, .len = sizeof text - 1 };
    rw_src_lines(&s);
    rw_diag_init(&s);
    rw_diag_set_output(RW_DIAG_TEXT, 0, 1);
    rw_error_range(10, 8, 16, "iteration i writes %s", "a[i + 1]");
    rw_note_range(21, 19, 23, "read here");
    rw_warning_range(30, 26, 48, "mploop-unverified", "off by default");
    rw_note(30, "note of a warning that is off");
    rw_warning_option("-Wmploop-unverified");
    rw_warning_range(31, 26, 48, "mploop-unverified", "range over two lines");
    rw_remark_range(0, 0, 3, "remark");
    rw_note_fixit_range(4, 4, 5, "y", "rename");
    rw_diag_capture_begin();
    rw_warning(0, "mploop-rand", "captured warning");
    rw_error(8, "first %d", 1);
    rw_note(8, "captured note");
    rw_error(9, "second");
    size_t off;
    char *msg = rw_diag_capture_end(&off);
    fprintf(stderr, "captured '%s' at %zu; errors counted: %u\n", msg, off, rw_error_count());
    free(msg);
    rw_diag_capture_begin();
    msg = rw_diag_capture_end(&off);
    fprintf(stderr, "captured nothing: %s at %zu\n", msg ? msg : "(null)", off);
    return 0;
}
