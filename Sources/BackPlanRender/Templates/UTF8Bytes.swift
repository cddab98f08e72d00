extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` with one copy (a String's UTF-8 view would be appended byte by byte).
    mutating func append(utf8Of text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends fixed text, such as markup, with one copy.
    mutating func append(utf8Of text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
