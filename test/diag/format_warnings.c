// Warning flags: -Wmploop-rand, -Wmploop-stdin and -Wmploop-scratch are on
// by default; -Wno-<flag> turns one off together with its notes, -Wno-mploop
// turns all off, -Wmploop all on, and the options apply in command-line
// order.  -Wmploop-unverified is known (off by default).  An unknown
// -Wmploop-xxx gets clang's warning, with the nearest flag when one is
// close, and the rewrite still succeeds.
//
// RUN: %mploop %s -o %t.c 2>&1 | FileCheck %s --check-prefixes=RAND,STDIN,SCRATCH
// RUN: %mploop %s -o %t.c -Wno-mploop-rand 2>&1 | FileCheck %s --check-prefixes=STDIN,SCRATCH --implicit-check-not='rand' --implicit-check-not=note:
// RUN: %mploop %s -o %t.c -Wno-mploop 2>&1 | count 0
// RUN: %mploop %s -o %t.c -Wno-mploop -Wmploop-stdin 2>&1 | FileCheck %s --check-prefix=STDIN --implicit-check-not=warning: --implicit-check-not=note:
// RUN: %mploop %s -o %t.c -Wmploop-stdin -Wno-mploop 2>&1 | count 0
// RUN: %mploop %s -o %t.c -Wno-mploop -Wmploop -Wmploop-unverified 2>&1 | FileCheck %s --check-prefixes=RAND,STDIN,SCRATCH
// RUN: %mploop %s -o %t.c -Wno-mploop -Wmploop-rnd -Wno-mploop-scratsh -Wmploop-bogus-flag 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: test -s %t.c

#include <stdio.h>
#include <stdlib.h>

void f(int *a, int n)
{
    int tmp[2];
#pragma mploop for
    for (int i = 0; i < n; i++) {
        a[i] = rand();
        a[i] += getchar();
        tmp[0] = i;
        a[i] += tmp[0];
    }
}
// RAND: format_warnings.c:25:16: warning: 'rand' continues {{.*}} [-Wmploop-rand]
// RAND: format_warnings.c:24:5: note: in the loop over 'i'
// STDIN: format_warnings.c:26:17: warning: {{.*}} [-Wmploop-stdin]
// STDIN: format_warnings.c:24:5: note: in the loop over 'i'
// SCRATCH: format_warnings.c:27:9: warning: array 'tmp' {{.*}} [-Wmploop-scratch]
// SCRATCH: format_warnings.c:23:19: note: add 'private(tmp)' to the pragma

// UNKNOWN: {{^}}warning: unknown warning option '-Wmploop-rnd'; did you mean '-Wmploop-rand'? [-Wunknown-warning-option]
// UNKNOWN-NEXT: {{^}}warning: unknown warning option '-Wno-mploop-scratsh'; did you mean '-Wno-mploop-scratch'? [-Wunknown-warning-option]
// UNKNOWN-NEXT: {{^}}warning: unknown warning option '-Wmploop-bogus-flag' [-Wunknown-warning-option]
// UNKNOWN-NOT: {{.}}
