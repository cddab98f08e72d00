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
}
