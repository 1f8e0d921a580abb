#include <malloc.h>
#include "CHeap.h"

int reportd_trim_heap(void) { return malloc_trim(0); }
