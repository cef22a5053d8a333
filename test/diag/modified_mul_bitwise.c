// `*=`, `&=`, `|=` and `^=` suggest the matching reduction.
//
// RUN: not %mploop %s 2>&1 | FileCheck --implicit-check-not=error: %s

unsigned f(const unsigned *a, int n)
{
    double prod = 1;
    unsigned all = ~0u, any = 0, parity = 0;
#pragma mploop for
    for (int i = 0; i < n; i++) {
        prod *= a[i];
// CHECK: modified_mul_bitwise.c:[[@LINE-1]]:9: error: variable 'prod' {{.*}}; add 'reduction(*:prod)' to the pragma
        all &= a[i];
// CHECK: modified_mul_bitwise.c:[[@LINE-1]]:9: error: variable 'all' {{.*}}; add 'reduction(&:all)' to the pragma
        any |= a[i];
// CHECK: modified_mul_bitwise.c:[[@LINE-1]]:9: error: variable 'any' {{.*}}; add 'reduction(|:any)' to the pragma
        parity ^= a[i];
// CHECK: modified_mul_bitwise.c:[[@LINE-1]]:9: error: variable 'parity' {{.*}}; add 'reduction(^:parity)' to the pragma
    }
    return all + any + parity + (unsigned)prod;
}
