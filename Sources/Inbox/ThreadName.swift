import Foundation

/// The name `ps -L`, `top -H` and `/proc/<pid>/task/*/comm` show for a thread of reportd's own.
enum ThreadName {
    /// Names the calling thread (at most 15 bytes) through `/proc/thread-self/comm`: Foundation's
    /// `Thread.name` does not reach the kernel here, and Swift cannot see glibc's `pthread_setname_np`.
    static func set(_ name: String) {
        try? Data(name.utf8.prefix(15)).write(to: URL(fileURLWithPath: "/proc/thread-self/comm", isDirectory: false))
    }
}
