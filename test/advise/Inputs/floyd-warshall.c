/* floyd-warshall: all-pairs shortest paths (after PolyBench/C's
 * floyd-warshall); the k loop carries the dependence, the i loop inside it
 * does not. */
#include <stdio.h>

#define N 80

static int path[N][N];

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            path[i][j] = i * j % 7 + 1;
            if ((i + j) % 13 == 0 || (i + j) % 7 == 0 || (i + j) % 11 == 0)
                path[i][j] = 999;
        }

    for (int k = 0; k < N; k++)
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                path[i][j] = path[i][j] < path[i][k] + path[k][j] ? path[i][j]
                                                                  : path[i][k] + path[k][j];

    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            printf("%d%c", path[i][j], j == N - 1 ? '\n' : ' ');
    return 0;
}
