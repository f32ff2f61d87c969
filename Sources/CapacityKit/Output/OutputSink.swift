import Foundation

/// Where a writer's text goes: standard output, or a file replaced atomically.
///
/// A file is written to a temporary sibling, flushed to disk, then renamed
/// over the destination, so an interrupted run never leaves half a file.
public enum OutputSink {
    /// Writes `text` to the file at `path`, or to standard output when `path` is nil or "-".
    public static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Temporary file in the destination's folder, `fsync`, then `rename(2)`.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = "\(folder)/.\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw OutputError(path: path, reason: failure)
        }
    }

    /// Why `path` cannot be written, or nil when its folder exists and is writable.
    /// Lets a command refuse bad `--output` before spending time on a simulation.
    public static func problem(writing path: String) -> String? {
        guard path != "-" else { return nil }
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(path) is a folder"
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "folder \(folder) does not exist"
        }
        guard access(folder, W_OK) == 0 else { return "folder \(folder) is not writable" }
        return nil
    }
}

/// A file that could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}
