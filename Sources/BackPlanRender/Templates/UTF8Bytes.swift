extension String {
    /// Calls `body` with the text's UTF-8, read in place when the string is stored as UTF-8 (a Swift
    /// string always is), so the string is not copied to be made mutable first.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return text.withUTF8(body)
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text` with one copy (a String's UTF-8 view would be appended byte by byte).
    mutating func append(utf8Of text: String) {
        text.withUTF8Bytes { append(contentsOf: $0) }
    }

    /// Appends fixed text, such as markup, with one copy.
    mutating func append(utf8Of text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
