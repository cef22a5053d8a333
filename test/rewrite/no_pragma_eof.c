// no newline at the end of this file
// RUN: %mploop %s | cmp - %s
int x;