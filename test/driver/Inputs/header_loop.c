#include <mploop.h>
#include <stdio.h>

int answer(void);

int main(void)
{
    static int a[100];
#pragma mploop for
    for (int i = 0; i < 100; i++)
        a[i] = i;
    printf("%d %d %d\n", a[99], mploop_last_error() == NULL, answer());
    return 0;
}
