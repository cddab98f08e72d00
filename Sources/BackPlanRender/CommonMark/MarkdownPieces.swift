/// Where a large Markdown document may be cut so that libcmark, converting each piece alone, gives
/// the whole document's HTML: between two items of a tight bullet list at the top level.
///
/// A site list page is one such list of thousands of moves; converted whole, libcmark holds the
/// tree of every item at once (about 1.1 KB a move). Cut between items, each piece's HTML is the
/// list's `<ul>` around some of its items, and the pieces are joined by leaving out the `</ul>`
/// that ends one and the `<ul>` that starts the next.
///
/// That holds where nothing reaches across a cut. Parsing is line by line, so a piece reads as
/// the same part of the whole did, but for what the whole document decides: link reference
/// definitions (read from anywhere), whether a list is loose (a blank line between two of its
/// lines changes every item), and which lines continue a list. `starts(in:every:)` refuses any
/// document with a link reference definition (an unescaped `]:`), a tab or carriage return, a
/// `*` or `+` list (the list cut must be a `-` list, or the next `- ` line would start another),
/// or a thematic break of dashes; and, to cut only where it will hold, a document with a line
/// after a list line that is neither a list line nor a heading (a lazy continuation carries the
/// list on), or a blank line between two list lines. A cut is made only before a line starting
/// `- ` whose previous line is a list line. Then `convert` asks libcmark's tree of each piece:
/// a cut must end a piece whose last block at the top level is a tight bullet list, and start
/// one whose first block is one, so the cut is between two items of one tight list of the whole
/// (its parts tight, and no blank line at the cut); the `</ul>` and `<ul>` there are left out.
/// If not, the caller converts the document whole. The test suite compares the two ways over
/// thousands of generated documents.
enum MarkdownPieces {
    /// The offsets where pieces after the first start, each piece at least `size` bytes; nil when the
    /// document may not be cut, or [] when it need not be.
    static func starts(in markdown: UnsafeBufferPointer<UInt8>, every size: Int) -> [Int]? {
        var starts: [Int] = []
        var pieceStart = 0
        var previous: Line = .blank
        var beforeBlank: Line = .blank
        var offset = 0
        let count = markdown.count
        while offset < count {
            var end = offset
            while end < count, markdown[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: markdown[offset..<end])
            guard let kind = Line(line) else { return nil }
            switch kind {
            case .blank:
                if previous != .blank { beforeBlank = previous }
            case .list, .item:
                // A blank line between two list lines: a loose list.
                if previous == .blank, beforeBlank.isList { return nil }
                if kind == .item, previous.isList, offset - pieceStart >= size {
                    starts.append(offset)
                    pieceStart = offset
                }
            case .heading:
                break
            case .other:
                // A lazy continuation line, or a paragraph a list line might continue.
                if previous.isList { return nil }
                if previous == .blank, beforeBlank.isList { beforeBlank = .other }
            }
            previous = kind
            offset = end + 1
        }
        return starts
    }

    /// The HTML of `markdown` converted piece by piece by `convertPiece`, the pieces starting at `starts`
    /// (from `starts(in:every:)`), joined; nil when a cut is not inside a tight bullet list at the top level.
    static func convert(
        _ markdown: UnsafeBufferPointer<UInt8>, startingAt starts: [Int],
        _ convertPiece: (UnsafeBufferPointer<UInt8>) -> (chunks: ByteChunks, edges: CommonMark.ListEdges)
    ) -> ByteChunks? {
        let bounds = [0] + starts + [markdown.count]
        var joined = ByteChunks()
        for (index, (start, end)) in zip(bounds, bounds.dropFirst()).enumerated() {
            var (html, edges) = convertPiece(UnsafeBufferPointer(rebasing: markdown[start..<end]))
            if index > 0 { guard edges.startsWithTightList, html.removeFirst(opening) else { return nil } }
            if index < bounds.count - 2 { guard edges.endsWithTightList, html.removeLast(closing) else { return nil } }
            joined.append(contentsOf: html)
        }
        return joined
    }

    private static let opening = Array("<ul>\n".utf8)
    private static let closing = Array("</ul>\n".utf8)

    /// What a line is, as far as cutting goes.
    private enum Line: Equatable {
        case blank
        /// A line starting `- ` (not a thematic break): a list item where a cut may go.
        case item
        /// Any other line of a list: an item marker indented up to three spaces or alone, or a line indented two or more.
        case list
        /// An ATX heading at the margin: it ends any list and paragraph.
        case heading
        case other

        var isList: Bool { self == .item || self == .list }

        /// The kind of `line` (without its line break), or nil when the document may not be cut at all.
        init?(_ line: UnsafeBufferPointer<UInt8>) {
            let space = UInt8(ascii: " "), dash = UInt8(ascii: "-")
            if line.contains(where: { $0 == 0x09 || $0 == 0x0D }) { return nil }
            let indent = line.prefix { $0 == space }.count
            guard indent < line.count else {
                self = .blank
                return
            }
            let rest = UnsafeBufferPointer(rebasing: line[indent...])
            if Self.hasReferenceColon(line) { return nil }
            if indent <= 3, rest.first == UInt8(ascii: "*") || rest.first == UInt8(ascii: "+"),
               rest.count == 1 || rest[1] == space { return nil }
            if indent >= 2 {
                self = .list
            } else if rest.first == dash, rest.count == 1 || rest[1] == space {
                // A thematic break of dashes ends a list: it may be no cut.
                let isBreak = rest.allSatisfy { $0 == dash || $0 == space } && rest.filter { $0 == dash }.count >= 3
                if isBreak { return nil }
                self = indent == 0 && rest.count > 1 ? .item : .list
            } else if indent == 0, case let level = rest.prefix(while: { $0 == UInt8(ascii: "#") }).count,
                      (1...6).contains(level), level == rest.count || rest[level] == space {
                // `#foo` or seven `#` are text, and carry a list on as a lazy line.
                self = .heading
            } else {
                self = .other
            }
        }

        /// Whether `line` holds `]:` with the `]` not escaped (`\]`, as Markdown escaping writes it):
        /// what a link reference definition needs.
        private static func hasReferenceColon(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            let bracket = UInt8(ascii: "]"), colon = UInt8(ascii: ":"), backslash = UInt8(ascii: "\\")
            guard line.count >= 2 else { return false }
            for index in 0..<(line.count - 1) where line[index] == bracket && line[index + 1] == colon {
                var escapes = 0
                while index - escapes > 0, line[index - escapes - 1] == backslash { escapes += 1 }
                if escapes % 2 == 0 { return true }
            }
            return false
        }
    }
}
