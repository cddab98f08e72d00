import Foundation
import Testing

@testable import BackPlanCore

/// Reading a catalog move by move gives exactly the catalog, or the error, that reading it whole gives.
@Suite("Catalog read move by move")
struct CatalogTextTests {
    static let builtIn = Catalog.builtInYAML

    /// The built-in catalog's moves repeated under new ids, as `scripts/grow-catalog.py` does;
    /// with `atColumn0`, the moves' lines two spaces less indented (the items at the first column).
    static func grown(_ copies: Int, atColumn0: Bool = false) -> String {
        let halves = builtIn.components(separatedBy: "\nmoves:\n")
        let pieces = halves[1].components(separatedBy: "\n  - id: ")
        let blocks = [pieces[0]] + pieces.dropFirst().map { "  - id: " + $0 }
        var moves = ""
        for copy in 1...copies {
            for block in blocks {
                var block = block.hasSuffix("\n") ? block : block + "\n"
                if copy > 1, let line = block.split(separator: "\n").first(where: { $0.hasPrefix("  - id: ") }) {
                    block = block.replacingOccurrences(of: line + "\n", with: line + "-\(copy)\n")
                }
                moves += block
            }
        }
        if atColumn0 {
            moves = String(moves.dropFirst(2)).replacingOccurrences(of: "\n  ", with: "\n")
        }
        return halves[0] + "\nmoves:\n" + moves
    }

    @Test("the built-in catalog is cut into its moves, and reads the same")
    func builtInReadsTheSame() throws {
        let parts = try #require(CatalogText(Self.builtIn))
        let catalog = try Catalog(parts: parts, file: "c.yaml")
        #expect(parts.items.count == catalog.moves.count)
        #expect(catalog == (try Catalog(wholeYAML: Self.builtIn, file: "c.yaml")))
        #expect(try Catalog(yaml: Self.builtIn, file: "c.yaml") == (try Catalog(wholeYAML: Self.builtIn, file: "c.yaml")))
    }

    @Test("a grown catalog reads the same, however its moves are laid out", arguments: [
        "plain", "comments", "crlf", "column 0", "keys after", "blank lines",
    ])
    func shapesReadTheSame(shape: String) throws {
        var text = Self.grown(3)
        switch shape {
        case "comments":
            text = text.replacingOccurrences(of: "\n  - id: row", with: "\n# Strength\n  # more\n  - id: row")
                .replacingOccurrences(of: "\nmoves:\n", with: "\nmoves:   # the list\n# first\n")
        case "crlf": text = text.replacingOccurrences(of: "\n", with: "\r\n")
        case "column 0": text = Self.grown(3, atColumn0: true)
        case "keys after":
            // Move the advice after the moves: the top-level part holds lines on both sides of them.
            let advice = try #require(text.range(of: "\nadvice:\n"))
            let faq = try #require(text.range(of: "\nfaq:\n"))
            let block = String(text[advice.lowerBound..<faq.lowerBound])
            text = text.replacingCharacters(in: advice.lowerBound..<faq.lowerBound, with: "") + block + "\n"
        case "blank lines": text = text.replacingOccurrences(of: "\n  - id: ", with: "\n\n\n  - id: ")
        default: break
        }
        #expect(CatalogText(text) != nil)
        let whole = try Catalog(wholeYAML: text, file: "c.yaml")
        #expect(whole.moves.count == 3 * Catalog.builtIn.moves.count)
        #expect(try Catalog(yaml: text, file: "c.yaml") == whole)
    }

    @Test("text of another shape is read whole", arguments: [
        "moves: [\n  {id: a}]\n", "moves: &all\n  - id: a\n", "%YAML 1.1\n---\nmoves:\n  - id: a\n",
        "moves:\n  - id: a\n key: 1\n", "moves:\n  - id: a\n  key: 1\n", "session: {}\n",
    ])
    func otherShapes(text: String) {
        #expect(CatalogText(text) == nil)
    }

    /// Every problem reads the whole text again: the same message, at the same line, as before.
    @Test("a problem anywhere gives the whole reading's error", arguments: [
        ("in a move", "    stepz: [x]\n"), ("YAML in a move", "    name: \"open\n"), ("an alias to the top", "    props: *top\n"),
        ("an anchor used later", ""),
    ])
    func problemsMatchTheWholeReading(name: String, insertion: String) throws {
        var text = Self.grown(2).replacingOccurrences(of: "  - id: row-2\n", with: "  - id: row-2\n" + insertion)
        if name == "an alias to the top" { text = "top: &top [chair]\n" + text }
        if name == "an anchor used later" {
            // Row's phase anchored, and face pull's (the same, strength) an alias to it.
            text = try Self.replacingFirst("    phase: strength", after: "  - id: row-2\n", with: "    phase: &p strength", in: text)
            text = try Self.replacingFirst("    phase: strength", after: "  - id: face-pull-2\n", with: "    phase: *p", in: text)
        }
        var whole: String?
        do { _ = try Catalog(wholeYAML: text, file: "c.yaml") } catch { whole = error.description }
        var parts: String?
        do { _ = try Catalog(yaml: text, file: "c.yaml") } catch { parts = error.description }
        #expect(parts == whole)
        if name == "an anchor used later" {
            // An anchor in one move used by another: a valid file, read whole.
            #expect(whole == nil)
        } else {
            #expect(whole != nil)
        }
    }

    static func replacingFirst(_ target: String, after marker: String, with replacement: String, in text: String) throws -> String {
        let start = try #require(text.range(of: marker))
        let found = try #require(text.range(of: target, range: start.upperBound..<text.endIndex))
        return text.replacingCharacters(in: found, with: replacement)
    }

    @Test("a move's lines are counted from the top of the file")
    func linesFromTheTop() throws {
        let text = Self.grown(2)
        let parts = try #require(CatalogText(text))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for item in parts.items {
            #expect(lines[item.lineOffset].hasPrefix("  - id: "))
        }
        #expect(lines[parts.movesLine - 1] == "moves:")
        #expect(parts.head.split(separator: "\n", omittingEmptySubsequences: false).count == lines.count)
    }
}
