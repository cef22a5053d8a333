/* A shared object with transformed code of its own (module.c): globals and
 * static locals that a loop of the executable writes by calling in. */
int lib_counts[100];
static int lib_hidden[100];

void lib_bump(int i)
{
    static int calls[100];
    lib_counts[i] += i;
    lib_hidden[i] = i * 2 + ++calls[i];
}

int lib_hidden_at(int i)
{
    return lib_hidden[i];
}

long lib_loop(int n)
{
    long s = 0;
#pragma mploop for reduction(+: s)
    for (int i = 0; i < n; i++)
        s += lib_counts[i];
    return s;
}
