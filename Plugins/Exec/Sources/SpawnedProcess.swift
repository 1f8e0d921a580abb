import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process in a process group of its own, with pipes on its standard streams, so that stopping
/// it stops whatever it started too (a shell's `sleep`, a converter it runs).
final class SpawnedProcess: @unchecked Sendable {
    let pid: pid_t
    let input: FileHandle
    let output: FileHandle
    let errors: FileHandle
    private let lock = NSLock()
    private var status: Int32?

    /// A plugin that exits before reading all of its input must give its writer EPIPE, not a SIGPIPE
    /// that would end the whole daemon.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String) throws {
        Self.ignoreBrokenPipes
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw POSIXError.current
        }
        for fd in stdinPipe + stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        // posix_spawn cannot change folder here (no addchdir_np in Swift's Glibc): env(1) does, then execs the plugin.
        let launcher = "/usr/bin/env"
        let argv = ([launcher, "-C", workingDirectory, "--", executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, launcher, &actions, &attributes, argv, envp)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1])
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        pid = child
        input = FileHandle(fileDescriptor: stdinPipe[1], closeOnDealloc: true)
        output = FileHandle(fileDescriptor: stdoutPipe[0], closeOnDealloc: true)
        errors = FileHandle(fileDescriptor: stderrPipe[0], closeOnDealloc: true)
    }

    /// The exit status once the process has ended (128 + signal for a signal), nil while it runs.
    var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let status { return status }
        var raw: Int32 = 0
        let reaped = waitpid(pid, &raw, WNOHANG)
        if reaped == -1, errno == ECHILD {
            // Someone else reaped it (Foundation's SIGCHLD handling): it has ended, status unknown.
            status = 255
            return status
        }
        guard reaped == pid else { return nil }
        let signal = raw & 0x7F
        status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return status
    }

    var isRunning: Bool { exitStatus == nil }

    /// SIGTERM to the whole group, SIGKILL after a grace period, then reaps the child.
    func stop(grace: Duration = .seconds(1)) {
        guard isRunning else {
            kill(-pid, SIGKILL)
            return
        }
        kill(-pid, SIGTERM)
        let end = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < end { usleep(5_000) }
        kill(-pid, SIGKILL)
        while isRunning { usleep(1_000) }
    }
}
