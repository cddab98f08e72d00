import Foundation
import Testing

@testable import BackPlanRender

/// The wrapper must print exactly what the reference `cmark` CLI prints for the same input.
@Suite("CommonMark wrapper")
struct CommonMarkTests {
    typealias TrustedHTML = CommonMark.TrustedHTML

    static let inputs: [(String, String)] = [
        ("ATX and setext headings", "# One\n\nTwo\n===\n\n### Three ###\n"),
        ("nested lists", "- a\n  - b\n    1. c\n    2. d\n- e\n\n3) x\n4) y\n"),
        ("tables are not core CommonMark: they stay a paragraph of pipes", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
        ("code spans, fenced and indented code", "Use `x < y`.\n\n```swift\nlet a = \"<b>\"\n```\n\n    indented\n"),
        ("emphasis and strong", "*em* _em_ **strong** __strong__ ***both*** a*b*c\n"),
        ("links, images and autolinks", "[a](http://example.com \"t\") ![i](p.png) <https://example.org> [r]\n\n[r]: /ref\n"),
        ("entities and escapes", "&amp; &copy; &#35; &#x22; \\* \\[not a link\\]\n"),
        ("non-ASCII text", "Zoë Müller — naïve café ☐ 背痛 🙂\n"),
        ("block quotes and breaks", "> quote\n> more\n\nline  \nbreak\\\nagain\n\n---\n"),
        ("empty input", ""),
        ("raw HTML is omitted in safe mode", "<script>alert(1)</script>\n\n<div onclick=\"x()\">hi</div>\n\ninline <b>bold</b>\n"),
        ("dangerous link schemes are emptied", "[x](javascript:alert(1)) [v](vbscript:msgbox) [f](file:///etc/passwd) [d](data:text/html;base64,PHNjcmlwdD4=)\n"),
    ]

    @Test("matches the cmark CLI", arguments: inputs)
    func matchesReference(name: String, markdown: String) throws {
        guard let reference = try Self.referenceHTML(markdown) else { try Test.cancel(Self.noCLI) }
        #expect(CommonMark.html(fromMarkdown: markdown) == reference)
        #expect(CommonMark.htmlUTF8(fromMarkdown: Array(markdown.utf8)) == Array(reference.utf8), "the byte path")
    }

    @Test("a 1 MB document converts, and matches the CLI")
    func largeInput() throws {
        let paragraph = "Some *text* with a [link](https://example.com) and `code`, repeated.\n\n"
        let markdown = String(repeating: paragraph, count: 1_048_576 / paragraph.utf8.count + 1)
        #expect(markdown.utf8.count > 1_000_000)
        let html = CommonMark.html(fromMarkdown: markdown)
        #expect(html.components(separatedBy: "<em>text</em>").count - 1 == markdown.components(separatedBy: "*text*").count - 1)
        if let reference = try Self.referenceHTML(markdown) { #expect(html == reference) }
    }

    @Test("trusted blocks replace their markers at the top level and nested in lists or quotes; other HTML stays omitted",
          arguments: [
              ("both at the top level", "<!-- m1 -->\n\ntext\n\n  <!-- m2 -->  \n", 1),
              ("one nested in a list", "<!-- m1 -->\n\n- item\n\n  <!-- m2 -->\n", 1),
              ("both nested, in a quote and a list", "> <!-- m1 -->\n\n- item\n\n  <!-- m2 -->\n", 1),
              ("a marker twice", "<!-- m1 -->\n\n<!-- m1 -->\n\n- x\n\n  <!-- m2 -->\n", 2),
              ("a marker at the top level and again nested", "<!-- m1 -->\n\n<!-- m2 -->\n\n- x\n\n  <!-- m1 -->\n", 2),
              ("a marker's text in code stays code", "<!-- m1 -->\n\n<!-- m2 -->\n\n```\n<!-- m1 -->\n```\n\n`<!-- m2 -->`\n", 1),
          ])
    func trustedBlocks(name: String, markdown: String, firstCount: Int) {
        let blocks = ["<!-- m1 -->": "<table>one</table>\n", "<!-- m2 -->": "<table>two</table>\n"]
        let html = CommonMark.html(fromMarkdown: markdown + "\n<!-- m3 -->\n", blocks: blocks)
        #expect(html.components(separatedBy: "<table>one</table>").count - 1 == firstCount)
        #expect(html.components(separatedBy: "<table>two</table>").count - 1 == 1)
        #expect(!html.contains("<!-- m"), "a marker left in: \(html)")
        #expect(html.contains("<!-- raw HTML omitted -->"), "an unknown HTML block is omitted")
        #expect(String(decoding: CommonMark.htmlUTF8(fromMarkdown: Array((markdown + "\n<!-- m3 -->\n").utf8), blocks: blocks.mapValues { Array($0.utf8) }), as: UTF8.self) == html)
    }

    @Test("trusted blocks placed as runs give the plain conversion's bytes, each block a run of its one copy",
          arguments: [
              ("at the top level and nested", "<!-- m1 -->\n\ntext\n\n- item\n\n  <!-- m2 -->\n\n> <!-- m1 -->\n"),
              ("a tight list of markers, as the site's lists are", "- <!-- m1 -->\n  **[a](a.html)**: x\n- <!-- m2 -->\n  **[b](b.html)**: y\n"),
              ("a block with no closing line break is rendered in place", "<!-- m3 -->\n\n<!-- m1 -->\n\n<!-- m4 -->\n"),
              ("text that looks like a placeholder stays text", "<\u{1}0\u{1}>\n\n`<\u{1}1\u{1}>`\n\n    <\u{1}0\u{1}>\n\n<!-- m1 -->\n\n\u{1}0\u{1}\n"),
              ("no block at all", "# Title\n\nJust text.\n"),
          ])
    func placedBlocks(name: String, markdown: String) {
        let trusted = [
            "<!-- m1 -->": TrustedHTML(Array("<span>one</span>\n".utf8)), "<!-- m2 -->": TrustedHTML(Array("<table>two</table>\n".utf8)),
            "<!-- m3 -->": TrustedHTML(Array("<b>no break</b>".utf8)), "<!-- m4 -->": TrustedHTML([]),
        ]
        let lookup = { (text: UnsafeBufferPointer<UInt8>) in trusted[String(decoding: text, as: UTF8.self)] }
        let plain = CommonMark.htmlUTF8(fromMarkdown: Array(markdown.utf8), block: lookup)
        let chunks = CommonMark.htmlChunks(fromMarkdown: Array(markdown.utf8), block: lookup)
        #expect(chunks.joined == plain, "\(String(decoding: chunks.joined, as: UTF8.self)) against \(String(decoding: plain, as: UTF8.self))")
        #expect(chunks.count == plain.count)
        // A block ending its line is not copied: its run is a slice of the block's own storage.
        for marker in ["<!-- m1 -->", "<!-- m2 -->"] where markdown.contains(marker) {
            let address = trusted[marker]!.run.address
            #expect(address != nil && chunks.runs.contains { $0.address == address }, "\(marker) was copied")
        }
    }

    @Test("a list too large for the thread's arena gives the same bytes, its blocks placed as runs")
    func largePlacedBlocks() {
        let item = "- <!-- m1 -->\n  **[A move](a.html)**: for the neck; body weight; 2 sets of 10.\n"
        let markdown = Array(("# Moves\n\n" + String(repeating: item, count: CommonMark.largeDocument / item.utf8.count + 10)).utf8)
        #expect(markdown.count > CommonMark.largeDocument)
        let block = TrustedHTML(Array("<span class=\"thumb\">one</span>\n".utf8))
        let lookup = { (text: UnsafeBufferPointer<UInt8>) in String(decoding: text, as: UTF8.self) == "<!-- m1 -->" ? block : nil }
        let chunks = CommonMark.htmlChunks(fromMarkdown: markdown, block: lookup)
        #expect(chunks.joined == CommonMark.htmlUTF8(fromMarkdown: markdown, block: lookup))
        let address = block.run.address
        let placed = chunks.runs.filter { $0.address == address }.count
        #expect(address != nil && placed == markdown.count / item.utf8.count)
    }

    @Test("script tags and javascript links come out inert")
    func inert() {
        let html = CommonMark.html(fromMarkdown: "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
        #expect(!html.contains("<script"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains("<a href=\"\">x</a>"))
    }

    @Test("Markdown escaping keeps hostile text literal", arguments: [
        "<script>alert(1)</script> [x](javascript:alert(1))",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "*not emphasis* `not code` &amp; <b>",
        "line one\nline two\n\n# still not a heading",
        "![img](x.png) <https://auto.link>",
        "back\\slash",
    ])
    func escapedTextStaysLiteral(text: String) {
        let html = CommonMark.html(fromMarkdown: "Name: " + Markdown.escape(text) + "\n\n" + Markdown.escape(text) + "\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<h1"))
        #expect(!html.contains("<li"))
        #expect(!html.contains("<em"))
        #expect(!html.contains("<code"))
        #expect(!html.contains("<b>"))
        #expect(html.hasPrefix("<p>Name: "))
    }

    @Test("escaping leaves ordinary text readable")
    func readable() {
        #expect(Markdown.escape("2-3 sets of 8-12 reps") == "2-3 sets of 8-12 reps")
        #expect(Markdown.escape("Child's pose: 28.5 min.") == "Child's pose: 28.5 min.")
        #expect(Markdown.escape("29.5") == "29.5")
        #expect(Markdown.escape("1. first") == "1\\. first")
    }

    static let noCLI: Comment = "skipped: the reference cmark CLI is not installed (apt-get install cmark)"

    /// The `cmark` CLI's output for `markdown`, or nil when the CLI is not installed.
    static func referenceHTML(_ markdown: String, arguments: [String] = []) throws -> String? {
        let path = ["/usr/bin/cmark", "/usr/local/bin/cmark"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return nil }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-cmark-\(UUID().uuidString).md")
        try Data(markdown.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the cmark CLI failed")
        return String(decoding: data, as: UTF8.self)
    }
}

extension ByteChunks.Run {
    /// Where a held run's bytes start, to tell a shared copy from a new one; nil for a spilled run.
    var address: UnsafePointer<UInt8>? {
        guard case .bytes(let bytes) = self else { return nil }
        return bytes.withUnsafeBufferPointer { $0.baseAddress }
    }

    /// The run's bytes, a spilled run read back.
    var bytes: [UInt8] {
        switch self {
        case .bytes(let bytes): Array(bytes)
        case .spilled(let spilled): spilled.bytes
        }
    }
}
