/// Reads Mustache template text into the token tree that `CompiledTemplate` lays out.
///
/// BackPlan owns its Mustache: this parser and `TemplateRenderer`. They
/// implement the spec's core (interpolation with escaping, sections, inverted
/// sections, comments, partials with the standalone-line and indentation
/// rules, set delimiters) plus the `{{% CONTENT_TYPE: ... }}` pragma, and
/// refuse the rest (lambdas' transforms, template inheritance, dynamic
/// partials) with a message rather than rendering them some other way. The
/// tests hold them to swift-mustache 2, the reference, byte for byte.
///
/// Two details follow swift-mustache rather than the letter of the spec, so
/// that templates written against it render the same here:
/// - a standalone tag must end its line with `\n`, `\r\n` or the very end of
///   the text (trailing blanks before the end of the text are not enough);
/// - after a section, whether the parser stands at the start of a line is
///   what the section's opening tag left, not its closing tag;
/// - delimiters set inside a section hold until its end, then the section's
///   own delimiters are back.
///
/// It reads UTF-8 bytes: every character Mustache gives a meaning is ASCII,
/// so no multi-byte character is ever split.
struct MustacheParser {
    /// A tag or text of a template, before it is laid out in `CompiledTemplate`'s tables.
    enum Token {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, [Token], inverted: Bool)
        case partial(String, indentation: String?)
        case escaping(TemplateEscaping)
    }

    private let bytes: [UInt8]
    /// Where errors say the text came from.
    private let file: String
    private var position = 0
    private var opening: [UInt8] = Array("{{".utf8)
    private var closing: [UInt8] = Array("}}".utf8)
    /// Whether only blanks stand between the start of the line and `position`.
    private var atLineStart = true

    /// Parses `text`; errors name `file` and the line and column of the tag at fault.
    static func tokens(_ text: String, file: String) throws(TemplateError) -> [Token] {
        var parser = MustacheParser(bytes: Array(text.utf8), file: file)
        return try parser.block(closing: nil)
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    // MARK: - Blocks

    /// The tokens up to the closing tag of `section` (name and where it opened), or to the end of the text.
    private mutating func block(closing section: (name: String, at: Int)?) throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var blanks: [UInt8] = []
        func flushBlanks() {
            if !blanks.isEmpty { tokens.append(.text(String(decoding: blanks, as: UTF8.self))) }
            blanks = []
        }
        while position < bytes.count {
            if atLineStart { blanks = readBlanks() }
            let (text, endsLine) = readText()
            if endsLine {
                tokens.append(.text(String(decoding: blanks + text, as: UTF8.self)))
                blanks = []
                atLineStart = true
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(String(decoding: blanks + text, as: UTF8.self)))
                blanks = []
                atLineStart = false
            }
            guard position < bytes.count else { break }
            // `position` is just past an opening delimiter.
            let tagStart = position - opening.count
            var standalone = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let name = try readName(tagStart: tagStart)
                standalone = endsStandalone()
                if !standalone { flushBlanks() }
                blanks = []
                let (wasAtLineStart, outerDelimiters) = (standalone, (opening, closing))
                atLineStart = standalone
                let inner = try block(closing: (name, tagStart))
                tokens.append(.section(name, inner, inverted: inverted))
                standalone = wasAtLineStart
                (opening, closing) = outerDelimiters
            case UInt8(ascii: "/"):
                position += 1
                let name = try readName(tagStart: tagStart)
                guard let section else {
                    throw error(at: tagStart, "'{{/\(name)}}' closes a section that was never opened")
                }
                guard name == section.name else {
                    throw error(at: tagStart, "'{{/\(name)}}' closes the section '\(section.name)' opened at \(place(of: section.at)); close it with {{/\(section.name)}}")
                }
                if !endsStandalone() { flushBlanks() }
                return tokens
            case UInt8(ascii: "!"):
                position += 1
                try skipComment(tagStart: tagStart)
                standalone = endsStandalone()
            case UInt8(ascii: "{"):
                flushBlanks()
                position += 1
                let name = try readName(tagStart: tagStart)
                guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                    throw error(at: tagStart, "'{{{\(name)' is not closed with '}}}'")
                }
                position += 1
                tokens.append(.variable(name, escaped: false))
            case UInt8(ascii: "&"):
                flushBlanks()
                position += 1
                tokens.append(.variable(try readName(tagStart: tagStart), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                let name = try readPartialName(tagStart: tagStart)
                let indentation = String(decoding: blanks, as: UTF8.self)
                flushBlanks()
                standalone = endsStandalone()
                tokens.append(.partial(name, indentation: standalone ? indentation : nil))
            case UInt8(ascii: "="):
                position += 1
                try readDelimiters(tagStart: tagStart)
                standalone = endsStandalone()
            case UInt8(ascii: "%"):
                position += 1
                tokens.append(.escaping(try readPragma(tagStart: tagStart)))
                standalone = endsStandalone()
            case UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw error(at: tagStart, "template inheritance ({{<parent}} and {{$block}}) is not supported; use partials ({{> name}})")
            default:
                flushBlanks()
                tokens.append(.variable(try readName(tagStart: tagStart), escaped: true))
            }
            atLineStart = standalone
        }
        if let section {
            throw error(at: section.at, "the section '\(section.name)' is never closed; end it with {{/\(section.name)}}")
        }
        return tokens
    }

    // MARK: - Text

    /// Spaces and tabs at `position`.
    private mutating func readBlanks() -> [UInt8] {
        let start = position
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        return Array(bytes[start..<position])
    }

    /// Text up to and including a line feed (`endsLine`), or up to an opening delimiter, which is skipped.
    private mutating func readText() -> (text: [UInt8], endsLine: Bool) {
        let start = position
        while position < bytes.count {
            if bytes[position] == 0x0A {
                position += 1
                return (Array(bytes[start..<position]), true)
            }
            if matches(opening, at: position) {
                let text = Array(bytes[start..<position])
                position += opening.count
                return (text, false)
            }
            position += 1
        }
        return (Array(bytes[start..<position]), false)
    }

    /// Whether a standalone tag could end here: blanks, then the end of the line (consumed) or of the text.
    private mutating func endsStandalone() -> Bool {
        guard atLineStart else { return false }
        if position == bytes.count { return true }
        var end = position
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
        if end < bytes.count, bytes[end] == 0x0A {
            position = end + 1
            return true
        }
        if end + 1 < bytes.count, bytes[end] == 0x0D, bytes[end + 1] == 0x0A {
            position = end + 2
            return true
        }
        return false
    }

    // MARK: - Tags

    private static let nameBytes = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?".utf8)
    private static let partialNameBytes = nameBytes.union("/".utf8)

    /// A variable's or section's name and the closing delimiter after it.
    private mutating func readName(tagStart: Int) throws(TemplateError) -> String {
        try readName(tagStart: tagStart, allowed: Self.nameBytes)
    }

    private mutating func readPartialName(tagStart: Int) throws(TemplateError) -> String {
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
            throw error(at: tagStart, "dynamic partials ({{>*name}}) are not supported; name the partial")
        }
        return try readName(tagStart: tagStart, allowed: Self.partialNameBytes)
    }

    private mutating func readName(tagStart: Int, allowed: Set<UInt8>) throws(TemplateError) -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, allowed.contains(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        skipWhitespace()
        if matches(closing, at: position) {
            position += closing.count
            return name
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "(") {
            throw error(at: tagStart, "transforms such as '\(name)(...)' are not supported; give the template the value it needs")
        }
        if position >= bytes.count {
            throw error(at: tagStart, "a tag is not closed with '\(text(closing))'")
        }
        let shown = tagText(from: tagStart)
        throw error(at: tagStart, "'\(shown)' is not a tag: names are letters, digits and . - _ ?, closed with '\(text(closing))'")
    }

    private mutating func skipComment(tagStart: Int) throws(TemplateError) {
        while position < bytes.count {
            if matches(closing, at: position) {
                position += closing.count
                return
            }
            position += 1
        }
        throw error(at: tagStart, "a comment is not closed with '\(text(closing))'")
    }

    /// `{{=<% %>=}}`: two delimiters without blanks or `=`, separated by blanks.
    private mutating func readDelimiters(tagStart: Int) throws(TemplateError) {
        func word() -> [UInt8] {
            let start = position
            while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "=") { position += 1 }
            return Array(bytes[start..<position])
        }
        skipWhitespace()
        let newOpening = word()
        skipWhitespace()
        let newClosing = word()
        skipWhitespace()
        guard !newOpening.isEmpty, !newClosing.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "="),
              matches(closing, at: position + 1) else {
            throw error(at: tagStart, "a set-delimiter tag is written {{=<% %>=}}: two delimiters without spaces or '=', between '='")
        }
        position += 1 + closing.count
        (opening, closing) = (newOpening, newClosing)
    }

    /// `{{% CONTENT_TYPE: TEXT }}`: how the tags after it escape their values.
    private mutating func readPragma(tagStart: Int) throws(TemplateError) -> TemplateEscaping {
        let unknown = error(at: tagStart, "the only pragma is {{% CONTENT_TYPE: HTML }}, with HTML, MARKDOWN or TEXT")
        skipWhitespace()
        let key = readWord()
        skipWhitespace()
        guard key == "CONTENT_TYPE", position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw unknown }
        position += 1
        skipWhitespace()
        let value = readWord()
        skipWhitespace()
        guard matches(closing, at: position) else { throw unknown }
        position += closing.count
        switch value {
        case "HTML": return .html
        case "MARKDOWN": return .markdown
        case "TEXT": return .none
        default: throw unknown
        }
    }

    private mutating func readWord() -> String {
        let start = position
        while position < bytes.count, Self.nameBytes.contains(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= bytes.count else { return false }
        for offset in delimiter.indices where bytes[index + offset] != delimiter[offset] { return false }
        return true
    }

    private func text(_ delimiter: [UInt8]) -> String { String(decoding: delimiter, as: UTF8.self) }

    /// The tag from `start` to its closing delimiter or the end of its line, for messages.
    private func tagText(from start: Int) -> String {
        var end = start + opening.count
        while end < bytes.count, bytes[end] != 0x0A, !matches(closing, at: end) { end += 1 }
        if matches(closing, at: end) { end += closing.count }
        return String(decoding: bytes[start..<min(end, start + 60)], as: UTF8.self)
    }

    // MARK: - Errors

    /// `line:column` of a byte offset, both from 1; columns count characters, lines end at LF.
    private func place(of offset: Int) -> String {
        let (line, column) = lineAndColumn(of: offset)
        return "\(line):\(column)"
    }

    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1
        return (line, column)
    }

    private func error(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = lineAndColumn(of: offset)
        return TemplateError(file: file, line: line, column: column, message: message)
    }
}
