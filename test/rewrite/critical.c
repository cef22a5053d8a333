// #pragma mploop critical [(name)]: the pragma's line becomes the start of
// a block whose first declaration takes the named lock (the unnamed one is
// "") and whose cleanup variable releases it on every way out; ` }` closes
// the block after the statement, which keeps its lines and columns.  The
// two helpers come once at the top, after mploop/abi.h.  In a function
// without a loop (called from a loop body) the statement just locks.  The
// output compiles without warnings.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Werror -I%S/../../include %t.c

// CHECK: #define MPLOOP__MODULE_FLAGS MPLOOP_MODULE_LOOPS
// CHECK-NEXT: #include <mploop/abi.h>
// CHECK-NEXT: static __inline__ __attribute__((__unused__)) const char *__mploop_critical_begin(const char *__mploop_n) { mploop_critical_enter(__mploop_n); return __mploop_n; }
// CHECK-NEXT: static __inline__ __attribute__((__unused__)) void __mploop_critical_end(const char *const *__mploop_n) { mploop_critical_leave(*__mploop_n); }
// CHECK-NEXT: #line 1 "{{.*}}critical.c"

void log_value(long *log, long v)
{
#pragma mploop critical (log)
    log[0] += v;
// CHECK: {{^{ __attribute__\(\(__cleanup__\(__mploop_critical_end\), __unused__\)\) const char \*__mploop_cr_[0-9]+ = __mploop_critical_begin\("log"\);$}}
// CHECK-NEXT: {{^    log\[0\] \+= v; }$}}
}

void f(const int *a, int n, long *log)
{
    long count = 0;
#pragma mploop for shared(count)
    for (int i = 0; i < n; i++) {
#pragma mploop critical
        if (a[i] > 0)
            count++;
// CHECK: {{^{ __attribute__\(\(__cleanup__\(__mploop_critical_end\), __unused__\)\) const char \*__mploop_cr_[0-9]+ = __mploop_critical_begin\(""\);$}}
// CHECK-NEXT: {{^        if \(a\[i\] > 0\)$}}
// CHECK-NEXT: {{^            \(\*__mploop_sh0_1\)\+\+; }$}}
        log_value(log, a[i]);
    }
    log[1] = count;
}
