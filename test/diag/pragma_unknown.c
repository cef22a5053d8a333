// Unknown `#pragma mploop` directives are errors (other pragmas are not
// mploop's business and stay silent).
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

#pragma mploop parallel
// CHECK: pragma_unknown.c:[[@LINE-1]]:16: error: unknown directive '#pragma mploop parallel' (expected 'for', 'pipeline', 'stage', 'critical' or 'atomic')
#pragma mploop
// CHECK: pragma_unknown.c:[[@LINE-1]]:15: error: expected 'for' after '#pragma mploop'
  #  pragma   mploop   barrier
// CHECK: pragma_unknown.c:[[@LINE-1]]:24: error: unknown directive '#pragma mploop barrier'
_Pragma("mploop sections")
// CHECK: pragma_unknown.c:[[@LINE-1]]:17: error: unknown directive '#pragma mploop sections'
#pragma omp parallel
#pragma mploopfor
int x;
