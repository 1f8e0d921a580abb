import CInotifyTools
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Something the inbox watch saw.
public enum InboxEvent: Sendable, Equatable {
    /// A file was closed after writing, or moved in: it is complete and may be claimed.
    case arrived(URL)
    /// A folder appeared (recursive watches): it is now watched, and what it holds must be scanned.
    case folderAdded(URL)
    /// Events were lost (the kernel queue or this sequence's buffer overflowed): scan the inbox.
    case overflow
}

/// The inbox watch as an `AsyncSequence`: one dedicated thread runs libinotifytools (process-global and
/// not thread-safe) and hands each event over, as service-lifecycle's `UnixSignalsSequence` does with signals.
///
/// Only `IN_CLOSE_WRITE` and `IN_MOVED_TO` count as a file's arrival, never its `IN_CREATE`, so a
/// half-written file is not read; `IN_CREATE` is heeded only for what cannot be half-written (links, folders, FIFOs). The sequence ends when iteration stops; the thread notices within a second.
public struct InboxEvents: AsyncSequence, Sendable {
    public typealias Element = InboxEvent

    private let stream: AsyncStream<InboxEvent>

    /// Starts watching `inbox` (and its subfolders when `recursive`); returns once the watch is up.
    public init(inbox: URL, recursive: Bool, bufferSize: Int = 4096, logger: Logger) throws {
        let started = DispatchSemaphore(value: 0)
        let startError = LockedBox<(any Error)?>(nil)
        let stop = LockedBox(false)
        var continuation: AsyncStream<InboxEvent>.Continuation!
        stream = AsyncStream(bufferingPolicy: .bufferingOldest(bufferSize)) { continuation = $0 }
        let output = continuation!
        output.onTermination = { _ in stop.set(true) }
        let thread = Thread {
            ThreadName.set("reportd-inotify")
            InotifyThread(inbox: inbox, recursive: recursive, output: output, stop: stop, logger: logger)
                .run(started: started, startError: startError)
        }
        thread.name = "reportd-inotify"
        thread.start()
        started.wait()
        if let error = startError.value {
            output.finish()
            throw error
        }
    }

    public func makeAsyncIterator() -> AsyncStream<InboxEvent>.AsyncIterator {
        stream.makeAsyncIterator()
    }
}

/// The watch could not be set up.
public struct InboxWatchError: Error, CustomStringConvertible {
    public var description: String
}

/// The body of the dedicated inotify thread.
private struct InotifyThread {
    let inbox: URL
    let recursive: Bool
    let output: AsyncStream<InboxEvent>.Continuation
    let stop: LockedBox<Bool>
    let logger: Logger

    /// Held by the one thread that may call libinotifytools. A watch that just ended lets go within a second.
    static let turn = WatchTurn()

    var mask: Int32 {
        Int32(bitPattern: UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE))
    }

    func run(started: DispatchSemaphore, startError: LockedBox<(any Error)?>) {
        guard Self.turn.take(within: 3) else {
            startError.set(InboxWatchError(description: "the inbox is already watched in this process"))
            started.signal()
            return
        }
        defer { Self.turn.release() }
        guard inotifytools_initialize() != 0 else {
            startError.set(InboxWatchError(description: "inotify cannot start: \(String(cString: strerror(inotifytools_error())))"))
            started.signal()
            return
        }
        defer { inotifytools_cleanup() }
        let watched = recursive
            ? inotifytools_watch_recursively(inbox.path, mask)
            : inotifytools_watch_file(inbox.path, mask)
        guard watched != 0 else {
            startError.set(InboxWatchError(description: "cannot watch \(inbox.path): \(String(cString: strerror(inotifytools_error())))"))
            started.signal()
            return
        }
        started.signal()

        var lost = false
        while !stop.value {
            if lost { lost = !deliver(.overflow) }
            guard let event = inotifytools_next_event(1) else {
                let error = inotifytools_error()
                if error != 0 && error != EINTR {
                    logger.error("inotify read failed", metadata: ["error": "\(String(cString: strerror(error)))"])
                }
                continue
            }
            let flags = event.pointee.mask
            if flags & UInt32(IN_Q_OVERFLOW) != 0 {
                logger.warning("inotify queue overflowed; the inbox will be scanned")
                lost = !deliver(.overflow) || lost
                continue
            }
            guard let folder = inotifytools_filename_from_wd(event.pointee.wd) else { continue }
            let folderPath = String(cString: folder)
            let rawName = Array(UnsafeRawBufferPointer(start: reportd_inotify_event_name(event), count: strlen(reportd_inotify_event_name(event))))
            guard !rawName.isEmpty else { continue }
            // A non-UTF-8 name is renamed in place; its IN_MOVED_TO brings it back under the new name.
            guard let name = String(validating: rawName, as: UTF8.self) else {
                _ = InboxNames.name(rawName, in: folderPath.hasSuffix("/") ? String(folderPath.dropLast()) : folderPath)
                continue
            }
            // Built without looking at the file system: `appendingPathComponent(_:)` stats the path to decide.
            let parent = URL(fileURLWithPath: folderPath, isDirectory: true)
            let isFolder = flags & UInt32(IN_ISDIR) != 0
            let url = isFolder ? parent.appendingPathComponent(name, isDirectory: true) : parent.appending(component: name)
            if isFolder {
                guard recursive else {
                    lost = !deliver(.arrived(url)) || lost
                    continue
                }
                if inotifytools_watch_recursively(url.path, mask) == 0 {
                    logger.warning("new inbox folder cannot be watched", metadata: ["folder": "\(url.path)"])
                }
                lost = !deliver(.folderAdded(url)) || lost
            } else if flags & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                lost = !deliver(.arrived(url)) || lost
            } else if flags & UInt32(IN_CREATE) != 0, Self.isCompleteAtCreation(url) {
                lost = !deliver(.arrived(url)) || lost
            }
        }
        output.finish()
    }

    /// True for what is whole the moment it is created: a symlink, FIFO, device or socket, or a hard link
    /// to an existing file. A new regular file is not: it is read only after IN_CLOSE_WRITE.
    static func isCompleteAtCreation(_ url: URL) -> Bool {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) != S_IFREG || status.st_nlink > 1
    }

    /// False when the buffer was full and the event was dropped: an overflow must follow.
    private func deliver(_ event: InboxEvent) -> Bool {
        switch output.yield(event) {
        case .enqueued: return true
        case .dropped: return false
        case .terminated: stop.set(true); return true
        @unknown default: return false
        }
    }
}

/// Who may use libinotifytools now: one watch at a time per process.
final class WatchTurn: @unchecked Sendable {
    private let condition = NSCondition()
    private var taken = false

    /// Takes the turn, waiting up to `seconds` for a watch that is ending; false if none ended.
    func take(within seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while taken {
            if !condition.wait(until: deadline) { return false }
        }
        taken = true
        return true
    }

    func release() {
        condition.lock()
        taken = false
        condition.broadcast()
        condition.unlock()
    }
}

/// A value behind a lock, shared between the inotify thread and the tasks that read it.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func set(_ value: Value) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    /// Changes the value in place, under the lock.
    func update(_ change: (inout Value) -> Void) {
        lock.lock()
        change(&stored)
        lock.unlock()
    }
}
