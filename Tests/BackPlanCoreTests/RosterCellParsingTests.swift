import Foundation
import Testing

@testable import BackPlanCore

/// The roster's own trimming and date parsing give what Foundation's did.
@Suite("Roster cell parsing")
struct RosterCellParsingTests {
    /// Every scalar of the ranges where Foundation's whitespace lives, and the end of the BMP.
    static let scalars = (Array(0...0x3100) + Array(0xFE00...0xFFFF)).compactMap(Unicode.Scalar.init)

    @Test("trimming and blank checks match Foundation's whitespace sets for every scalar, alone and around text")
    func trimmedMatchesFoundation() {
        for scalar in Self.scalars {
            for text in [String(scalar), "\(scalar)a b\(scalar)", "a\(scalar)b"] {
                #expect(Whitespace.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "U+\(String(scalar.value, radix: 16))")
                #expect(Whitespace.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty)
                #expect(
                    Whitespace.isBlankWithNewlines(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                    "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test("trimming a piece of a cell matches Foundation too", arguments: [
        "", " ", " \t ", "  Alex Doe\t", "\u{3000}neck\u{00A0}", " \u{301}x ", "e\u{301} ", "x\u{200B}",
    ])
    func trimmedSubstring(text: String) {
        #expect(Whitespace.trimmed(text[...]) == text.trimmingCharacters(in: .whitespaces))
        #expect(Whitespace.trimmed(text) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("an ISO date is exactly YYYY-MM-DD of ASCII digits, and a day that exists", arguments: [
        ("2026-11-30", true), ("2028-02-29", true), ("0001-01-01", true), ("9999-12-31", true),
        ("2026-02-30", false), ("0000-01-01", false), ("2026-13-01", false), ("2026-00-10", false),
        ("2026-1-30", false), ("2026-11-3", false), ("20261-1-30", false), ("2026/11/30", false),
        ("+026-11-30", false), ("2026-11-30 ", false), ("２０２６-11-30", false), ("2026-11-3\u{301}", false), ("", false),
    ])
    func isoDate(text: String, valid: Bool) {
        let date = CivilDate(iso: text)
        #expect((date != nil) == valid)
        if let date { #expect(date.iso == text) }
    }
}

/// Folder names from people's names.
@Suite("Slugs")
struct SlugTests {
    @Test("a name becomes a folder-safe slug", arguments: [
        ("Alex Doe", "alex-doe"), ("Zoë O'Brien", "zoe-o-brien"), ("ＡＢＣ Person", "abc-person"), ("../../x", "x"),
        ("  ", "person"), ("Ωμέγα", "person"), ("Person 12", "person-12"), ("--A--B--", "a-b"),
    ])
    func slug(name: String, expected: String) {
        #expect(Slug.make(from: name) == expected)
    }

    @Test("folding ASCII text is lowercasing it, which the slug's fast path relies on")
    func asciiFolding() {
        for value in 0..<0x80 {
            let text = "Ab\(Character(Unicode.Scalar(UInt8(value))))Z"
            #expect(text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil) == text.lowercased(), "\(value)")
        }
    }
}
