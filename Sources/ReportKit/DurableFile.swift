import CFileSync
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes that survive a crash: data is fsynced before it is renamed into place, and the folder after.
public enum DurableFile {
    /// Writes `data` to a temporary file beside `url`, fsyncs it, renames it over `url`, fsyncs the folder.
    public static func write(_ data: Data, to url: URL, sync: Bool = true) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appending(component: ".\(url.lastPathComponent).\(UniqueToken.make()).tmp")
        do {
            try writeFile(data, to: temporary, sync: sync)
            try rename(temporary, to: url)
        } catch {
            unlink(temporary.path)
            throw error
        }
        if sync { try syncFolder(folder) }
    }

    /// Creates `url` with `data` and, when asked, fsyncs it; fails if it exists.
    public static func writeFile(_ data: Data, to url: URL, sync: Bool = true) throws {
        let fd = try createFile(url)
        defer { close(fd) }
        try write(data, to: fd, sync: sync)
    }

    /// Creates `url`, empty and open for writing; fails if it exists. The caller closes the descriptor.
    public static func createFile(_ url: URL) throws -> Int32 {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError.current }
        return fd
    }

    /// Writes all of `data` to the open file `fd` and, when asked, fsyncs it.
    public static func write(_ data: Data, to fd: Int32, sync: Bool) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError.current
                }
                offset += written
            }
        }
        if sync, fsync(fd) != 0 { throw POSIXError.current }
    }

    /// `mkdir(2)` of `url` and, when they are missing, its parents; an existing folder is fine. Costs one
    /// call when the parent exists, where FileManager's intermediate-directories path stats every ancestor.
    public static func createFolder(_ url: URL) throws {
        if mkdir(url.path, 0o777) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXError.current }
        let parent = url.deletingLastPathComponent()
        guard parent.path != url.path else { throw POSIXError.current }
        try createFolder(parent)
        if mkdir(url.path, 0o777) != 0, errno != EEXIST { throw POSIXError.current }
    }

    /// Flushes a folder's entries (new names, renames) to disk.
    public static func syncFolder(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError.current }
        defer { close(fd) }
        if fsync(fd) != 0 { throw POSIXError.current }
    }

    /// `syncfs(2)`: flushes every pending write of the filesystem holding `url` in one go, which is
    /// what lets a group commit make many files durable for the price of one sync.
    public static func syncFilesystem(containing url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError.current }
        defer { close(fd) }
        if reportd_syncfs(fd) != 0 { throw POSIXError.current }
    }

    /// `rename(2)`: atomic within one filesystem, replaces a file at the destination.
    public static func rename(_ source: URL, to destination: URL) throws {
        if Glibc.rename(source.path, destination.path) != 0 { throw POSIXError.current }
    }
}

extension POSIXError {
    /// The error `errno` holds now.
    public static var current: POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

/// Short unique names for temporary and spooled files: time, process and a counter.
public enum UniqueToken {
    private static let counter = Counter()

    public static func make() -> String {
        let now = Date().timeIntervalSince1970
        let micros = UInt64(now * 1_000_000)
        return String(micros, radix: 36) + "-" + String(getpid(), radix: 36) + "-" + String(counter.next(), radix: 36)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value: UInt64 = 0
        func next() -> UInt64 {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
