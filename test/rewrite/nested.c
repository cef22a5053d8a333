// A parallel loop inside another's body: both are rewritten, their edits
// nest, loops are numbered in source order, and the inner loop hands the
// outer body's local array to mploop_local (not its read-only scalars).
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

void f(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) {
        int row[1] = { i * n };
#pragma mploop for
        for (int j = 0; j < n; j++)
            a[row[0] + j] = i + j;
    }
#pragma mploop for
    for (int i = 0; i < n; i++)
#pragma mploop for
        for (int j = 0; j < i; j++)
            a[i * n + j] = i;
}
// CHECK: { /* mploop: loop at {{.*}}nested.c:11 */
// CHECK: static const mploop_site __mploop_site_1 = {{.*}} 11, 5, "i",
// CHECK: #line 11 "{{.*}}nested.c"
// CHECK-NEXT: {{^                                {$}}
// CHECK-NEXT: {{^        int row\[1\] = \{ i \* n \};$}}
// CHECK-EMPTY:
// CHECK-NEXT: { /* mploop: loop at {{.*}}nested.c:14 */
// CHECK-NEXT: static const mploop_site __mploop_site_2 = {{.*}} 14, 9, "j",
// CHECK: mploop_frame(&__mploop_L_2, __builtin_frame_address(0));
// CHECK-NEXT: mploop_local(&__mploop_L_2, (void *)&row, sizeof(row), "row[]");
// CHECK-NEXT: if (mploop_start(&__mploop_L_2)) {
// CHECK: #line 14 "{{.*}}nested.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: {{^            a\[row\[0\] \+ j\] = i \+ j;$}}
// CHECK: mploop_done(&__mploop_L_2);
// CHECK-NEXT: }
// CHECK-NEXT: #line 16 "{{.*}}nested.c"
// CHECK-NEXT: {{^    }$}}
// CHECK: mploop_done(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: #line 17 "{{.*}}nested.c"

// Two loops ending at the same place: the inner epilogue comes first, and
// one `#line` follows both.
// CHECK: { /* mploop: loop at {{.*}}nested.c:18 */
// CHECK: #line 18 "{{.*}}nested.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-EMPTY:
// CHECK-NEXT: { /* mploop: loop at {{.*}}nested.c:20 */
// CHECK: #line 20 "{{.*}}nested.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: {{^            a\[i \* n \+ j\] = i;$}}
// CHECK: mploop_done(&__mploop_L_4);
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK: mploop_done(&__mploop_L_3);
// CHECK-NEXT: }
// CHECK-NEXT: #line 22 "{{.*}}nested.c"
// CHECK-NEXT: {{^}$}}
