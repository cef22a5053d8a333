// #line directives keep the body and the rest of the file on their original
// lines and columns: the compiler's warnings on the rewritten file point at
// the original source, with tabs and the header spanning several lines.
//
// RUN: %mploop %s | FileCheck --strict-whitespace %s
// RUN: %mploop %s -o %t.c
// RUN: %cc -fsyntax-only -Wall -ftabstop=8 -I%S/../../include %t.c 2>&1 | FileCheck --check-prefix=WARN %s

void f(int *a, int n)
{
#pragma mploop for
	for (int i = 0;
	     i < n;
	     i++) {	int unused_in_body;
		a[i] = 0; }  int unused_after;
	int unused_later;
}
// Columns: gcc counts tabs to the next tab stop, clang counts bytes.
// WARN-DAG: line_mapping.c:14:{{29|18}}: warning: unused variable {{.*}}unused_in_body
// WARN-DAG: line_mapping.c:15:{{34|20}}: warning: unused variable {{.*}}unused_after
// WARN-DAG: line_mapping.c:16:{{13|6}}: warning: unused variable {{.*}}unused_later

// CHECK:      {{^}}#line 14 "{{.*}}line_mapping.c"{{$}}
// CHECK-NEXT: {{^}}	          {	int unused_in_body;{{$}}
// CHECK-NEXT: {{^}}		a[i] = 0; }{{$}}
// CHECK:      {{^}}mploop_done(&__mploop_L_1);{{$}}
// CHECK-NEXT: {{^}}}{{$}}
// CHECK-NEXT: {{^}}#line 15 "{{.*}}line_mapping.c"{{$}}
// CHECK-NEXT: {{^}}		             int unused_after;{{$}}
// CHECK-NEXT: {{^}}	int unused_later;{{$}}
