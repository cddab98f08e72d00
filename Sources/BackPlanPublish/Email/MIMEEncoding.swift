import Foundation

/// The encodings that keep a message 7-bit and its lines short: RFC 2045 bodies, RFC 2047 headers.
package enum MIMEEncoding {
    /// Longest encoded word; shorter than RFC 2047's 75 so that `Subject: ` plus one word stays within 78.
    static let encodedWordLength = 64
    /// Longest header line before folding (RFC 5322's "should").
    static let headerLineLength = 78

    // MARK: - Bodies

    /// Quoted-printable text with CRLF line breaks and no line over 76 characters.
    ///
    /// Any line break of the input (LF, CRLF, CR) becomes a hard CRLF; long
    /// lines get soft breaks (`=` at the end), never inside an `=XX` escape.
    package static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false)
            .map { quotedPrintableLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
            var token = literal ? String(UnicodeScalar(byte)) : hexEscape(byte)
            // Keep room for the soft break's "=", unless this is the line's last token.
            if current.count + token.count > (isLast ? 76 : 75) {
                lines.append(current + "=")
                current = ""
            }
            // A dot opening a line can mean "end of message" to SMTP; escaping it keeps the text intact.
            if current.isEmpty && byte == 46 { token = hexEscape(byte) }
            current += token
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }

    /// Base64 in lines of 76 characters, CRLF after each.
    package static func base64(_ data: Data) -> String {
        let text = data.base64EncodedString()
        var lines: [Substring] = []
        var start = text.startIndex
        while start < text.endIndex {
            let end = text.index(start, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(text[start..<end])
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    // MARK: - Headers

    /// A display name as atoms, a quoted string, or RFC 2047 encoded words when it is not ASCII.
    package static func phrase(_ name: String) -> String {
        guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            return encodedWords(name).joined(separator: "\r\n ")
        }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~- ")
        if name.allSatisfy({ atext.contains($0) }) { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A whole `Name: value` header line for unstructured text (Subject), folded, without its CRLF.
    ///
    /// ASCII text folds at spaces; text that is not ASCII, or has a word too
    /// long to fold, becomes encoded words, one per folded line.
    package static func unstructured(_ name: String, _ value: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false)
        let plain = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            && !value.contains("=?") && words.allSatisfy { $0.count + name.count + 3 <= headerLineLength }
        guard plain else { return "\(name): " + encodedWords(value).joined(separator: "\r\n ") }
        var lines: [String] = []
        var current = "\(name):"
        for word in words {
            if current.count + 1 + word.count > headerLineLength, current != "\(name):" {
                lines.append(current)
                current = ""
            }
            current += " " + word
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 `=?utf-8?q?...?=` words, each at most `encodedWordLength` long, never splitting a UTF-8 character.
    ///
    /// Only letters, digits and `!*+-/` stay literal (the set allowed in a
    /// phrase, so the words fit names as well as subjects); a space is `_`.
    package static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?utf-8?q?", suffix = "?="
        let room = encodedWordLength - prefix.count - suffix.count
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            var encoded = ""
            for byte in String(scalar).utf8 {
                switch byte {
                case 32: encoded += "_"
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x21, 0x2A, 0x2B, 0x2D, 0x2F: encoded.unicodeScalars.append(UnicodeScalar(byte))
                default: encoded += hexEscape(byte)
                }
            }
            if !current.isEmpty, current.count + encoded.count > room {
                words.append(prefix + current + suffix)
                current = ""
            }
            current += encoded
        }
        words.append(prefix + current + suffix)
        return words
    }

    // MARK: - File names

    /// The parameters naming an attached file, one per folded line: RFC 2231 `filename*` when the name is not plain
    /// ASCII, then always a plain ASCII `filename=` for clients that do not read RFC 2231.
    ///
    /// `filename*` comes first because parsers that meet both (Python's
    /// `email` among them) keep the first. A long encoded name is split into
    /// numbered sections (`filename*0*`, `filename*1*`) so no line passes 76
    /// characters, and a section never ends inside a `%XX` escape.
    package static func fileNameParameters(_ name: String, parameter: String = "filename") -> [String] {
        let fallback = "\(parameter)=\"\(asciiFileName(name))\""
        guard !name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else { return [fallback] }
        var tokens: [String] = []
        for byte in name.utf8 {
            let plain = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "!#$&+-.^_`|~".utf8.contains(byte)
            tokens.append(plain ? String(UnicodeScalar(byte)) : "%" + hexEscape(byte).dropFirst())
        }
        let whole = "\(parameter)*=UTF-8''" + tokens.joined()
        // A folded line: a space, the parameter, and the ";" that follows it.
        if whole.count + 2 <= 76 { return [whole, fallback] }
        var sections: [String] = []
        var current = ""
        for token in tokens {
            let head = "\(parameter)*\(sections.count)*=" + (sections.isEmpty ? "UTF-8''" : "")
            if head.count + current.count + token.count + 2 > 76 {
                sections.append(head + current)
                current = ""
            }
            current += token
        }
        sections.append("\(parameter)*\(sections.count)*=" + (sections.isEmpty ? "UTF-8''" : "") + current)
        return sections + [fallback]
    }

    /// The name in printable ASCII for a quoted string: accents dropped (`Zoë` is `Zoe`), other letters `_`, no `"` or `\\`.
    package static func asciiFileName(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.compactMap { scalar -> Character? in
            if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F { return nil }
            return scalar.value < 0x7F ? Character(scalar) : "_"
        })
    }
}
