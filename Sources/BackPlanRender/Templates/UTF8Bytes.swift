extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` with one copy (a String's UTF-8 view would be appended byte by byte).
    mutating func append(utf8Of text: String) {
        // In place when the string is stored as UTF-8, as a Swift string always is: no copy of the string to make it mutable.
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) != nil { return }
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends fixed text, such as markup, with one copy.
    mutating func append(utf8Of text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
