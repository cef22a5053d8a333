// Errors of the compiler in the main file are shown as clang shows them:
// the source line (tabs expanded), the caret, the ranges underlined with
// `~` on the caret's line only (a range starting on an earlier line is
// clipped to it), fix-it hints under the bytes they replace, and the notes
// attached to an error with their own source line.
//
// RUN: not %mploop %s 2>&1 | FileCheck %s

struct S { int x; };
int g(struct S *s) { return s.x; }
// CHECK: {{.*}}format_ranges.c:[[@LINE-1]]:30: error: member reference type 'struct S *' is a pointer; did you mean to use '->'?
// CHECK-NEXT: {{^int g\(struct S \*s\) \{ return s\.x; \}$}}
// CHECK-NEXT: {{^                            ~\^$}}
// CHECK-NEXT: {{^                             ->$}}
int h(void) {	int *p = 0;	return p + 1.0; }
// CHECK-NEXT: {{.*}}format_ranges.c:[[@LINE-1]]:36: error: invalid operands to binary expression ('int *' and 'double')
// CHECK-NEXT: {{^int h\(void\) \{   int \*p = 0;     return p \+ 1\.0; \}$}}
// CHECK-NEXT: {{^                                       ~ \^ ~~~$}}
int m(int a) { return (a +
   (int *)0) * 2; }
// CHECK-NEXT: {{.*}}format_ranges.c:[[@LINE-1]]:14: error: invalid operands to binary expression ('int *' and 'int')
// CHECK-NEXT: {{^   \(int \*\)0\) \* 2; \}$}}
// CHECK-NEXT: {{^   ~~~~~~~~~ \^ ~$}}
int f(int a) { return a; }
int f(int a) { return a + 1; }
// CHECK-NEXT: {{.*}}format_ranges.c:[[@LINE-1]]:5: error: redefinition of 'f'
// CHECK-NEXT: {{^int f\(int a\) \{ return a \+ 1; \}$}}
// CHECK-NEXT: {{^    \^$}}
// CHECK-NEXT: {{.*}}format_ranges.c:[[@LINE-5]]:5: note: previous definition is here
// CHECK-NEXT: {{^int f\(int a\) \{ return a; \}$}}
// CHECK-NEXT: {{^    \^$}}
