import Foundation
import Synchronization

/// A progress bar on standard error, shown only when standard error is a
/// terminal and the run has lasted more than a second. It never moves back:
/// worker threads report their chunks out of order, the bar shows the most so far.
final class ProgressBar: Sendable {
    private let label: String
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private let shown = Mutex(false)
    private let most = Mutex(0.0)

    init(label: String) {
        self.label = label
    }

    /// Reports the completed fraction (0…1); cheap when disabled or early.
    var update: @Sendable (Double) -> Void {
        { [self] fraction in
            guard enabled, Date().timeIntervalSince(start) > 1 else { return }
            let fraction = most.withLock { most in
                most = max(most, fraction)
                return most
            }
            let width = 30
            let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
            let line = "\r\(label) [" + String(repeating: "#", count: filled)
                + String(repeating: ".", count: width - filled) + "] \(Int(fraction * 100)) %"
            shown.withLock { $0 = true }
            _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        }
    }

    /// Clears the bar if it was drawn.
    func finish() {
        if shown.withLock({ $0 }) { _ = "\r\u{1B}[K".utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) } }
    }
}
