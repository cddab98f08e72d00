import BackPlanCore
@testable import BackPlanRender
import Testing

/// The CSS string literals of the printed page's running header and footer (`@top-center { content: "..." }`).
@Suite("Text as a CSS string")
struct CSSStringTests {
    /// What a CSS parser reads inside the quotes: `\hex ` escapes decoded.
    static func unescape(_ literal: String) -> String? {
        var scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        scalars = Array(scalars.dropFirst().dropLast())
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\\" else {
                out.append(scalars[index])
                index += 1
                continue
            }
            var hex = ""
            index += 1
            while index < scalars.count, scalars[index].properties.isASCIIHexDigit, hex.count < 6 {
                hex.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            out.append(scalar)
            if index < scalars.count, scalars[index] == " " { index += 1 }
        }
        return String(out)
    }

    @Test("plain names and dates go in as they are")
    func plain() {
        #expect(HTML.cssString("Back plan for Alex Doe") == "\"Back plan for Alex Doe\"")
        #expect(HTML.cssString("1 December 2026 to 28 December 2026") == "\"1 December 2026 to 28 December 2026\"")
        #expect(HTML.cssString("") == "\"\"")
    }

    @Test("any text reads back as itself and cannot end the string, the rule or the style element", arguments: [
        "Zoë Müller", "O'Brien \"the back\"", "</style><script>alert(1)</script>", "a\\b", "line\nbreak\u{2028}end",
        "tab\there", "{}; content: x", "日本語 テキスト", "emoji 🧘", "\u{7F}\u{85}", "Say \"hi\"", "a<b",
    ])
    func readsBack(text: String) {
        Self.expectSafe(HTML.cssString(text), of: text)
    }

    static func expectSafe(_ literal: String, of text: String) {
        #expect(unescape(literal) == text)
        let inner = literal.dropFirst().dropLast()
        #expect(!inner.contains("\""), "\(literal)")
        #expect(!inner.contains("<"), "\(literal)")
        #expect(!inner.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" }, "\(literal)")
    }

    @Test("random text of every kind reads back as itself")
    func randomText() {
        var generator = SeededGenerator(seed: 0xC55)
        let pool: [Unicode.Scalar] = Array("aZ09 -_.,;:'\"\\<>/{}()\n\t".unicodeScalars) + ["é", "ß", "\u{2028}", "\u{0}", "\u{1F9D8}", "\u{7F}"]
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.append(pool.randomElement(using: &generator)!) }
            Self.expectSafe(HTML.cssString(String(text)), of: String(text))
        }
    }
}
