import Foundation
import Testing
@testable import BackPlanPublish

/// The machine's Chromium, if any.
enum InstalledChromium {
    static let engine = try? PDFEngine.find(.chromium, searchPath: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
}

/// The DevTools pipe and the warm printer against the machine's real Chromium.
@Suite("Warm Chromium over the DevTools pipe", .serialized,
       .enabled(if: InstalledChromium.engine != nil, "needs Chromium (apt-get install chromium): the pipe is tested against a real browser only"))
struct ChromiumPipeTests {
    static var chromium: PDFEngine? { InstalledChromium.engine }

    static func page(_ body: String) -> String {
        "<!doctype html><html><head><style>@page { size: A4; margin: 2cm }</style></head><body>\(body)</body></html>"
    }

    /// The processes still mentioning `text` after up to 3 s: Chromium's crash handler runs outside the
    /// browser's process group and quits by itself shortly after the browser is gone.
    static func processesLeft(mentioning text: String) -> [String] {
        let deadline = Date().addingTimeInterval(3)
        var left = processes(mentioning: text)
        while !left.isEmpty, Date() < deadline {
            usleep(100_000)
            left = processes(mentioning: text)
        }
        return left
    }

    /// Processes whose command line mentions `text` (pgrep -f), this test process left out.
    static func processes(mentioning text: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        process.arguments = ["-f", text]
        let output = Pipe()
        process.standardOutput = output
        try? process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A page of `count` printed pages, each saying which document it is.
    static func pages(_ count: Int, of document: Int) -> String {
        page((1...count).map { "<p style=\"break-after: page\">document \(document), page \($0)</p>" }.joined())
    }

    /// The number of pages of a PDF as Chromium writes it (one `/Type /Page` object each).
    static func pageCount(_ pdf: Data) -> Int {
        String(decoding: pdf, as: UTF8.self).matches(of: #/\/Type\s*\/Page(?!s)/#).count
    }

    /// Prints `documents` at once, each on a thread of its own, straight to the warm browser; results by index.
    static func printAtOnce(_ documents: [String], on warm: WarmChromium) async -> [Int: Result<Data, PublishError>] {
        await withTaskGroup(of: (Int, Result<Data, PublishError>).self) { group in
            for (index, html) in documents.enumerated() {
                group.addTask { await BlockingWork.run("test") { (index, Result { () throws(PublishError) in try warm.pdf(fromHTML: html) }) } }
            }
            var results: [Int: Result<Data, PublishError>] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    @Test("documents printed at once, as the browser starts, each come back as their own PDF", arguments: [8])
    func eachDocumentItsOwnPDF(count: Int) async throws {
        let engine = try #require(Self.chromium)
        let printer = try PrintEngine(engine, mode: .warm, timeout: 60)
        defer { printer.close() }
        let warm = try #require(printer.chromium)
        // All of them ask for a page while the first one is still being opened.
        let documents = (0..<count).map { Self.pages($0 + 1, of: $0) }
        let results = await Self.printAtOnce(documents, on: warm)
        for index in 0..<count {
            let pdf = try #require(try? results[index]?.get(), "document \(index) should print: \(String(describing: results[index]))")
            #expect(Self.pageCount(pdf) == index + 1, "document \(index) came back with \(Self.pageCount(pdf)) pages, not its own \(index + 1)")
        }
    }

    /// An 8 by 8 red PNG, as a `data:` address.
    static let redSquare = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR42mM8ISfHgA0wMeAAg1MCANDKARQfGKMRAAAAAElFTkSuQmCC"

    /// The number of images in a PDF as Chromium writes it (one image XObject each).
    static func imageCount(_ pdf: Data) -> Int {
        String(decoding: pdf, as: UTF8.self).matches(of: #/\/Subtype\s*\/Image/#).count
    }

    @Test("one page prints document after document, each once it has loaded: its own pages, and its frame's image")
    func documentAfterDocument() throws {
        let engine = try #require(Self.chromium)
        let printer = try PrintEngine(engine, mode: .warm, timeout: 60)
        defer { printer.close() }
        let warm = try #require(printer.chromium)
        // One document at a time: every document after the first goes into the page the one before was printed on.
        // The image is in a frame of the document (`srcdoc`), which loads after the document's own HTML: printed
        // before the load, the PDF has no image (so it was for all four with the wait for the load taken out).
        // Straight to the warm browser, since the printed copy's policy allows no frame; hidden on screen like it.
        for (document, count) in [4, 1, 3, 2].enumerated() {
            let body = (1...count).map { "<p style=\"break-after: page\">document \(document), page \($0)</p>" }.joined()
                + "<iframe srcdoc=\"<img src='\(Self.redSquare)' width='80' height='80' alt=''>\"></iframe>"
            let html = Self.page(body).replacingOccurrences(of: "<head>", with: "<head>" + PrintedPage.screenHidden)
            let pdf = try warm.pdf(fromHTML: html)
            #expect(Self.pageCount(pdf) == count + 1, "document \(document) came back with \(Self.pageCount(pdf)) pages, not its own \(count + 1)")
            #expect(Self.imageCount(pdf) == 1, "document \(document) was printed once loaded, its frame's image with it")
        }
    }

    @Test("the copy an engine prints is locked and hidden on screen, in its head")
    func printedCopy() {
        let locked = PrintedPage.locked("<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>")
        let head = locked.range(of: "<head>")!.upperBound
        #expect(locked[head...].hasPrefix("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(locked.contains("<head><meta http-equiv=\"Content-Security-Policy\"") && locked.contains(PrintedPage.screenHidden + "<title>"))
        #expect(PrintedPage.screenHidden.contains("@media screen") && PrintedPage.screenHidden.contains("display: none"))
    }

    @Test("commands get their replies by id, errors come back as errors, and closing leaves no process or folder")
    func transport() throws {
        let engine = try #require(Self.chromium)
        let session = try ChromiumSession(executable: engine.executable)
        let deadline = Date().addingTimeInterval(60)
        let version = try session.pipe.call("Browser.getVersion", deadline: deadline)
        #expect((version["product"] as? String ?? "").contains("Chrome"), "\(version)")
        #expect((version["protocolVersion"] as? String) != nil)
        #expect(throws: DevToolsError.self) { try session.pipe.call("No.suchMethod", deadline: deadline) }
        do {
            try session.pipe.call("No.suchMethod", deadline: deadline)
        } catch {
            #expect(error.description.hasPrefix("No.suchMethod failed: "), "\(error.description)")
        }
        #expect(Self.processes(mentioning: session.folder.path).count >= 1, "the browser runs with its --user-data-dir")
        session.close()
        #expect(Self.processesLeft(mentioning: session.folder.path).isEmpty, "no browser or renderer after close")
        #expect(!FileManager.default.fileExists(atPath: session.folder.path), "the profile folder is removed")
        #expect(throws: DevToolsError.self) { try session.pipe.call("Browser.getVersion", deadline: Date().addingTimeInterval(1)) }
    }

    @Test("pages print PDFs in parallel; a page that hangs fails alone, within its time limit")
    func hangingPageFailsAlone() async throws {
        let engine = try #require(Self.chromium)
        let printer = try PrintEngine(engine, mode: .warm, timeout: 15)
        defer { printer.close() }
        let folder = try #require(printer.chromium?.browserFolder)
        let warm = try #require(printer.chromium)
        // Straight to the warm browser: PrintEngine.pdf locks the page with a Content-Security-Policy that
        // blocks this script, so only a page sent as it is can hang the renderer.
        let hanging = Self.page("<script>for (;;) {}</script><h1>Never</h1>")
        let documents = [Self.pages(1, of: 0), hanging, Self.pages(3, of: 2), Self.pages(4, of: 3)]
        let results = await Self.printAtOnce(documents, on: warm)
        for index in [0, 2, 3] {
            let pdf = try #require(try? results[index]?.get(), "document \(index) should print: \(String(describing: results[index]))")
            #expect(Self.pageCount(pdf) == index + 1, "document \(index) came back with \(Self.pageCount(pdf)) pages, not its own \(index + 1)")
        }
        #expect {
            try results[1]!.get()
        } throws: { error in
            "\(error)".contains("chromium did not print the plan within 15 seconds (stopped while loading the page); the page was closed")
        }
        // The browser goes on after the failure.
        #expect(Self.pageCount(try printer.pdf(fromHTML: Self.pages(2, of: 4))) == 2)
        // Through PrintEngine the same script is blocked by the page's policy, and the page prints.
        #expect(try printer.pdf(fromHTML: hanging).starts(with: Data("%PDF".utf8)))
        printer.close()
        #expect(Self.processesLeft(mentioning: folder.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("interrupt() kills the browser at once: the plan being printed fails saying so, later ones too, nothing is left")
    func interrupted() async throws {
        let engine = try #require(Self.chromium)
        let printer = try PrintEngine(engine, mode: .warm, timeout: 60)
        defer { printer.close() }
        let warm = try #require(printer.chromium)
        let folder = try #require(warm.browserFolder)
        // On the page opened ahead, never used before: a spinning script in a document put into a page that
        // already printed one does not hold up its print, so that page would not hang.
        let started = Date()
        async let hanging = Self.printAtOnce([Self.page("<script>for (;;) {}</script>")], on: warm)
        // Long enough for the browser to start and take the document under load; an interrupt while it
        // starts fails the plan the same way.
        usleep(4_000_000)
        printer.interrupt()
        let result = await hanging[0]
        #expect(Date().timeIntervalSince(started) < 20, "the plan in flight fails at once, not at its time limit")
        #expect(throws: PublishError.self) { try result?.get() }
        #expect("\(String(describing: result))".contains("the run was interrupted; this PDF was not printed"), "\(String(describing: result))")
        #expect(throws: PublishError.self) { try printer.pdf(fromHTML: Self.page("<p>later</p>")) }
        #expect(Self.processesLeft(mentioning: folder.path).isEmpty, "no browser or renderer after interrupt()")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "the profile folder is removed")
        printer.interrupt()
        printer.close()
    }

    @Test("a browser that crashes is started again once; after a second crash the remaining plans fail clearly")
    func crashes() throws {
        let engine = try #require(Self.chromium)
        let printer = try PrintEngine(engine, mode: .warm, timeout: 30)
        defer { printer.close() }
        let warm = try #require(printer.chromium)
        let html = Self.page("<p>crash test</p>")
        #expect(try printer.pdf(fromHTML: html).starts(with: Data("%PDF".utf8)))
        let first = try #require(warm.browserProcess)
        let firstFolder = try #require(warm.browserFolder)
        kill(first, SIGKILL)
        usleep(500_000)
        #expect(try printer.pdf(fromHTML: html).starts(with: Data("%PDF".utf8)), "started again after the first crash")
        let second = try #require(warm.browserProcess)
        #expect(second != first)
        #expect(Self.processesLeft(mentioning: firstFolder.path).isEmpty, "nothing of the crashed browser is left")
        kill(second, SIGKILL)
        usleep(500_000)
        #expect {
            try printer.pdf(fromHTML: html)
        } throws: { error in
            "\(error)".contains("chromium crashed 2 times in this run and is not started again; this PDF was not printed")
        }
    }
}
