/* A local that the compiler warns about inside an annotated loop's body
 * (line 10): with -Werror=unused-variable, the compiler's error must point
 * at this file and line, not at the rewritten file. */
int main(void)
{
    int a[100];
#pragma mploop for
    for (int i = 0; i < 100; i++) {
        a[i] = i;
        int unused_local;
    }
    return a[99] == 99 ? 0 : 1;
}
