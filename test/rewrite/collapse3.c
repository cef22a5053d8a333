// collapse(3) over a brace-nested nest with declared variables: three
// counts multiplied, the index decomposed innermost first, and the two
// closing braces of the outer bodies removed after the innermost body.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

void f(float *v, int nx, int ny, int nz)
{
#pragma mploop for collapse(3)
    for (int x = 0; x < nx; x++) {
        for (int y = 0; y < ny; y++)
        {
            for (int z = nz; z > 0; z--) {
                v[(x * ny + y) * nz + z - 1] = 0;
            }
        }
    }
}
// CHECK: mploop_u64 __mploop_n_1 = 1, __mploop_c1_1 = 0, __mploop_c2_1 = 0, __mploop_c3_1 = 0;
// CHECK: &__mploop_c1_1);
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_mul(&__mploop_n_1, __mploop_c1_1, __mploop_p_1.status);
// CHECK: &__mploop_c2_1);
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_mul(&__mploop_n_1, __mploop_c2_1, __mploop_p_1.status);
// CHECK: MPLOOP_GT, {{.*}}, &__mploop_c3_1);
// CHECK-NEXT: __mploop_p_1.status = mploop_trip_mul(&__mploop_n_1, __mploop_c3_1, __mploop_p_1.status);
// CHECK: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
// CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: mploop_u64 __mploop_lo_1, __mploop_hi_1, __mploop_k_1;
// CHECK: mploop_u64 __mploop_q_1 = __mploop_k_1;
// CHECK-NEXT: __attribute__((__unused__)) int z = (int)((mploop_u64)__mploop_lb3_1 + (__mploop_q_1 % __mploop_c3_1) * (mploop_u64)__mploop_st3_1);
// CHECK-NEXT: __mploop_q_1 /= __mploop_c3_1;
// CHECK-NEXT: __attribute__((__unused__)) int y = (int)((mploop_u64)__mploop_lb2_1 + (__mploop_q_1 % __mploop_c2_1) * (mploop_u64)__mploop_st2_1);
// CHECK-NEXT: __mploop_q_1 /= __mploop_c2_1;
// CHECK-NEXT: __attribute__((__unused__)) int x = (int)((mploop_u64)__mploop_lb_1 + __mploop_q_1 * (mploop_u64)__mploop_st_1);
// CHECK-NEXT: #line 14 "{{.*}}collapse3.c"
// CHECK-NEXT: {{^                                        {$}}
// CHECK-NEXT: v[(x * ny + y) * nz + z - 1] = 0;
// CHECK-NEXT: {{^            }$}}
// CHECK-NEXT: {{^}$}}
// CHECK-NEXT: {{^}$}}
// CHECK-NEXT: mploop_end(&__mploop_L_1);
// CHECK: mploop_done(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: #line 19 "{{.*}}collapse3.c"
// CHECK-NEXT: {{^}$}}
