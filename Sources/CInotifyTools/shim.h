// libinotifytools forward-declares struct inotify_event: the kernel header must come first.
#include <sys/inotify.h>
#include <inotifytools/inotifytools.h>
