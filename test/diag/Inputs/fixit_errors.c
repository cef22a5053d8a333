struct S { int x; };
int g(struct S *s) { return s.x; }
int f(int a)
{
    int y = a
    return y;
}
