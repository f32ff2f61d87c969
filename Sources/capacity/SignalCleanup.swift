import CapacityKit
import Foundation

/// Removes the pending temporary file of an `--output` write when the process
/// is interrupted (SIGINT, SIGTERM, SIGHUP), then dies of the same signal; and
/// ignores SIGPIPE, so that a closed pipe on standard output is a write error
/// (reported, exit 74) rather than a silent death.
///
/// The handler may only call async-signal-safe functions, so the path lives in
/// a fixed C buffer filled by ``OutputSink/temporaryFileObserver`` before the
/// temporary file is created and emptied after it is renamed or removed.
enum SignalCleanup {
    /// Installs the handlers and the observer; call once at start.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        OutputSink.temporaryFileObserver = { path in
            pendingPath[0] = 0
            guard let path else { return }
            let bytes = Array(path.utf8.prefix(capacity - 1))
            for (index, byte) in bytes.enumerated() { pendingPath[index + 1] = CChar(bitPattern: byte) }
            pendingPath[bytes.count + 1] = 0
            pendingPath[0] = 1  // the path is complete
        }
        // A parent may have started us with these blocked (the mask is inherited): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, handle)
            sigaddset(&set, signalNumber)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static let capacity = Int(PATH_MAX) + 2
    /// Byte 0: 1 while a temporary file may exist; the path from byte 1, NUL-terminated.
    nonisolated(unsafe) private static let pendingPath: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
        return buffer
    }()

    private static let handle: @convention(c) (Int32) -> Void = { signalNumber in
        if SignalCleanup.pendingPath[0] == 1 { unlink(SignalCleanup.pendingPath + 1) }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }
}
