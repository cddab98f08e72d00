/// Escaping for text placed into HTML by trusted code.
package enum HTML {
    /// `& < > " '` as entities: the same escaping, Character by Character, as swift-mustache's for `{{name}}`.
    package static func escape(_ text: String) -> String {
        // Most text has nothing to escape: then it is returned whole, not rebuilt a Character at a time.
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func needsEscaping(_ text: String) -> Bool {
        // Over the contiguous bytes where the string has them: the UTF-8 view's iterator is slower.
        let special = { (byte: UInt8) in byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 }
        return text.withUTF8Bytes { $0.contains(where: special) }
    }

    /// A CSS string literal (with quotes) that shows `text` and cannot end the string or the style element.
    package static func cssString(_ text: String) -> String {
        // Letters, digits and spaces only, as most names and dates are: the text goes in as it is.
        let plain = { (byte: UInt8) in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x20
        }
        if text.withUTF8Bytes({ $0.allSatisfy(plain) }) { return "\"\(text)\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            let isPlain = (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
                || (scalar.value >= 0x61 && scalar.value <= 0x7A) || scalar == " "
                || (scalar.value > 0x7F && scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .lineSeparator)
            if isPlain {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}
