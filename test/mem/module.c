// Globals and static locals of every shared object that contains
// transformed code are merged, whichever module the loop is in: a loop of
// the executable calls into a shared object built with mploop-cc (which
// registers its module when it is loaded), and the writes it makes to that
// object's globals and statics reach the parent.  The same program built
// with plain cc gives the sequential answer.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/seq %t.dir/par
// RUN: %cc -O2 -w -fPIC -shared %S/Inputs/module_lib.c -o %t.dir/seq/libmodule.so
// RUN: %cc -O2 -w %s -L%t.dir/seq -lmodule -Wl,-rpath,%t.dir/seq -o %t.dir/seq/prog
// RUN: %mploop-cc -O2 -w -fPIC -shared %S/Inputs/module_lib.c -o %t.dir/par/libmodule.so
// RUN: %mploop-cc -O2 -w %s -L%t.dir/par -lmodule -Wl,-rpath,%t.dir/par -o %t.dir/par/prog
// RUN: %t.dir/seq/prog > %t.dir/expected
// RUN: env MPLOOP_WORKERS=2 %t.dir/par/prog > %t.dir/out.2
// RUN: env MPLOOP_WORKERS=3 %t.dir/par/prog > %t.dir/out.3
// RUN: diff %t.dir/expected %t.dir/out.2
// RUN: diff %t.dir/expected %t.dir/out.3
// RUN: FileCheck %s < %t.dir/out.3
// CHECK: counts 4950 hidden 10000 library loop 9900

#include <stdio.h>

extern int lib_counts[100];
void lib_bump(int i);
int lib_hidden_at(int i);
long lib_loop(int n);

int main(void)
{
#pragma mploop for
    for (int i = 0; i < 100; i++)
        lib_bump(i);
    long counts = 0, hidden = 0;
    for (int i = 0; i < 100; i++) {
        counts += lib_counts[i];
        hidden += lib_hidden_at(i);
    }
#pragma mploop for
    for (int i = 0; i < 100; i++)
        lib_bump(i);
    printf("counts %ld hidden %ld library loop %ld\n", counts, hidden, lib_loop(100));
    return 0;
}
