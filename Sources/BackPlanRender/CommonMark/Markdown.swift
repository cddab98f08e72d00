/// Escaping user and catalog text for CommonMark, so it is shown and never interpreted.
package enum Markdown {
    /// `text` as CommonMark inline content that renders literally.
    ///
    /// Inline syntax (`\`, backticks, `*`, `_`, brackets, `<`, `>`, `&`) is
    /// backslash-escaped everywhere; block syntax only where a line could start
    /// with it. Newlines and tabs become spaces: a value never opens a new block,
    /// whatever the template puts before it. Other punctuation stays readable, so
    /// plan.md is pleasant as plain text ("2-3 sets", "Child's pose").
    package static func escape(_ text: String) -> String {
        if isLiteral(text) { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count + 8)
        var atStart = true
        var previousWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar.value < 0x20 || scalar.value == 0x7F {
                if !atStart && !previousWasSpace && scalar.value < 0x20 && scalar != "\u{0}" {
                    out.append(" ")
                    previousWasSpace = true
                }
                continue
            }
            if atStart && scalar == " " { continue }
            if inlineSyntax.unicodeScalars.contains(scalar) {
                out.append("\\")
            } else if atStart && blockMarkers.unicodeScalars.contains(scalar) {
                out.append("\\")
            }
            out.unicodeScalars.append(scalar)
            atStart = false
            previousWasSpace = scalar == " "
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return escapingListNumber(out)
    }

    /// Whether `text` renders literally as it is, so `escape` would return it unchanged.
    ///
    /// Most values (names, doses, dates) are plain words: checking their bytes
    /// once is much cheaper than rebuilding them scalar by scalar.
    static func isLiteral(_ text: String) -> Bool {
        text.withUTF8Bytes { isLiteral(bytes: $0) }
    }

    private static func isLiteral(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        // A leading space or block marker, or a trailing space, needs the full escape.
        if first == 0x20 || last == 0x20 || startsBlock[Int(first)] { return false }
        var index = 0
        // Leading digits are literal ("30 s", "3 sets") unless a dot or parenthesis makes them a list number.
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") { return false }
        return escapedInline.withUnsafeBufferPointer { escaped in
            while index < bytes.count {
                if escaped[Int(bytes[index])] { return false }
                index += 1
            }
            return true
        }
    }

    /// Bytes `escape` changes wherever they are: inline syntax, control characters and DEL.
    private static let escapedInline: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x7F || inlineSyntax.utf8.contains(UInt8(byte))
    }

    /// Bytes that could open a block at the start of a value.
    private static let startsBlock: [Bool] = (0...255).map { blockMarkers.utf8.contains(UInt8($0)) }

    /// Inline syntax, escaped wherever it stands.
    private static let inlineSyntax = "\\`*_[]<>&"
    /// What opens a block at the start of a line, escaped there only.
    private static let blockMarkers = "#-+=|~:"

    /// "1. " or "1) " at the very start would open an ordered list: escape its dot or parenthesis.
    private static func escapingListNumber(_ text: String) -> String {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return text }
        let rest = text.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")" else { return text }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " else { return text }
        return digits + "\\" + rest
    }
}
