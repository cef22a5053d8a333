// -p BUILD_DIR takes the flags from compile_commands.json: the entry is found
// by the file's real path, relative paths in it are resolved in the entry's
// directory, and a file missing from the database is an error.
//
// RUN: rm -rf %t && mkdir -p %t/build %t/src/inc
// RUN: cp %s %t/src/in.c
// RUN: echo '#define LIMIT 12' > %t/src/inc/limit.h
// RUN: echo '[{"directory": "%t/src", "command": "cc -Iinc -DSCALE=3 -MD -MF in.d -c in.c -o in.o", "file": "in.c"}]' > %t/build/compile_commands.json
// RUN: %mploop -p %t/build %t/src/in.c | FileCheck %s
// RUN: cd %t/src && %mploop -p ../build in.c -o %t/out.c && FileCheck %s < %t/out.c
// RUN: test ! -e %t/src/in.d
// RUN: cp %s %t/src/other.c
// RUN: not %mploop -p %t/build %t/src/other.c 2>&1 | FileCheck --check-prefix=MISSING %s
// RUN: not %mploop -p %t/nowhere %t/src/in.c 2>&1 | FileCheck --check-prefix=NODB %s

#include "limit.h"

int table[LIMIT];

void fill(void)
{
#pragma mploop for
    for (int i = 0; i < LIMIT; i++)
        table[i] = i * SCALE;
}
// CHECK: __typeof__((LIMIT) + 0) __mploop_ub_1 = (LIMIT);
// CHECK: table[i] = i * SCALE;
// MISSING: mploop: error: {{.*}}other.c is not in {{.*}}compile_commands.json
// NODB: mploop: error: cannot read {{.*}}nowhere/compile_commands.json
