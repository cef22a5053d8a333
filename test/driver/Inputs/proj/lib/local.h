#define B_VALUE 7
