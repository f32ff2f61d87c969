import Foundation
import Testing
import CapacityTestSupport


/// `capacity report`, run as a user runs it, and opened in a real headless browser.
@Suite struct ReportCommandTests {
    let capacity = CommandRunner()

    /// Compares `text` with a golden file (``Golden``).
    private func expectGolden(_ text: String, _ name: String) throws {
        let drift = try Golden.mismatch(text, name)
        #expect(drift == nil, "\(drift ?? "")")
    }

    @Test("golden Markdown and HTML: a deterministic model and the default model", arguments: [
        (["--model", Golden.folder.appendingPathComponent("report-deterministic-model.yaml").path, "--months", "8", "--paths", "200"],
         "report-deterministic"),
        (["--paths", "20000"], "report-default"),
    ])
    func golden(arguments: [String], name: String) throws {
        for (format, ext) in [("markdown", "md"), ("html", "html")] {
            let outcome = try capacity.run(["report", "--format", format, "--output", "-", "--threads", "2"] + arguments)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            try expectGolden(outcome.standardOutput, "\(name).\(ext)")
        }
    }

    @Test("without --output the page goes to capacity-report-<model>-<date>.html, written atomically, its path printed")
    func defaultFile() throws {
        let folder = try CommandRunner.temporaryFolder()
        let outcome = try capacity.run(["report", "--paths", "2000"], in: folder)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "capacity-report-4gb-production-stack-2026-11.html\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["capacity-report-4gb-production-stack-2026-11.html"])
    }

    @Test("bad input: a usage error and exit 64", arguments: [
        (["--months", "0"], "error: --months must be between 1 and 120; got 0\n"),
        (["--format", "pdf"], nil),
        (["--output", ""], "error: --output needs a file name\n"),
    ] as [([String], String?)])
    func badInput(arguments: [String], message: String?) throws {
        let outcome = try capacity.run(["report"] + arguments)
        #expect(outcome.status == 64)
        if let message { #expect(outcome.standardError == message) }
    }

    @Test("a model whose simulated years would run for hours is refused before any work, as `capacity sla` refuses it")
    func overWorkBudget() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
        // 1,000 replicas of each component: about 10⁹ replica-years per run of the default simulation.
        try text.replacingOccurrences(of: "availability: 99.95%}", with: "availability: 99.95%, replicas: 1000}")
            .replacingOccurrences(of: "availability: 99.9%}", with: "availability: 99.9%, replicas: 1000}")
            .write(to: folder.appendingPathComponent("huge.yaml"), atomically: true, encoding: .utf8)
        let sla = try capacity.run(["sla", "--model", "huge.yaml"], in: folder)
        let report = try capacity.run(["report", "--model", "huge.yaml", "--output", "r.html"], in: folder)
        #expect(sla.status == 64 && report.status == 64, "\(sla.standardError) \(report.standardError)")
        #expect(!report.standardError.isEmpty && report.standardError == sla.standardError)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["huge.yaml"], "nothing written")
    }

    @Test("--compare against a review of slower growth reports the earlier first failure with both dates")
    func compare() throws {
        let folder = try CommandRunner.temporaryFolder()
        let text = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("models/4gb-stack.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "mean: 20%", with: "mean: 15%")
            .write(to: folder.appendingPathComponent("slow.yaml"), atomically: true, encoding: .utf8)
        let old = try capacity.run(["report", "--model", "slow.yaml", "--paths", "5000", "--format", "json", "--output", "old.json"],
                                   in: folder)
        #expect(old.status == 0)
        let now = try capacity.run(["report", "--paths", "5000", "--format", "markdown", "--output", "-", "--compare", "old.json"],
                                   in: folder)
        #expect(now.status == 0, "\(now.standardError)")
        // On page one, after the decision and before the figures, and with the input that moved them.
        let page = now.standardOutput
        let changed = try #require(page.range(of: "### What changed since the last review"))
        #expect(page.range(of: "### The decision")!.lowerBound < changed.lowerBound)
        #expect(changed.lowerBound < page.range(of: "### The figures")!.lowerBound)
        #expect(changed.lowerBound < page.range(of: "## Memory")!.lowerBound)
        // Growth of 15 % puts the api container over its limit in ≥ 1 % of paths in 2027-03; at 20 %, in 2027-02.
        #expect(page.contains("| first failure | api container, 2027-03 | api container, 2027-02 | 1 month earlier |"))
        #expect(page.contains("| input growth_mean | 0.15 | 0.2 | changed: a reason the figures moved |"))
    }

    @Test("--compare with a file that is no report, or another model's: a clear error", arguments: [
        ("{\"a\": 1}", 65, "error: c.json: is not a report JSON written by `capacity report --format json` (no `model`) (--compare)\n"),
        ("{\"tool\": \"capacity\", \"command\": \"forecast\"}", 65,
         "error: c.json: is a `capacity forecast` JSON, not a report; write one with `capacity report --format json` (--compare)\n"),
        ("{\"tool\": \"capacity\", \"command\": \"report\", \"model\": \"other\", \"date\": \"2026-08\", \"summary\": "
            + "{\"worst_status\": \"SAFE\", \"p_fail_at_horizon\": {}}}", 65,
         "error: c.json: is the review of model `other`, not `4GB production stack`; compare reviews of the same system (--compare)\n"),
    ] as [(String, Int32, String)])
    func badCompare(json: String, status: Int32, message: String) throws {
        let folder = try CommandRunner.temporaryFolder()
        try json.write(to: folder.appendingPathComponent("c.json"), atomically: true, encoding: .utf8)
        let outcome = try capacity.run(["report", "--paths", "500", "--compare", "c.json"], in: folder)
        #expect(outcome.status == status)
        #expect(outcome.standardError == message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["c.json"], "nothing written")
        let missing = try capacity.run(["report", "--paths", "500", "--compare", "none.json"], in: folder)
        #expect(missing.status == 66 && missing.standardError == "error: none.json: no such file (--compare)\n")
    }

    @Test("--history draws the observed months before the fan; a missing file exits 66, a bad cell 65, nothing written")
    func history() throws {
        let folder = try CommandRunner.temporaryFolder()
        let file = CommandRunner.packageRoot.appendingPathComponent("notebooks-data/4gb-stack-history.csv").path
        let made = try capacity.run(["report", "--paths", "500", "--months", "3", "--history", file, "--format", "json",
                                     "--output", "r.json"], in: folder)
        #expect(made.status == 0, "\(made.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("r.json")))
            as? [String: Any])
        let observed = try #require(json["observed"] as? [String: Any])
        #expect((observed["months"] as? [String])?.count == 12 && observed["source"] as? String == file)
        let missing = try capacity.run(["report", "--paths", "500", "--history", "none.csv", "--output", "x.html"], in: folder)
        #expect(missing.status == 66 && missing.standardError == "error: none.csv: no such file\n")
        try "month,rps_avg,host_memory_mb\n2026-01,10,-5\n".write(to: folder.appendingPathComponent("h.csv"), atomically: true,
                                                                    encoding: .utf8)
        let bad = try capacity.run(["report", "--paths", "500", "--history", "h.csv", "--output", "x.html"], in: folder)
        #expect(bad.status == 65 && bad.standardError.hasPrefix("error: h.csv:2:12: column `host_memory_mb`"), "\(bad.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["h.csv", "r.json"])
    }

