import Foundation

/// A small tmpfs mounted over a folder, to run a test into a full disk and then give space back.
/// Needs root (mount); a test using it is enabled only when `SmallDisk.isAvailable`.
public final class SmallDisk {
    public let url: URL
    private var mounted = true

    public static var isAvailable: Bool { geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }

    /// Mounts a tmpfs of `bytes` over `url` (hiding what the folder held).
    public init(_ url: URL, bytes: Int) throws {
        self.url = url
        try WriteBlock.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes),mode=0755", "tmpfs", url.path])
    }

    /// Makes the disk `bytes` large, keeping what is on it.
    public func resize(to bytes: Int) throws {
        try WriteBlock.run("/bin/mount", ["-o", "remount,size=\(bytes)", url.path])
    }

    /// Unmounts the disk; what was written to it is gone.
    public func unmount() throws {
        guard mounted else { return }
        mounted = false
        try WriteBlock.run("/bin/umount", ["-l", url.path])
    }

    deinit { try? unmount() }
}
