// The pipeline of docs/generated-code.md ("Pipelines"): every part of the
// generated code, in order, for a for loop with three stages, the three
// clauses, a `break` of the first stage, a `continue`, and variables
// carried from stage 0 to stage 2 (a struct) and from stage 1 to stage 2.
//
// RUN: %mploop %s -- -std=gnu11 | FileCheck %s --match-full-lines
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

int printf(const char *, ...);
int snprintf(char *, unsigned long, const char *, ...);
struct rec { int id; char text[32]; };

long run(const int *in, int n, int w)
{
    long total = 0;
#pragma mploop pipeline num_workers(w) tokens(16) if(n > 100)
    for (int i = 0; i < n; i++) {
        struct rec r;
        if (in[i] < 0)
            break;
        if (in[i] == 0)
            continue;
        r.id = in[i];
#pragma mploop stage parallel
        int len = snprintf(r.text, sizeof r.text, "item %d", r.id);
#pragma mploop stage serial
        total += len;
        printf("%d: %s\n", i, r.text);
    }
    return total;
}

// CHECK:      #define MPLOOP__MODULE_FLAGS MPLOOP_MODULE_LOOPS
// CHECK-NEXT: #include <mploop/abi.h>
// CHECK-NEXT: #line 1 "{{.*}}pipeline_basic.c"
// CHECK-LABEL: __attribute__((__noinline__)) long run(const int *in, int n, int w)
// CHECK-NEXT: {
// CHECK-NEXT:     long total = 0;
// CHECK-EMPTY:
// CHECK-NEXT: { /* mploop: pipeline at {{.*}}pipeline_basic.c:17 */
// CHECK-NEXT: static const mploop_site __mploop_site_1 = { "{{.*}}pipeline_basic.c", 17, 5, "", MPLOOP_SITE_PIPELINE };
// CHECK-NEXT: int i = 0;
// CHECK-NEXT: struct __mploop_carry_1 { __typeof__(i) c0; __typeof__(struct rec) c1; __typeof__(int) c2; };
// CHECK-NEXT: static const mploop_stage_spec __mploop_K_1[] = {
// CHECK-NEXT:     { MPLOOP_STAGE_SERIAL_IN_ORDER, 17, sizeof(struct __mploop_carry_1) },
// CHECK-NEXT:     { MPLOOP_STAGE_PARALLEL, 24, sizeof(struct __mploop_carry_1) },
// CHECK-NEXT:     { MPLOOP_STAGE_SERIAL_IN_ORDER, 26, 0 }
// CHECK-NEXT: };
// CHECK-NEXT: mploop_loop __mploop_L_1;
// CHECK-NEXT: mploop_params __mploop_p_1 = {0};
// CHECK-NEXT: __mploop_p_1.abi = 3; __mploop_p_1.size = sizeof __mploop_p_1;
// CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER(w), "mploop: {{.*}}pipeline_basic.c:16: num_workers must be an integer expression, not w");
// CHECK-NEXT: __mploop_p_1.has_workers = 1; __mploop_p_1.workers = (long)(w);
// CHECK-NEXT: __mploop_p_1.cond = ((n > 100)) != 0;
// CHECK-NEXT: _Static_assert(MPLOOP_IS_INTEGER(16), "mploop: {{.*}}pipeline_basic.c:16: tokens must be an integer expression, not 16");
// CHECK-NEXT: mploop_pipe_begin(&__mploop_L_1, &__mploop_site_1, &__mploop_p_1, __mploop_K_1, 3, (mploop_u64)(16));
// CHECK-NEXT: mploop_frame(&__mploop_L_1, __builtin_frame_address(0));
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&in, sizeof(in), "in");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&n, sizeof(n), "n");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&w, sizeof(w), "w");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&total, sizeof(total), "total");
// CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
// CHECK-NEXT: int __mploop_ps_1 = 0;
// CHECK-NEXT: unsigned __mploop_pk_1;
// CHECK-NEXT: const void *__mploop_in_1;
// CHECK-NEXT: void *__mploop_out_1;
// CHECK-NEXT: while (mploop_pipe_next(&__mploop_L_1, __mploop_ps_1, &__mploop_pk_1, &__mploop_in_1, &__mploop_out_1)) {
// CHECK-NEXT: __mploop_ps_1 = MPLOOP_DROP;
// CHECK-NEXT: switch (__mploop_pk_1) {
// CHECK-NEXT: case 0:
// CHECK-NEXT: if (!(i < n)) { __mploop_ps_1 = MPLOOP_STOP; break; }
// CHECK-NEXT: do {
// CHECK-NEXT: #line 17 "{{.*}}pipeline_basic.c"
// CHECK-NEXT: {{^                                 $}}
// CHECK-NEXT:         struct rec r;
// CHECK-NEXT:         if (in[i] < 0)
// CHECK-NEXT:             { __mploop_ps_1 = MPLOOP_STOP; break; }
// CHECK-NEXT:         if (in[i] == 0)
// CHECK-NEXT:             continue;
// CHECK-NEXT:         r.id = in[i];
// CHECK-EMPTY:
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c0, (const void *)&i, sizeof i);
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c1, (const void *)&r, sizeof r);
// CHECK-NEXT: __mploop_ps_1 = 0;
// CHECK-NEXT: } while (0);
// CHECK-NEXT: if (__mploop_ps_1 != MPLOOP_STOP) { i++; }
// CHECK-NEXT: break;
// CHECK-NEXT: case 1: {
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c0) i = ((const struct __mploop_carry_1 *)__mploop_in_1)->c0;
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c1) r = ((const struct __mploop_carry_1 *)__mploop_in_1)->c1;
// CHECK-NEXT: do {
// CHECK-NEXT: #line 24 "{{.*}}pipeline_basic.c"
// CHECK-NEXT: {{^                             $}}
// CHECK-NEXT:         int len = snprintf(r.text, sizeof r.text, "item %d", r.id);
// CHECK-EMPTY:
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c0, (const void *)&i, sizeof i);
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c1, (const void *)&r, sizeof r);
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c2, (const void *)&len, sizeof len);
// CHECK-NEXT: __mploop_ps_1 = 0;
// CHECK-NEXT: } while (0);
// CHECK-NEXT: }
// CHECK-NEXT: break;
// CHECK-NEXT: case 2: {
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c0) i = ((const struct __mploop_carry_1 *)__mploop_in_1)->c0;
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c1) r = ((const struct __mploop_carry_1 *)__mploop_in_1)->c1;
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c2) len = ((const struct __mploop_carry_1 *)__mploop_in_1)->c2;
// CHECK-NEXT: do {
// CHECK-NEXT: #line 26 "{{.*}}pipeline_basic.c"
// CHECK-NEXT: {{^                           $}}
// CHECK-NEXT:         total += len;
// CHECK-NEXT:         printf("%d: %s\n", i, r.text);
// CHECK-NEXT: {{^    $}}
// CHECK-NEXT: __mploop_ps_1 = 0;
// CHECK-NEXT: } while (0);
// CHECK-NEXT: }
// CHECK-NEXT: break;
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: mploop_end(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: mploop_pipe_join(&__mploop_L_1);
// CHECK-NEXT: mploop_pipe_done(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: #line 30 "{{.*}}pipeline_basic.c"
// CHECK-NEXT:     return total;
// CHECK-NEXT: }
