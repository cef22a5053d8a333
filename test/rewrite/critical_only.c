// A file without loops whose functions use `#pragma mploop critical` or
// `atomic` (called from the loop bodies of other files) includes
// mploop/abi.h, without defining the flag of a module with loops, and gets
// the critical helpers.  The output compiles without warnings.
//
// RUN: %mploop %s | FileCheck %s --implicit-check-not='{{^#define}}'
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Werror -I%S/../../include %t.c

// CHECK: {{^}}#include <mploop/abi.h>
// CHECK-NEXT: static __inline__ {{.*}}__mploop_critical_begin(
// CHECK-NEXT: static __inline__ {{.*}}__mploop_critical_end(
// CHECK-NEXT: #line 1 "{{.*}}critical_only.c"

void add(long *total, long *hits, long v)
{
#pragma mploop critical (totals)
    {
        total[0] += v;
        total[1]++;
    }
#pragma mploop atomic
    *hits += 1;
// CHECK: {{^    \(void\)__atomic_add_fetch\(&\(\*hits\), \(__typeof__\(\*hits\)\)\(1\), __ATOMIC_SEQ_CST\);$}}
}
