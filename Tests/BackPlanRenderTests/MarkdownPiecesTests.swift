import BackPlanCore
@testable import BackPlanRender
import Testing

@Suite("A large Markdown list converted in pieces is the document converted whole")
struct MarkdownPiecesTests {
    static let marker = CommonMark.TrustedHTML(Array("<span class=\"thumb\">x</span>\n".utf8))
    static let blocks = [
        "<!-- m1 -->": marker, "<!-- empty -->": CommonMark.TrustedHTML([]),
        "<!-- list -->": CommonMark.TrustedHTML(Array("<ul class=\"t\">\n<li>t</li>\n</ul>\n".utf8)),
    ]

    static func lookup(_ text: UnsafeBufferPointer<UInt8>) -> CommonMark.TrustedHTML? {
        blocks[String(decoding: text, as: UTF8.self)]
    }

    /// `markdown` converted whole, and in pieces of at least `size` bytes when it may be cut (nil when not cut).
    static func both(_ markdown: [UInt8], size: Int) -> (whole: [UInt8], pieces: [UInt8]?, cut: Bool) {
        let whole = CommonMark.documentChunks(fromMarkdown: markdown, block: lookup).chunks.joined
        return markdown.withUnsafeBufferPointer { bytes in
            guard let starts = MarkdownPieces.starts(in: bytes, every: size), !starts.isEmpty else { return (whole, nil, false) }
            let pieces = MarkdownPieces.convert(bytes, startingAt: starts) { piece in
                CommonMark.documentChunks(fromMarkdown: UnsafeRawBufferPointer(piece), block: lookup)
            }
            return (whole, pieces?.joined, true)
        }
    }

    /// Lines that meet in Markdown lists, and lines that must stop a cut.
    static let palette = [
        "- item *one*", "- <!-- m1 -->", "- ", "-", " - one space", "  continuation **bold**", "  - nested", "    - deeper",
        "", "", "", "## Heading", "Paragraph text", "1. ordered", "   ordered continuation", "> quote", "* star", "+ plus",
        "---", "- - -", "    code", "<div>", "```", "~~~", "[ref]: /url", "see [ref]", "tab\there", "- [a](b.html): c",
        "  <!-- m1 -->", "lazy line", "- item_two_", "  text\r", "#foo", "#######", "#5", "# real heading", "-   four",
        "  <!-- empty -->", "  <!-- list -->", "x\\]: escaped",
    ]

    @Test("over many generated documents, a document cut into pieces converts to the same HTML as whole")
    func generated() {
        var generator = SeededGenerator(seed: 7)
        var cut = 0
        var compared = 0
        for round in 0..<3000 {
            // Sections of lists as the site writes them, a stray line of any kind put in now and then; or anything.
            var lines: [String] = []
            if round % 4 != 0 {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    lines += ["## Heading", ""]
                    for _ in 0..<Int.random(in: 1...12, using: &generator) {
                        lines.append(["- item *one*", "- <!-- m1 -->", "- ", "- [a](b.html): c", "-   four", "- a \\]: b"].randomElement(using: &generator)!)
                        lines += (0..<Int.random(in: 0...2, using: &generator)).map { _ in ["  continuation **bold**", "  - nested", "    - deeper", "  <!-- m1 -->", "  ```", "  <div>", "  <!-- empty -->", "  <!-- list -->"].randomElement(using: &generator)! }
                        if Int.random(in: 0..<15, using: &generator) == 0 { lines.append(Self.palette.randomElement(using: &generator)!) }
                    }
                    lines.append("")
                }
            } else {
                lines = (0..<Int.random(in: 5...80, using: &generator)).map { _ in Self.palette.randomElement(using: &generator)! }
            }
            let markdown = Array((lines.joined(separator: "\n") + "\n").utf8)
            let (whole, pieces, wasCut) = Self.both(markdown, size: Int.random(in: 1...120, using: &generator))
            if wasCut { cut += 1 }
            if let pieces {
                compared += 1
                #expect(pieces == whole, "\(lines)")
            }
        }
        // Not vacuous: many documents were cut and their pieces compared.
        #expect(cut > 300 && compared > 300, "\(cut) cut, \(compared) compared")
    }

    @Test("a site's list of thousands of moves is cut, and converts to the same bytes, its figures placed as runs")
    func siteList() {
        let item = "- <!-- m1 -->\n  **[A move](a.html)**: for the neck; body weight; 2 sets of 10.\n"
        let markdown = Array(("# Moves\n\nSome text.\n\n## 1. Warm-up\n\n" + String(repeating: item, count: 3000) + "\n## 2. Strength\n\n"
            + String(repeating: item, count: 3000) + "\n## Areas\n\n- [Neck](neck.html): 3 moves\n").utf8)
        let starts = markdown.withUnsafeBufferPointer { MarkdownPieces.starts(in: $0, every: CommonMark.pieceSize) }
        #expect((starts?.count ?? 0) >= markdown.count / CommonMark.pieceSize - 1)
        let chunks = CommonMark.htmlChunks(fromMarkdown: markdown, block: Self.lookup)
        #expect(chunks.joined == CommonMark.htmlUTF8(fromMarkdown: markdown, block: Self.lookup))
        #expect(chunks.runs.filter { $0.address == Self.marker.run.address }.count == 6000)
    }

    @Test("what would read differently in pieces is never converted in pieces", arguments: [
        "- a\n\n- b\n", "- a\nlazy\n- b\n", "- a\n  b\n\n  c\n- d\n", "* a\n- b\n", "- a\n- b\n\n[x]: /u\n",
        "```\n- a\n- b\n```\n", "<div>\n- a\n- b\n", "- a\n- - -\n- b\n", "- a\n\t- b\n- c\n", "text\n  more\n- a\n- b\n", "- x\n- a\nlazy\n\n- b\n- c\n",
        "- x\n- a\n#foo\n\n- b\n", "- x\n- a\n#######\n\n- b\n", "- x\n- a\n#foo\n\n  c\n- b\n",
        "- a\n-   z\n  <!-- empty -->\n- b\n", "- a\n-   z\n  <!-- list -->\n- b\n",
    ])
    func refused(markdown: String) {
        let (whole, pieces, _) = Self.both(Array(markdown.utf8), size: 1)
        #expect(pieces == nil)
        #expect(CommonMark.htmlChunks(fromMarkdown: Array(markdown.utf8), block: Self.lookup).joined == whole)
    }
}
