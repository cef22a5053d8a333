/* A loop mploop refuses: `break` leaves the annotated loop (line 9). */
int find(const int *a, int n)
{
    int at = -1;
#pragma mploop for lastprivate(at)
    for (int i = 0; i < n; i++) {
        if (a[i] == 42) {
            at = i;
            break;
        }
    }
    return at;
}
