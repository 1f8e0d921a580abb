#ifndef REPORTD_CHEAP_H
#define REPORTD_CHEAP_H

/* glibc's malloc_trim(0): hands the heap's free pages back to the kernel. Swift's Glibc module does not export it. */
int reportd_trim_heap(void);

#endif
