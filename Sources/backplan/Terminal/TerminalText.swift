/// Text from input files made safe to print on a terminal.
enum TerminalText {
    /// `text` with control characters shown escaped (`\r`, `\u{1B}`), so a name or value
    /// from a file cannot move the cursor, recolour the terminal or hide part of a message.
    /// Line feeds and tabs are kept: messages use them for their own layout.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.unicodeScalars.append(scalar)
            case 0x0D: result += "\\r"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
