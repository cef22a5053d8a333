#include <mploop.h>

int answer(void)
{
    return mploop_last_error() == 0 ? 42 : 0;
}
