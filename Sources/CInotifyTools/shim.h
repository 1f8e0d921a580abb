// libinotifytools forward-declares struct inotify_event: the kernel header must come first.
#include <sys/inotify.h>
#include <inotifytools/inotifytools.h>

/// The name carried by an event (a flexible array member, which Swift cannot read directly).
static inline const char *reportd_inotify_event_name(const struct inotify_event *event) {
    return event->len > 0 ? event->name : "";
}
