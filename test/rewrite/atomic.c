// #pragma mploop atomic: the expression of the statement after it becomes
// one GCC __atomic builtin on the target (redirected to the shared copy of
// a shared() variable): a fetch-and-op for + - & | ^ (and ++, --) on an
// integer target with an integer operand, a compare-exchange loop
// otherwise (floating targets, * / << >>, `x = e - x`), the operand
// evaluated once; read is an atomic load, write an atomic store, capture
// assigns the old value (v = x++) or the new one (v = ++x, v = x op= e).
// The rest of the line, and the line numbers, stay in place.  The output
// compiles without warnings.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Wextra -Werror -I%S/../../include %t.c

void f(const int *a, int n, long *out)
{
    long count = 0, prod = 1, flags = 0, last = 0;
    double sum = 0;
    unsigned bits = 1;
    long v;
#pragma mploop for shared(count, prod, flags, sum, bits, last) private(v)
    for (int i = 0; i < n; i++) {
#pragma mploop atomic
        count++;
// CHECK: {{^        \(void\)__atomic_add_fetch\(&\(\(\*__mploop_sh0_1\)\), \(__typeof__\(\(\*__mploop_sh0_1\)\)\)\(1\), __ATOMIC_SEQ_CST\);$}}
#pragma mploop atomic update
        count -= a[i];
// CHECK: {{^        \(void\)__atomic_sub_fetch\(&\(\(\*__mploop_sh0_1\)\), \(__typeof__\(\(\*__mploop_sh0_1\)\)\)\(a\[i\]\), __ATOMIC_SEQ_CST\);$}}
#pragma mploop atomic
        flags = flags | a[i];
// CHECK: {{^        \(void\)__atomic_or_fetch\(&\(\(\*__mploop_sh2_1\)\), \(__typeof__\(\(\*__mploop_sh2_1\)\)\)\(a\[i\]\), __ATOMIC_SEQ_CST\);$}}
#pragma mploop atomic
        flags = a[i] ^ flags;
// CHECK: {{^        \(void\)__atomic_xor_fetch\(&\(\(\*__mploop_sh2_1\)\), \(__typeof__\(\(\*__mploop_sh2_1\)\)\)\(a\[i\]\), __ATOMIC_SEQ_CST\);$}}
#pragma mploop atomic
        prod *= a[i];
// CHECK: {{^        __extension__\({ __typeof__\(\(\*__mploop_sh1_1\)\) \*__mploop_ap = &\(\(\*__mploop_sh1_1\)\); __typeof__\(\(\*__mploop_sh1_1\)\) __mploop_ao, __mploop_an; __typeof__\(\(a\[i\]\) \+ 0\) __mploop_ae = \(a\[i\]\); __atomic_load\(__mploop_ap, &__mploop_ao, __ATOMIC_SEQ_CST\); do __mploop_an = \(__typeof__\(\(\*__mploop_sh1_1\)\)\)\(__mploop_ao \* __mploop_ae\); while \(!__atomic_compare_exchange\(__mploop_ap, &__mploop_ao, &__mploop_an, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST\)\); \(void\)0; }\);$}}
#pragma mploop atomic
        prod = 10 - prod;
// CHECK: {{^        __extension__\({ .* do __mploop_an = \(__typeof__\(\(\*__mploop_sh1_1\)\)\)\(__mploop_ae - __mploop_ao\); while .* \(void\)0; }\);$}}
#pragma mploop atomic
        sum += a[i] * 0.5;
// CHECK: {{^        __extension__\({ __typeof__\(\(\*__mploop_sh3_1\)\) \*__mploop_ap = .* __mploop_ae = \(a\[i\] \* 0.5\); .* do __mploop_an = \(__typeof__\(\(\*__mploop_sh3_1\)\)\)\(__mploop_ao \+ __mploop_ae\); .* \(void\)0; }\);$}}
#pragma mploop atomic
        count += 0.5;
// CHECK: {{^        __extension__\({ .*\(__mploop_ao \+ __mploop_ae\); .* }\);$}}
#pragma mploop atomic
        bits <<= 1;
// CHECK: {{^        __extension__\({ .*\(__mploop_ao << __mploop_ae\); .* }\);$}}
#pragma mploop atomic read
        v = last;
// CHECK: {{^        v = __extension__\({ __typeof__\(\(\*__mploop_sh5_1\)\) __mploop_ar; __atomic_load\(&\(\(\*__mploop_sh5_1\)\), &__mploop_ar, __ATOMIC_SEQ_CST\); __mploop_ar; }\);$}}
#pragma mploop atomic write
        last = i + v;
// CHECK: {{^        __extension__\({ __typeof__\(\(\*__mploop_sh5_1\)\) __mploop_aw = \(__typeof__\(\(\*__mploop_sh5_1\)\)\)\(i \+ v\); __atomic_store\(&\(\(\*__mploop_sh5_1\)\), &__mploop_aw, __ATOMIC_SEQ_CST\); }\);$}}
#pragma mploop atomic capture
        v = count++;
// CHECK: {{^        v = __atomic_fetch_add\(&\(\(\*__mploop_sh0_1\)\), \(__typeof__\(\(\*__mploop_sh0_1\)\)\)\(1\), __ATOMIC_SEQ_CST\);$}}
#pragma mploop atomic capture
        v = --count;
// CHECK: {{^        v = __atomic_sub_fetch\(&\(\(\*__mploop_sh0_1\)\), \(__typeof__\(\(\*__mploop_sh0_1\)\)\)\(1\), __ATOMIC_SEQ_CST\);$}}
#pragma mploop atomic capture
        v = prod *= 3;
// CHECK: {{^        v = __extension__\({ .*\(__mploop_ao \* __mploop_ae\); .* __mploop_an; }\);$}}
#pragma mploop atomic capture
        v = sum++;
// CHECK: {{^        v = __extension__\({ .*\(__mploop_ao \+ __mploop_ae\); .* __mploop_ao; }\);$}}
#pragma mploop atomic
        out[a[i]] += 2; /* through a pointer */
// CHECK: {{^        \(void\)__atomic_add_fetch\(&\(out\[a\[i\]\]\), \(__typeof__\(out\[a\[i\]\]\)\)\(2\), __ATOMIC_SEQ_CST\); /\* through a pointer \*/$}}
    }
// CHECK: #line [[@LINE]] "{{.*}}atomic.c"
    out[0] = count + prod + flags + (long)sum + (long)bits + last;
}
