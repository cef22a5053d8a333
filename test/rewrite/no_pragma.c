// A file without any mploop pragma comes out unchanged, byte for byte: no
// include, no #line, no attributes.
//
// RUN: %mploop %s -o %t.c
// RUN: diff %s %t.c
// RUN: %mploop %s -- -DTWICE | cmp - %s

#include <stdio.h>

#define TWICE(x) ((x) * 2)

int main(void)
{
	int total = 0;   	/* tabs and trailing spaces */    
	for (int i = 0; i < 10; i++)
		total += TWICE(i);
	printf("%d\n", total);
	return 0;
}
