// Each function definition containing a parallel loop gets
// __attribute__((__noinline__)) in front of it, once however many loops it
// has; functions without loops and declarations are left alone.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

#define API

// CHECK-LABEL: int plain(int x);
int plain(int x);

// CHECK: {{^}}int plain(int x) { return x; }
int plain(int x) { return x; }

// gcc warns about noinline on an inline function: that warning is silenced
// for this definition only.
// CHECK: {{^}}_Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wattributes\"") __attribute__((__noinline__)) static inline void two_loops(int *a, int n)
static inline void two_loops(int *a, int n)
{
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = plain(i);
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] += 1;
}
// CHECK-NOT: {{^[^/]*}}__noinline__
// CHECK: {{^}}} _Pragma("GCC diagnostic pop"){{$}}
// An empty macro is not part of the definition's extent: the attribute
// follows it, which is just as valid.
// CHECK: {{^}}API __attribute__((__noinline__)) unsigned long
// CHECK-NEXT: {{^}}exported(int *a, int n)
API unsigned long
exported(int *a, int n)
{
    two_loops(a, n);
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = 0;
    return 0;
}
// CHECK-NOT: {{^[^/]*}}__noinline__
