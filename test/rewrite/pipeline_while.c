// A while loop as a pipeline: its test opens stage 0, a variable declared
// outside the loop that stage 0 writes is carried (a counter, an array that
// fgets fills), an array carried is copied with __builtin_memcpy, a pointer
// carried is checked before each store, `serial unordered` is
// MPLOOP_STAGE_SERIAL, `_Pragma` works for `stage`, and the loop after the
// pipeline is loop 2.  Passing the array to puts (const char *) is a read.
//
// RUN: %mploop %s | FileCheck %s --match-full-lines
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

int puts(const char *);
char *fgets(char *, int, void *);

void scan(void *f, char *buf, int *out, int n)
{
    char line[64];
    int count = 0;
#pragma mploop pipeline
    while (count < n && fgets(line, sizeof line, f)) {
        char *slot = buf + 64 * (count % 4);
        count++;
_Pragma("mploop stage parallel")
        slot[0] = line[0];
#pragma mploop stage serial unordered
        out[count] = slot[0];
        puts(line);
    }
#pragma mploop for
    for (int i = 0; i < n; i++)
        out[i]++;
}

// CHECK: { /* mploop: pipeline at {{.*}}pipeline_while.c:19 */
// CHECK-NEXT: static const mploop_site __mploop_site_1 = { "{{.*}}pipeline_while.c", 19, 5, "", MPLOOP_SITE_PIPELINE };
// CHECK-NEXT: struct __mploop_carry_1 { __typeof__(count) c0; __typeof__(line) c1; __typeof__(char *) c2; };
// CHECK-NEXT: static const mploop_stage_spec __mploop_K_1[] = {
// CHECK-NEXT:     { MPLOOP_STAGE_SERIAL_IN_ORDER, 19, sizeof(struct __mploop_carry_1) },
// CHECK-NEXT:     { MPLOOP_STAGE_PARALLEL, 22, sizeof(struct __mploop_carry_1) },
// CHECK-NEXT:     { MPLOOP_STAGE_SERIAL, 24, 0 }
// CHECK-NEXT: };
// CHECK: __mploop_p_1.cond = 1;
// CHECK-NEXT: mploop_pipe_begin(&__mploop_L_1, &__mploop_site_1, &__mploop_p_1, __mploop_K_1, 3, (mploop_u64)(0));
// CHECK: mploop_local(&__mploop_L_1, (void *)&line, sizeof(line), "line[]");
// CHECK-NEXT: mploop_local(&__mploop_L_1, (void *)&count, sizeof(count), "count");
// CHECK-NEXT: if (mploop_start(&__mploop_L_1)) {
// CHECK: case 0:
// CHECK-NEXT: if (!(count < n && fgets(line, sizeof line, f))) { __mploop_ps_1 = MPLOOP_STOP; break; }
// CHECK-NEXT: do {
// CHECK-NEXT: #line 19 "{{.*}}pipeline_while.c"
// CHECK:         count++;
// CHECK-EMPTY:
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c0, (const void *)&count, sizeof count);
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c1, (const void *)&line, sizeof line);
// CHECK-NEXT: if (slot && !mploop_shared_owns((const void *)slot)) mploop_fail("pointer 'slot' carried from stage 0 to stage 1 points to %p, outside mploop_shared_alloc memory: the next stage runs in another process; allocate what it points to with mploop_shared_alloc, or carry the data by value (an array or a struct)", (void *)slot);
// CHECK-NEXT: __builtin_memcpy((void *)&((struct __mploop_carry_1 *)__mploop_out_1)->c2, (const void *)&slot, sizeof slot);
// CHECK-NEXT: __mploop_ps_1 = 0;
// CHECK-NEXT: } while (0);
// CHECK-NEXT: break;
// CHECK-NEXT: case 1: {
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c0) count = ((const struct __mploop_carry_1 *)__mploop_in_1)->c0;
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c1) line; __builtin_memcpy((void *)&line, (const void *)((const struct __mploop_carry_1 *)__mploop_in_1)->c1, sizeof line);
// CHECK-NEXT: __attribute__((__unused__)) __typeof__(((struct __mploop_carry_1 *)0)->c2) slot = ((const struct __mploop_carry_1 *)__mploop_in_1)->c2;
// CHECK-NEXT: do {
// CHECK-NEXT: #line 22 "{{.*}}pipeline_while.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT:         slot[0] = line[0];
// CHECK: if (slot && !mploop_shared_owns((const void *)slot)) mploop_fail("pointer 'slot' carried from stage 1 to stage 2 {{.*}}
// CHECK: case 2: {
// CHECK: #line 24 "{{.*}}pipeline_while.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT:         out[count] = slot[0];
// CHECK-NEXT:         puts(line);
// CHECK: mploop_pipe_done(&__mploop_L_1);
// CHECK-NEXT: }
// CHECK-NEXT: #line 28 "{{.*}}pipeline_while.c"
// CHECK: static const mploop_site __mploop_site_2 = { "{{.*}}pipeline_while.c", 29, 5, "i", MPLOOP_SITE_VAR_SIGNED };
