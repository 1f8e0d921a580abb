import Foundation

/// Makes a folder unwritable for the duration of a test, even for root: a read-only tmpfs is mounted
/// over it when running as root (permission bits do not stop root), its mode is dropped otherwise.
public final class WriteBlock {
    public let url: URL
    private let mounted: Bool
    private var lifted = false

    public init(_ url: URL) throws {
        self.url = url
        if getuid() == 0 {
            try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "ro,size=64k,mode=0755", "tmpfs", url.path])
            mounted = true
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: url.path)
            mounted = false
        }
    }

    /// Makes the folder writable again.
    public func lift() throws {
        guard !lifted else { return }
        lifted = true
        if mounted {
            try Self.run("/bin/umount", [url.path])
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
    }

    deinit { try? lift() }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments) exited \(process.terminationStatus)"])
        }
    }
}
