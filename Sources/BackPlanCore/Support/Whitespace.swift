/// Whitespace as Foundation's `CharacterSet.whitespaces` (and `whitespacesAndNewlines`) has it, found without Foundation.
///
/// `trimmingCharacters(in: .whitespaces)` bridges every cell of a roster to
/// `NSString` and back; this walks the Unicode scalars of the text instead
/// and returns the text itself when there is nothing to trim.
package enum Whitespace {
    /// Whether `scalar` is a tab or a space separator (general category Zs), or U+200B as Foundation counts it.
    package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || scalar.value == 0x09 }
        return scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
    }

    /// `text` without leading and trailing whitespace: the same as `text.trimmingCharacters(in: .whitespaces)`.
    package static func trimmed(_ text: String) -> String {
        let range = inner(text.unicodeScalars)
        return range == text.startIndex..<text.endIndex ? text : String(text.unicodeScalars[range])
    }

    /// `text` without leading and trailing whitespace, for a piece of a larger text.
    package static func trimmed(_ text: Substring) -> String {
        String(text.unicodeScalars[inner(text.unicodeScalars)])
    }

    /// The range of `scalars` between its leading and trailing whitespace.
    private static func inner<Scalars: BidirectionalCollection<Unicode.Scalar>>(_ scalars: Scalars) -> Range<Scalars.Index> {
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, contains(scalars[start]) { start = scalars.index(after: start) }
        while start < end, contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return start..<end
    }

    /// Whether `text` holds nothing but whitespace (or nothing at all).
    package static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(contains)
    }

    /// Whether `scalar` is whitespace or a line break, as Foundation's `CharacterSet.whitespacesAndNewlines` has them.
    package static func containsWithNewlines(_ scalar: Unicode.Scalar) -> Bool {
        if (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 { return true }
        if scalar.value < 0x80 { return contains(scalar) }
        let category = scalar.properties.generalCategory
        return contains(scalar) || category == .lineSeparator || category == .paragraphSeparator
    }

    /// Whether `text` holds nothing but whitespace and line breaks: `text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty`.
    package static func isBlankWithNewlines(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(containsWithNewlines)
    }
}
