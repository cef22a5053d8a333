/* Found next to the sources (a "..." include). */
long weight(int i);
long sum_squares(const long *v, int n);
