import Yams

/// A catalog's text cut into its top-level part and one part per move, so that each move is
/// parsed and decoded alone and its YAML tree dropped before the next is parsed.
///
/// Parsing the whole file builds a tree of every node at once (most of the memory of
/// reading a large catalog); a move's part holds one move's tree. The parts are found by lines, for the plain shape catalogs have: a top-level
/// `moves:` line with nothing after it but a comment, then its items, each starting with
/// `- ` at one indentation, up to the next line at the first column. The top-level part is
/// the whole text with the items' lines left empty, so its lines keep their numbers, and a
/// move's part is its lines as they are, so columns keep theirs; a move's lines are counted
/// from where its part starts. Anything else (no such `moves:` line, a line indented less
/// than the items, a directive or a document marker) gives no parts, and the file is
/// parsed whole.
///
/// The parts are only a shortcut: `Catalog.init(yaml:file:)` uses them only when every part
/// parses and decodes without a problem. On any problem it reads the whole file again, so
/// every error is the one reading it whole gives, word for word and at the same line.
struct CatalogText {
    /// The text with the moves' lines left empty; its `moves` key holds nothing.
    let head: String
    /// The 1-based line of the `moves:` key.
    let movesLine: Int
    /// Each move's lines, and how many lines of the file come before them.
    let items: [(text: Substring, lineOffset: Int)]

    /// The parts of `text`, or nil when it does not have the plain shape they need.
    init?(_ text: String) {
        // Lines as ranges of the text, each with its line break.
        var lines: [Range<String.Index>] = []
        var start = text.startIndex
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                let next = utf8.index(after: index)
                lines.append(start..<next)
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        if start != text.endIndex { lines.append(start..<text.endIndex) }

        var movesIndex: Int?
        for (number, range) in lines.enumerated() {
            let line = utf8[range]
            // Directives and document markers change how the whole text reads: parsed whole.
            if line.starts(with: "%".utf8) || line.starts(with: "---".utf8) || line.starts(with: "...".utf8) { return nil }
            if movesIndex == nil, line.starts(with: "moves:".utf8),
               Self.isEmptyOrComment(line.dropFirst("moves:".utf8.count)) {
                movesIndex = number
            }
        }
        guard let movesIndex else { return nil }

        // The items: from the first line that is not blank or a comment, each starting at its indentation with `- `.
        var indentation: Int?
        var itemStarts: [Int] = []
        var end = lines.count
        for number in (movesIndex + 1)..<lines.count {
            let line = utf8[lines[number]]
            let spaces = line.prefix { $0 == UInt8(ascii: " ") }.count
            let rest = line.dropFirst(spaces)
            if Self.isEmptyOrComment(rest) { continue }
            let isItem = rest.first == UInt8(ascii: "-") && Self.isBlankOrEnd(rest.dropFirst().first)
            guard let indent = indentation else {
                guard isItem else { return nil }
                indentation = spaces
                itemStarts.append(number)
                continue
            }
            if spaces == indent, isItem {
                itemStarts.append(number)
            } else if spaces == 0 {
                end = number
                break
            } else if spaces < indent {
                return nil
            } else if spaces == indent {
                return nil
            }
        }
        guard !itemStarts.isEmpty else { return nil }

        var items: [(text: Substring, lineOffset: Int)] = []
        for (position, first) in itemStarts.enumerated() {
            let last = position + 1 < itemStarts.count ? itemStarts[position + 1] : end
            items.append((text[lines[first].lowerBound..<lines[last - 1].upperBound], first))
        }
        let regionStart = lines[itemStarts[0]].lowerBound
        let regionEnd = end < lines.count ? lines[end].lowerBound : text.endIndex
        // The lines before the first item (blank or comments) stay; the items' lines are left empty.
        var head = String(text[..<regionStart])
        head += String(repeating: "\n", count: end - itemStarts[0])
        head += text[regionEnd...]
        self.head = head
        movesLine = movesIndex + 1
        self.items = items
    }

    /// Nothing, or only spaces and a comment, up to the line's end.
    private static func isEmptyOrComment(_ rest: Substring.UTF8View.SubSequence) -> Bool {
        let text = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = text.first else { return true }
        return first == UInt8(ascii: "#") || first == UInt8(ascii: "\n") || (first == UInt8(ascii: "\r") && text.count <= 2)
    }

    private static func isBlankOrEnd(_ byte: UInt8?) -> Bool {
        byte == nil || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