    /// Debian's headless Chromium, when installed (`scripts/install-deps --test` installs it; CI always has it).
    static let browser: String? = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]
        .flatMap { name in ["/usr/bin/", "/usr/local/bin/", "/usr/lib/chromium/"].map { $0 + name } }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("a real browser renders the default report to PNG and PDF without console errors")
    func browserRenders() throws {
        guard let browser = Self.browser else {
            let message = "no headless Chromium found: install it with `scripts/install-deps --test` to run this test"
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: message)) } else { print("skipped: \(message)") }
            return
        }
        let folder = try CommandRunner.temporaryFolder()
        let made = try capacity.run(["report", "--paths", "5000", "--output", "r.html"], in: folder)
        #expect(made.status == 0)
        let page = folder.appendingPathComponent("r.html").absoluteString
        func chromium(_ arguments: [String]) throws -> (status: Int32, log: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"] + arguments + [page]
            let log = Pipe()
            process.standardError = log
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let data = log.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let png = folder.appendingPathComponent("r.png"), pdf = folder.appendingPathComponent("r.pdf")
        let shot = try chromium(["--screenshot=\(png.path)", "--window-size=1100,1600"])
        #expect(shot.status == 0)
        let consoleErrors = shot.log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "console: \(consoleErrors)")
        // Not blank: a rendered page has many colours; an empty one, one.
        let colours = try CommandRunner.output(of: "/usr/bin/env", ["python3",
            CommandRunner.packageRoot.appendingPathComponent("Tests/CapacityCLITests/Scripts/png_colours.py").path, png.path])
        #expect((Int(colours.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 50, "distinct colours: \(colours)")

        let printed = try chromium(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"])
        #expect(printed.status == 0)
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Data("%PDF".utf8)))
        // Page count: the memory and plan sections start a page; every table and chart, and not one page per row.
        let pages = try CommandRunner.pageCount(ofPDF: pdf)
        #expect((6...24).contains(pages), "PDF pages: \(pages)")
    }

    @Test("printed, nothing is cut off: every table header of the page is in the PDF's text, for every shipped model",
          arguments: ["4gb-stack", "chat-bots", "saas-chat", "softfactory"])
    func printedHeaders(model: String) throws {
        guard let browser = Self.browser else {
            let message = "no headless Chromium found: install it with `scripts/install-deps --test` to run this test"
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: message)) } else { print("skipped: \(message)") }
            return
        }
        let folder = try CommandRunner.temporaryFolder()
        let file = CommandRunner.packageRoot.appendingPathComponent("models/\(model).yaml").path
        let made = try capacity.run(["report", "--model", file, "--paths", "3000", "--output", "r.html"], in: folder)
        #expect(made.status == 0)
        let pdf = folder.appendingPathComponent("r.pdf")
        _ = try CommandRunner.output(of: browser, ["--headless", "--no-sandbox", "--disable-gpu", "--print-to-pdf=\(pdf.path)",
                                                  "--no-pdf-header-footer", folder.appendingPathComponent("r.html").absoluteString])
        let text = try CommandRunner.output(of: "/usr/bin/pdftotext", ["-layout", pdf.path, "-"])
        // Headers are compared without white space: a wrapped or split cell still counts, a clipped one does not.
        func squeezed(_ s: String) -> String { s.filter { !$0.isWhitespace } }
        let page = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        let headers = Set(page.components(separatedBy: "<th").dropFirst().compactMap { cell -> String? in
            guard let open = cell.firstIndex(of: ">"), let close = cell.range(of: "</th>") else { return nil }
            return String(cell[cell.index(after: open)..<close.lowerBound])
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        })
        #expect(headers.count > 30, "\(model): \(headers.count) headers")
        let printed = squeezed(text)
        let missing = headers.filter { !squeezed($0).isEmpty && !printed.contains(squeezed($0)) }.sorted()
        #expect(missing.isEmpty, "\(model): headers missing from the printed page: \(missing)")
    }
}
