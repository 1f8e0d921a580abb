/// Holds the workers while a machine fault (disk full, archive not writable) lasts: nothing new is
/// claimed, and one held-back report at a time is let through to probe whether the fault has cleared.
actor FaultGate {
    private var closed = false
    private var probes = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Returns at once while the gate is open; while it is closed, when a probe is allowed.
    func pass() async {
        guard closed else { return }
        if probes > 0 {
            probes -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Closes the gate; true if it was open (the moment to log the fault, once).
    func close() -> Bool {
        defer { closed = true }
        return !closed
    }

    /// Opens the gate and lets every worker go; true if it was closed.
    func open() -> Bool {
        let wasClosed = closed
        closed = false
        probes = 0
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
        return wasClosed
    }

    /// Lets one worker through the closed gate.
    func allowProbe() {
        guard closed else { return }
        if !waiters.isEmpty {
            waiters.removeFirst().resume()
        } else {
            probes += 1
        }
    }

    /// Releases every waiting worker for shutdown.
    func release() {
        _ = open()
    }
}
