import Foundation
import Testing
@testable import BackPlanPublish

#if canImport(Glibc)
import Glibc
#endif

/// The machine's WeasyPrint, if it is the Python program the driver needs.
enum InstalledWeasyPrint {
    static let engine = try? PDFEngine.find(.weasyprint, searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    static let interpreter = engine.flatMap { WarmWeasyPrint.interpreter(of: $0.executable) }
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A TCP listener on 127.0.0.1 that counts the connections made to it (and answers none).
final class CountingListener: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let lock = NSLock()
    private var connections = 0

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(bound == 0 && listen(fd, 16) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        socket = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in
            while true {
                let client = accept(socket, nil, nil)
                if client < 0 { return }
                lock.lock()
                connections += 1
                lock.unlock()
                close(client)
            }
        }
        thread.start()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections
    }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }
}

/// The WeasyPrint driver against the machine's real WeasyPrint: nothing fetched, failures per document, one process for many.
@Suite("WeasyPrint driver", .serialized,
       .enabled(if: InstalledWeasyPrint.interpreter != nil,
                "needs WeasyPrint installed as a Python program (apt-get install weasyprint): the driver is tested against the real one only"))
struct WarmWeasyPrintTests {
    static func printer(timeout: TimeInterval = 120) throws -> WarmWeasyPrint {
        let engine = try #require(InstalledWeasyPrint.engine)
        return try WarmWeasyPrint(engine: engine, interpreter: try #require(InstalledWeasyPrint.interpreter), timeout: timeout)
    }

    static func page(_ body: String) -> String {
        "<!doctype html><html><head><style>@page { size: A4; margin: 2cm }</style></head><body>\(body)</body></html>"
    }

    /// A 2x2 black PNG.
    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="

    @Test("the driver fetches nothing: http:// to a local listener and file:// are refused, in the page and inside an SVG; data: images print",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfimages"), "needs pdfimages (apt-get install poppler-utils)"))
    func fetchesNothing() throws {
        let listener = try CountingListener()
        defer { listener.stop() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("weasy-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let secret = scratch.appendingPathComponent("secret.png")
        try #require(Data(base64Encoded: Self.png)!.write(to: secret) == ())
        let beacon = "http://127.0.0.1:\(listener.port)"
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">\
            <image href="\(secret.absoluteString)" width="20" height="20"/>\
            <image xlink:href="\(beacon)/svg.png" x="20" width="20" height="20"/></svg>
            """
        let html = Self.page("""
            <p>Nothing fetched.</p>
            <img src="\(beacon)/beacon.png"><img src="\(secret.absoluteString)">
            <div style="background: url('\(beacon)/background.png'); width: 2cm; height: 2cm"></div>
            <link rel="stylesheet" href="\(beacon)/style.css">
            <img src="data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())">
            <img src="data:image/png;base64,\(Self.png)">
            """)
        let printer = try Self.printer()
        defer { printer.close() }
        let pdf = try printer.pdf(fromHTML: html)
        let file = scratch.appendingPathComponent("out.pdf")
        try pdf.write(to: file)
        usleep(300_000)
        #expect(listener.count == 0, "the listener was reached \(listener.count) times")
        // pdfimages lists one row per image after a two-line header: only the data: PNG is in the PDF.
        let list = try run("/usr/bin/pdfimages", ["-list", file.path])
        let images = list.split(separator: "\n").dropFirst(2)
        #expect(images.count == 1, "images in the PDF:\n\(list)")
        #expect(try run("/usr/bin/pdftotext", [file.path, "-"]).contains("Nothing fetched."))
    }

    @Test("the driver's URL fetcher alone refuses http:// and file://, with no proxy guard in its environment, and says what it refused")
    func fetcherAloneRefuses() throws {
        let listener = try CountingListener()
        defer { listener.stop() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("weasy-fetcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let driver = scratch.appendingPathComponent("driver.py")
        try Data(WarmWeasyPrint.driverSource).write(to: driver)
        let secret = scratch.appendingPathComponent("secret.png")
        try Data(base64Encoded: Self.png)!.write(to: secret)
        let beacon = "http://127.0.0.1:\(listener.port)/beacon.png"
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\"><image href=\"\(beacon)?svg\" width=\"20\" height=\"20\"/></svg>"
        let page = scratch.appendingPathComponent("page.html")
        try Data(Self.page("""
            <img src="\(beacon)"><img src="\(secret.absoluteString)">
            <img src="data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())">
            """).utf8).write(to: page)
        let job = #"{"id": 1, "html": "\#(page.path)", "pdf": "\#(scratch.path)/out.pdf", "base_url": "\#(scratch.absoluteString)"}"#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // No proxy variables: nothing but the fetcher stands between WeasyPrint and the listener.
        process.arguments = ["-u", "http_proxy", "-u", "HTTP_PROXY", "-u", "all_proxy", "-u", "ALL_PROXY"]
            + (try #require(InstalledWeasyPrint.interpreter)) + [driver.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((job + "\n").utf8))
        try input.fileHandleForWriting.close()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        process.waitUntilExit()
        try #require(lines.count == 2, "\(lines)")
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(reply["ok"] as? Bool == true, "\(reply)")
        let refused = Set(reply["refused"] as? [String] ?? [])
        #expect(refused == [beacon, "\(beacon)?svg", secret.absoluteString], "\(refused)")
        usleep(300_000)
        #expect(listener.count == 0, "the listener was reached \(listener.count) times")
    }

    @Test("one driver prints plan after plan; a document WeasyPrint cannot print fails with its message and the same driver goes on; close leaves nothing")
    func failsAloneAndGoesOn() throws {
        let printer = try Self.printer()
        let folder = printer.folder
        let first = try printer.pdf(fromHTML: Self.page("<p style=\"break-after: page\">one</p><p>two</p>"))
        #expect(first.starts(with: Data("%PDF".utf8)))
        let drivers = printer.driverProcesses
        #expect(drivers.count == 1)
        // Nesting deeper than Python's recursion limit makes WeasyPrint's layout raise.
        let deep = String(repeating: "<div>", count: 3000) + "deep" + String(repeating: "</div>", count: 3000)
        #expect {
            try printer.pdf(fromHTML: Self.page(deep))
        } throws: { error in
            "\(error)".contains("weasyprint could not print the plan: RecursionError")
        }
        let third = try printer.pdf(fromHTML: Self.page("<p>three</p>"))
        #expect(third.starts(with: Data("%PDF".utf8)))
        #expect(printer.driverProcesses == drivers, "the same driver printed all three")
        printer.close()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        for pid in drivers { #expect(kill(pid, 0) != 0, "driver \(pid) is still running") }
    }

    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The driver's life cycle, with a stand-in driver (Python, no WeasyPrint): crashes, time limits, interruption, and a Python without WeasyPrint.
@Suite("WeasyPrint driver life cycle", .serialized,
       .enabled(if: InstalledWeasyPrint.python != nil, "needs python3 (apt-get install python3)"))
struct WarmWeasyPrintLifeTests {
    /// A driver that follows the protocol and writes a tiny PDF; a page saying CRASH kills it, HANG hangs it, and NOTREADY makes it unable to start.
    static let standIn = #"""
        import json, os, sys, time
        ready = os.environ.get("STAND_IN_READY", "1") == "1"
        print(json.dumps({"ready": ready} if ready else {"ready": False, "error": "No module named 'weasyprint'"}), flush=True)
        if not ready:
            sys.exit(1)
        for line in sys.stdin:
            job = json.loads(line)
            text = open(job["html"]).read()
            if "CRASH" in text:
                print("Fatal Python error: stand-in crash", file=sys.stderr, flush=True)
                os._exit(7)
            if "HANG" in text:
                time.sleep(600)
            open(job["pdf"], "w").write("%PDF-1.4 " + str(os.getpid()))
            print(json.dumps({"id": job["id"], "ok": True, "pages": 1}), flush=True)
        """#

    struct Setup {
        var folder: URL
        var engine: PDFEngine
        var interpreter: [String]
    }

    /// A scratch folder with the stand-in driver and a fake `weasyprint` command that writes "%PDF-1.4 process".
    static func setup() throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weasy-life-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("stand-in.py")
        try Data(Self.standIn.utf8).write(to: script)
        let command = folder.appendingPathComponent("weasyprint")
        try Data("#!/bin/sh\nfor last; do :; done\nprintf '%%PDF-1.4 process' > \"$last\"\n".utf8).write(to: command)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: command.path)
        let engine = PDFEngine(kind: .weasyprint, executable: command)
        return Setup(folder: folder, engine: engine, interpreter: [try #require(InstalledWeasyPrint.python), script.path])
    }

    static func page(_ text: String) -> String { "<html><head></head><body>\(text)</body></html>" }

    @Test("a driver that dies fails its plan and is started again once; after a second death the remaining plans fail clearly")
    func restartedOnce() throws {
        let setup = try Self.setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let printer = try WarmWeasyPrint(engine: setup.engine, interpreter: setup.interpreter, timeout: 30)
        defer { printer.close() }
        #expect(try printer.pdf(fromHTML: Self.page("one")).starts(with: Data("%PDF".utf8)))
        #expect {
            try printer.pdf(fromHTML: Self.page("CRASH"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("the weasyprint driver exited with status 7 while printing this plan; it is started again for the next plans")
                && text.contains("stand-in crash")
        }
        #expect(try printer.pdf(fromHTML: Self.page("two")).starts(with: Data("%PDF".utf8)))
        #expect {
            try printer.pdf(fromHTML: Self.page("CRASH"))
        } throws: { error in
            "\(error)".contains("the weasyprint driver exited with status 7 while printing this plan; it is not started again")
        }
        #expect {
            try printer.pdf(fromHTML: Self.page("three"))
        } throws: { error in
            "\(error)".contains("the weasyprint driver died 2 times in this run and is not started again; this PDF was not printed")
        }
        #expect(printer.driverProcesses.isEmpty)
    }

    @Test("a document past its time limit fails alone: its driver is killed with its group, and a new one prints the next", .timeLimit(.minutes(1)))
    func timeLimit() throws {
        let setup = try Self.setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let printer = try WarmWeasyPrint(engine: setup.engine, interpreter: setup.interpreter, timeout: 2)
        defer { printer.close() }
        _ = try printer.pdf(fromHTML: Self.page("warm up"))
        let hung = try #require(printer.driverProcesses.first)
        let start = Date()
        #expect {
            try printer.pdf(fromHTML: Self.page("HANG"))
        } throws: { error in
            "\(error)".contains("weasyprint did not print the plan within 2 seconds; its driver was stopped and a new one prints the next plans")
        }
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(kill(hung, 0) != 0, "the hung driver was killed")
        let next = try printer.pdf(fromHTML: Self.page("next"))
        #expect(String(decoding: next, as: UTF8.self) != "%PDF-1.4 \(hung)")
        // Past time limits are not deaths: plans go on printing.
        #expect {
            try printer.pdf(fromHTML: Self.page("HANG"))
        } throws: { _ in true }
        #expect(try printer.pdf(fromHTML: Self.page("after")).starts(with: Data("%PDF".utf8)))
    }

    @Test("interrupt() kills the drivers at once: the plan being printed fails saying so, later ones too, and the folder is gone", .timeLimit(.minutes(1)))
    func interrupted() async throws {
        let setup = try Self.setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let printer = try WarmWeasyPrint(engine: setup.engine, interpreter: setup.interpreter, timeout: 60)
        _ = try printer.pdf(fromHTML: Self.page("warm up"))
        let drivers = printer.driverProcesses
        let hanging = Task.detached { Result { () throws(PublishError) in try printer.pdf(fromHTML: Self.page("HANG")) } }
        try await Task.sleep(for: .milliseconds(500))
        printer.interrupt()
        let result = await hanging.value
        #expect(throws: PublishError.self) { try result.get() }
        if case .failure(let error) = result { #expect("\(error)".contains("the run was interrupted")) }
        #expect { try printer.pdf(fromHTML: Self.page("later")) } throws: { "\($0)".contains("the run was interrupted") }
        for pid in drivers { #expect(kill(pid, 0) != 0, "driver \(pid) is still running") }
        #expect(!FileManager.default.fileExists(atPath: printer.folder.path))
        printer.close()
    }

    @Test("a Python that cannot import WeasyPrint: plans are printed with one weasyprint process each, as without the driver")
    func fallsBack() throws {
        let setup = try Self.setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        setenv("STAND_IN_READY", "0", 1)
        defer { unsetenv("STAND_IN_READY") }
        let printer = try WarmWeasyPrint(engine: setup.engine, interpreter: setup.interpreter, timeout: 30)
        defer { printer.close() }
        for _ in 0..<2 {
            #expect(try printer.pdf(fromHTML: Self.page("one")) == Data("%PDF-1.4 process".utf8))
        }
        #expect(printer.driverProcesses.isEmpty)
    }

    @Test("the interpreter is the weasyprint command's own Python, from its #! line; other programs have none")
    func interpreterFromShebang() throws {
        let setup = try Self.setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        func script(_ name: String, _ text: String) throws -> URL {
            let url = setup.folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
        #expect(WarmWeasyPrint.interpreter(of: try script("a", "#!/usr/bin/python3\nimport sys\n")) == ["/usr/bin/python3"])
        #expect(WarmWeasyPrint.interpreter(of: try script("b", "#!/usr/bin/env python3\n")) == ["/usr/bin/env", "python3"])
        #expect(WarmWeasyPrint.interpreter(of: try script("c", "#!/opt/venv/bin/python3.11 -s\n")) == ["/opt/venv/bin/python3.11", "-s"])
        #expect(WarmWeasyPrint.interpreter(of: try script("d", "#!/bin/sh\nexec weasyprint \"$@\"\n")) == nil)
        #expect(WarmWeasyPrint.interpreter(of: try script("e", "\u{7F}ELF")) == nil)
    }
}
