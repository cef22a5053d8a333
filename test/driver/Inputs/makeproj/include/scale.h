/* Found through -Iinclude in the Makefile's CFLAGS. */
#define MUL(x) ((x) * SCALE)
