@testable import BackPlanRender
import Foundation
import Testing

/// QR codes from libqrencode: their shape, their SVG, and a real scanner reading them back.
@Suite("QR codes")
struct QRCodeTests {
    static let neckRoll = "https://clinic.example.org/backplan/exercises/neck-roll.html"
    /// Non-ASCII letters as they are, and percent escapes that must survive unchanged.
    static let urls = [
        neckRoll,
        "https://clinic.example.org/backplan/exercises/nacken-übung.html?für=Zoë&q=caf%C3%A9%20au%20lait",
        "https://clinic.example.org/backplan/Exercises/Cat-Cow.html#Step-2",
    ]

    @Test("the symbol grows with the text: version 1 holds 14 bytes at level M, then four modules per version")
    func sizeGrows() throws {
        #expect(try QRCode(encoding: String(repeating: "a", count: 14)).size == 21)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15)).size == 25)
        let sizes = try [1, 20, 100, 500, 1000, 2331].map { try QRCode(encoding: String(repeating: "x", count: $0)).size }
        #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count, "sizes \(sizes)")
        #expect(sizes.allSatisfy { ($0 - 17) % 4 == 0 && (21...177).contains($0) }, "sizes \(sizes)")
        #expect(sizes.last == 177)
    }

    @Test("finder patterns sit at the top left, top right and bottom left", arguments: [neckRoll, "x", String(repeating: "y", count: 900)])
    func finderPatterns(text: String) throws {
        let code = try QRCode(encoding: text)
        let far = code.size - 7
        for (left, top) in [(0, 0), (far, 0), (0, far)] {
            #expect(Self.isFinder(code, left: left, top: top), "no finder pattern at (\(left), \(top))")
        }
        #expect(!Self.isFinder(code, left: far, top: far), "the bottom right corner has no finder pattern")
    }

    /// Whether the 7×7 square at (`left`, `top`) is a finder pattern: a dark ring, a light ring, a dark 3×3 centre.
    static func isFinder(_ code: QRCode, left: Int, top: Int) -> Bool {
        (0..<7).allSatisfy { y in
            (0..<7).allSatisfy { x in
                let ring = max(abs(x - 3), abs(y - 3))
                return code.isDark(x: left + x, y: top + y) == (ring != 2)
            }
        }
    }

    @Test("case is kept: upper and lower case make different codes, both from 8-bit mode")
    func caseSensitive() throws {
        #expect(try QRCode(encoding: "HTTPS://A.EXAMPLE/X") != QRCode(encoding: "https://a.example/x"))
    }

    @Test("the same text gives the same code and byte-identical SVG")
    func deterministic() throws {
        let first = try QRCode(encoding: Self.neckRoll)
        let second = try QRCode(encoding: Self.neckRoll)
        #expect(first == second)
        #expect(first.svg(title: "Neck roll") == second.svg(title: "Neck roll"))
        #expect(try QRCode(encoding: Self.neckRoll, correction: .high) != first)
    }

