import Foundation
import ReportKit
#if canImport(Glibc)
import Glibc
#endif

/// One daemon per data root: an exclusive `flock` on `state/reportd.lock`, held while the daemon runs.
public final class RootLock: Sendable {
    private let fd: Int32

    /// Takes the lock, or throws naming the root when another daemon holds it.
    public init(_ root: DataRoot) throws {
        let path = root.state.appendingPathComponent("reportd.lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError.current }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RootLockError(description: "another reportd is running on \(root.url.path) (it holds \(path))")
        }
    }

    deinit { close(fd) }
}

/// The data root is in use by another daemon.
public struct RootLockError: Error, CustomStringConvertible {
    public var description: String
}
