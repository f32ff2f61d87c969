import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus (Debian's `prometheus` package, installed by `scripts/install-deps --test`)
/// on 127.0.0.1 over a TSDB backfilled with `promtool tsdb create-blocks-from openmetrics`.
/// Each test starts its own server on a free port over its own copy of the blocks and stops it.
public final class PrometheusServer: @unchecked Sendable {
    public static let prometheus = "/usr/bin/prometheus"
    public static let promtool = "/usr/bin/promtool"

    /// Whether both programs are installed (tests skip with a message when not).
    public static var installed: Bool {
        FileManager.default.isExecutableFile(atPath: prometheus) && FileManager.default.isExecutableFile(atPath: promtool)
    }

    /// Why the tests are skipped, when they are.
    public static let missing = "prometheus and promtool are not installed (Debian's `prometheus` package: scripts/install-deps --test); the tests against a real Prometheus are skipped"

    /// Backfills a TSDB from OpenMetrics text into a new folder and returns it. promtool writes
    /// one block per 2 hours that hold data, so keep the samples sparse.
    public static func backfill(openMetrics: String) throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        let input = folder.appendingPathComponent("history.om")
        try openMetrics.write(to: input, atomically: true, encoding: .utf8)
        let blocks = folder.appendingPathComponent("tsdb")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input.path, blocks.path]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerError("promtool failed: \(String(decoding: message, as: UTF8.self))")
        }
        return blocks
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public let url: String
    private let process: Process
    private let folder: URL

    /// Starts Prometheus over a copy of `blocks` (a backfilled TSDB) on a free port of 127.0.0.1
    /// and waits until it answers /-/ready (at most 30 s).
    public init(blocks: URL) throws {
        folder = try CommandRunner.temporaryFolder()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: blocks, to: data)
        let config = folder.appendingPathComponent("prometheus.yml")
        try "global:\n  scrape_interval: 1h\n".write(to: config, atomically: true, encoding: .utf8)
        let port = try LoopbackHTTPServer.freePort()
        url = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.prometheus)
        process.arguments = ["--config.file=\(config.path)", "--storage.tsdb.path=\(data.path)",
                             "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if process.isRunning == false { throw ServerError("prometheus exited with \(process.terminationStatus)") }
            if let status = try? LoopbackHTTPServer.status(of: "/-/ready", port: port), status == 200 { return }
            usleep(100_000)
        }
        stop()
        throw ServerError("prometheus did not get ready on \(url) within 30 s")
    }

    /// Stops the server (SIGTERM, then waits) and removes its data.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 for tests: records each request (request line and
/// headers) and answers with what `respond` returns for it. One connection at a time.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public let port: Int
    private let socket: Int32
    private let lock = NSLock()
    private var recorded: [String] = []
    private let respond: @Sendable (String) -> (status: Int, body: String)

    /// Every request received so far, as text (request line and headers).
    public var requests: [String] { lock.withLock { recorded } }

    public init(respond: @escaping @Sendable (String) -> (status: Int, body: String)) throws {
        self.respond = respond
        (socket, port) = try Self.listen()
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    deinit { close(socket) }

    /// Stops listening.
    public func stop() { shutdown(socket, Int32(SHUT_RDWR)) }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !bytes.suffix(4).elementsEqual("\r\n\r\n".utf8) {
                let count = read(client, &buffer, buffer.count)
                guard count > 0 else { break }
                bytes += buffer[0..<count]
            }
            let request = String(decoding: bytes, as: UTF8.self)
            lock.withLock { recorded.append(request) }
            let answer = respond(request)
            let body = Array(answer.body.utf8)
            let head = "HTTP/1.1 \(answer.status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            let reply = Array(head.utf8) + body
            // MSG_NOSIGNAL: a client that gave up (a timeout test) must not SIGPIPE the test process.
            _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(client)
        }
    }

    /// A listening socket on 127.0.0.1 at a port the kernel chooses.
    static func listen() throws -> (Int32, Int) {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PrometheusServer.ServerError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else { close(fd); throw PrometheusServer.ServerError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port of 127.0.0.1 free a moment ago (bound, read, closed).
    public static func freePort() throws -> Int {
        let (fd, port) = try listen()
        close(fd)
        return port
    }

    /// The HTTP status of GET `path` on 127.0.0.1:`port` (nil when nothing answers).
    static func status(of path: String, port: Int) throws -> Int? {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        guard count > 12 else { return nil }
        return Int(String(decoding: buffer[9..<12], as: UTF8.self))
    }
}
