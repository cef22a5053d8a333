// The `snapshot` clause (no arguments) asks for snapshot mode: the site's
// flags get MPLOOP_SITE_SNAPSHOT.  Without it the flag is absent.
//
// RUN: %mploop %s | FileCheck %s
// RUN: %mploop %s -o %t.c && %cc -fsyntax-only -Wall -Werror -I%S/../../include %t.c

void f(double *a, int n)
{
    // CHECK: loop at {{.*}}clause_snapshot.c:[[@LINE+2]]
#pragma mploop for snapshot
    for (int i = 0; i < n - 1; i++) a[i] = a[i + 1];
    // CHECK-NEXT: static const mploop_site __mploop_site_1 = { "{{.*}}clause_snapshot.c", [[@LINE-1]], 5, "i", MPLOOP_SITE_VAR_SIGNED | MPLOOP_SITE_SNAPSHOT };

    // CHECK: loop at {{.*}}clause_snapshot.c:[[@LINE+2]]
#pragma mploop for schedule(dynamic), snapshot num_workers(2)
    for (unsigned i = 0; i < (unsigned)n - 1; i++) a[i] = a[i + 1];
    // CHECK-NEXT: static const mploop_site __mploop_site_2 = { "{{.*}}clause_snapshot.c", [[@LINE-1]], 5, "i", 0 | MPLOOP_SITE_SNAPSHOT };

    // CHECK: loop at {{.*}}clause_snapshot.c:[[@LINE+2]]
#pragma mploop for
    for (int i = 0; i < n; i++) a[i] = 0;
    // CHECK-NEXT: static const mploop_site __mploop_site_3 = { "{{.*}}clause_snapshot.c", [[@LINE-1]], 5, "i", MPLOOP_SITE_VAR_SIGNED };
}