    @Test("outside the symbol every module is light, as the quiet zone is")
    func outsideIsLight() throws {
        let code = try QRCode(encoding: "x")
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: 0, y: code.size) && !code.isDark(x: code.size, y: 3))
        #expect(code.isDark(x: 0, y: 0))
    }

    @Test("the largest text fits at each level, one byte more is refused with the limit named", arguments: QRCode.Correction.allCases)
    func capacity(correction: QRCode.Correction) throws {
        let limit = correction.byteCapacity
        #expect(try QRCode(encoding: String(repeating: "a", count: limit), correction: correction).size == 177)
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: String(repeating: "a", count: limit + 1), correction: correction)
        }
        #expect(error == QRCodeError(correction: correction, problem: .tooLong(bytes: limit + 1, limit: limit)))
    }

    @Test("a text too long for any QR code says how long it is and what fits")
    func tooLong() throws {
        let error = #expect(throws: QRCodeError.self) { try QRCode(encoding: String(repeating: "é", count: 1600)) }
        #expect(error?.description == "text of 3200 bytes is too long for a QR code: at most 2331 bytes fit at error correction "
            + "level M (medium); use a shorter text or a lower error correction level")
        let low = #expect(throws: QRCodeError.self) { try QRCode(encoding: String(repeating: "a", count: 3000), correction: .low) }
        #expect(low?.description == "text of 3000 bytes is too long for a QR code: at most 2953 bytes fit at error correction "
            + "level L (low); use a shorter text")
    }

    @Test("empty text is refused")
    func empty() {
        let error = #expect(throws: QRCodeError.self) { try QRCode(encoding: "") }
        #expect(error?.description == "cannot make a QR code of empty text")
    }

    @Test("a NUL byte is data, not the end of the text")
    func nulIsData() throws {
        #expect(try QRCode(encoding: "a\u{0}b") != QRCode(encoding: "a"))
    }

    // MARK: - SVG

    @Test("the SVG is standalone, crisp, black on white, with the quiet zone inside its view box")
    func svgFrame() throws {
        let code = try QRCode(encoding: "x")
        let svg = code.svg(moduleSize: 2.5, quietZone: 4)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"72.5\" height=\"72.5\" viewBox=\"0 0 29 29\" "
            + "shape-rendering=\"crispEdges\">\n<rect width=\"29\" height=\"29\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"M4 4h7v1h-7z"))
        #expect(svg.hasSuffix("\"/>\n</svg>\n"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(!svg.contains("role=") && !svg.contains("<title>"))
        #expect(code.svg(moduleSize: 3, quietZone: 0).contains("width=\"63\" height=\"63\" viewBox=\"0 0 21 21\""))
    }

    @Test("a title makes the SVG an image with that name, escaped for XML")
    func svgTitle() throws {
        let svg = try QRCode(encoding: "x").svg(title: "Neck roll <&> \"Zoë's\"\u{1}")
        #expect(svg.contains(" role=\"img\">\n<title>Neck roll &lt;&amp;&gt; &quot;Zoë&#39;s&quot;</title>\n<rect"))
    }

    @Test("the path's runs paint exactly the dark modules, each once", arguments: urls)
    func svgPathMatchesModules(text: String) throws {
        let code = try QRCode(encoding: text)
        let quietZone = 3
        let svg = code.svg(quietZone: quietZone)
        let data = try #require(svg.split(separator: "d=\"").last?.split(separator: "\"").first)
        var painted = Array(repeating: Array(repeating: 0, count: code.size), count: code.size)
        for run in data.split(separator: "z") {
            // Each run is `M<x> <y>h<n>v1h-<n>`.
            let numbers = run.split(whereSeparator: { "Mhv -".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5 && numbers[2] == numbers[4] && numbers[3] == 1, "odd run \(run)")
            for x in numbers[0]..<(numbers[0] + numbers[2]) { painted[numbers[1] - quietZone][x - quietZone] += 1 }
        }
        let expected = (0..<code.size).map { y in (0..<code.size).map { x in code.isDark(x: x, y: y) ? 1 : 0 } }
        #expect(painted == expected)
    }

    // MARK: - Scanned back

    static let noScanner: Comment = "skipped: needs rsvg-convert and zbarimg (apt-get install librsvg2-bin zbar-tools; `make test-deps` installs them)"

    @Test("zbarimg reads the URL back from the SVG drawn as a PNG", arguments: urls)
    func scansBack(url: String) throws {
        let decoded = try Self.scanned(try QRCode(encoding: url).svg(moduleSize: 4, title: "Open the exercise"))
        #expect(decoded == url)
    }

    @Test("every correction level scans back", arguments: QRCode.Correction.allCases)
    func scansBackAtEveryLevel(correction: QRCode.Correction) throws {
        let url = Self.urls[1]
        #expect(try Self.scanned(QRCode(encoding: url, correction: correction).svg()) == url)
    }

    /// The text zbarimg decodes from `svg`, drawn 400 pixels wide by rsvg-convert; cancels the test when either tool is missing.
    static func scanned(_ svg: String) throws -> String {
        let tools = ["rsvg-convert", "zbarimg"].map { name in
            ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let rsvg = tools[0], let zbar = tools[1] else { try Test.cancel(noScanner) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svgFile = folder.appendingPathComponent("code.svg")
        let pngFile = folder.appendingPathComponent("code.png")
        try Data(svg.utf8).write(to: svgFile)
        let drawn = try run(rsvg, ["-w", "400", "-o", pngFile.path, svgFile.path])
        try #require(drawn.status == 0, "rsvg-convert failed: \(drawn.output)")
        // Raw bytes (-Sbinary): for 8-bit data without an ECI header zbar guesses a character set,
        // and it reads the UTF-8 of "für" as a CJK encoding; the bytes themselves are exact.
        let read = try run(zbar, ["--raw", "-q", "-Sbinary", pngFile.path])
        try #require(read.status == 0, "zbarimg found no code (status \(read.status))")
        // --raw ends the text with a newline.
        return read.output.hasSuffix("\n") ? String(read.output.dropLast()) : read.output
    }

    /// Runs `path` with `arguments`, giving its exit status and standard output.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
