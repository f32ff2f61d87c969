import Foundation

/// Where a writer's text goes: standard output, or a file.
///
/// - A regular file (or a new one) is replaced atomically: the text goes to a
///   temporary sibling, is flushed to disk, then renamed over the destination,
///   so an interrupted run never leaves half a file.
/// - A symbolic link is written through: its target is replaced, the link stays.
/// - Anything else that exists — a device node such as `/dev/null`, a FIFO,
///   `/dev/stdout` — is opened and written directly, never replaced.
///
/// Failures are ``OutputError``s: ``OutputError/Kind/cannotCreate`` when the
/// file cannot be opened or created (sysexits 73), ``OutputError/Kind/io`` when
/// writing fails (74), standard output included (a full disk, a closed pipe).
public enum OutputSink {
    /// Called with the temporary file's path just before it is created, and with
    /// nil once it is renamed or removed, so that a signal handler can remove it
    /// (the CLI installs one; see `SignalCleanup`). Set it once, before any write.
    nonisolated(unsafe) public static var temporaryFileObserver: (@Sendable (String?) -> Void)?

    /// Writes `text` to the file at `path`, or to standard output when `path` is nil or "-".
    public static func write(_ text: String, to path: String?) throws(OutputError) {
        guard let path, path != "-" else {
            try writeAll(Data(text.utf8), to: STDOUT_FILENO, path: "standard output")
            return
        }
        try write(Data(text.utf8), toFile: path)
    }

    /// Writes `data` to `path` as the type's rules say: directly to an existing
    /// non-regular file, through a symlink to its target, atomically otherwise.
    public static func write(_ data: Data, toFile path: String) throws(OutputError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            guard status.st_mode & S_IFMT != S_IFDIR else { throw OutputError(path: path, reason: "it is a folder") }
            try writeDirectly(data, to: path)
            return
        }
        try writeAtomically(data, to: resolvingSymbolicLinks(path))
    }

    /// The file a chain of symbolic links ends at (the path itself when it is none).
    static func resolvingSymbolicLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {  // Linux's own limit on links followed
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = target.hasPrefix("/") ? target
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
        }
        return current
    }

    /// Opens an existing device, FIFO or socket path for writing and writes to it.
    private static func writeDirectly(_ data: Data, to path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try writeAll(data, to: descriptor, path: path)
    }

    /// Temporary file in the destination's folder, `fsync`, then `rename(2)`.
    public static func writeAtomically(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = "\(folder)/.\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
        temporaryFileObserver?(temporary)
        defer { temporaryFileObserver?(nil) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        var failure: OutputError?
        do {
            try writeAll(data, to: descriptor, path: path)
            if fsync(descriptor) != 0 { failure = OutputError(path: path, reason: String(cString: strerror(errno)), kind: .io) }
        } catch {
            failure = error
        }
        close(descriptor)
        if failure == nil && rename(temporary, path) != 0 {
            failure = OutputError(path: path, reason: String(cString: strerror(errno)))
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// `write(2)` until every byte is out; EINTR is retried, anything else is an I/O error.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(OutputError) {
        let failure: Int32? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw OutputError(path: path, reason: String(cString: strerror(failure)), kind: .io) }
    }

    /// Why `path` cannot be written, or nil when it can (as far as can be told
    /// before writing). Lets a command refuse bad `--output` before spending
    /// time on a simulation.
    public static func problem(writing path: String) -> String? {
        guard path != "-" else { return nil }
        guard !path.isEmpty else { return "the path is empty" }
        var status = stat()
        if stat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR { return "\(path) is a folder" }
            if status.st_mode & S_IFMT != S_IFREG { return access(path, W_OK) == 0 ? nil : "\(path) is not writable" }
        }
        let target = resolvingSymbolicLinks(path)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "folder \(folder) does not exist"
        }
        guard access(folder, W_OK) == 0 else { return "folder \(folder) is not writable" }
        return nil
    }
}

/// Output that could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The file could not be opened, created or renamed into place (sysexits 73, EX_CANTCREAT).
        case cannotCreate
        /// Writing failed part-way: a full disk, a closed pipe (sysexits 74, EX_IOERR).
        case io
    }

    public var path: String
    public var reason: String
    public var kind: Kind

    public init(path: String, reason: String, kind: Kind = .cannotCreate) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
