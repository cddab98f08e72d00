import CCmark
import Foundation

/// The only caller of libcmark: CommonMark text in, HTML out.
///
/// Safe mode always stays on (`CMARK_OPT_UNSAFE` is never passed): raw HTML in
/// the input becomes `<!-- raw HTML omitted -->` and `javascript:`, `vbscript:`,
/// `file:` and non-image `data:` links lose their target, so user text can never
/// become live markup. No cmark type appears outside this file.
package enum CommonMark {
    /// libcmark's options: the defaults, never `CMARK_OPT_UNSAFE`.
    private static let flags: Int32 = CMARK_OPT_DEFAULT

    /// The HTML of a CommonMark document, rendered in safe mode, in which trusted code may supply some blocks.
    ///
    /// An HTML block of the input whose text (trimmed) is a key of `blocks`,
    /// such as `<!-- backplan:week-grid 1 -->`, becomes a custom block that
    /// renders that value as is. Everything else renders in safe mode, so user
    /// text, which is escaped and can never form an HTML block, stays inert.
    package static func html(fromMarkdown markdown: String, blocks: [String: String] = [:]) -> String {
        var markdown = markdown
        let trusted = blocks.mapValues { TrustedHTML(Array($0.utf8)) }
        return markdown.withUTF8 { bytes in
            withHTML(of: bytes, hasBlocks: !trusted.isEmpty, block: { trusted[String(decoding: $0, as: UTF8.self)] }) { String(cString: $0) }
        }
    }

    /// `html(fromMarkdown:blocks:)` on UTF-8 bytes, with the blocks' HTML as UTF-8 too, giving UTF-8 bytes.
    ///
    /// For the batch path: libcmark reads and writes bytes, so this skips
    /// validating a String on the way in and out (libcmark's output is UTF-8).
    package static func htmlUTF8(
        fromMarkdown markdown: [UInt8], blocks: [String: [UInt8]] = [:], memory: Memory = .arena
    ) -> [UInt8] {
        let trusted = blocks.mapValues(TrustedHTML.init)
        return htmlUTF8(fromMarkdown: markdown, memory: memory, hasBlocks: !trusted.isEmpty) { trusted[String(decoding: $0, as: UTF8.self)] }
    }

    /// `htmlUTF8(fromMarkdown:blocks:memory:)` with the blocks found by `block`, given each HTML block's text (trimmed).
    ///
    /// For a caller whose markers say what they stand for (a plan's week grids and
    /// figures): reading the marker costs less than building a table of every
    /// block for each document. `block` answers nil to leave an HTML block as
    /// safe mode renders it.
    package static func htmlUTF8(
        fromMarkdown markdown: some ContiguousBytes, memory: Memory = .arena, hasBlocks: Bool = true,
        block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?
    ) -> [UInt8] {
        withHTMLUTF8(fromMarkdown: markdown, memory: memory, hasBlocks: hasBlocks, block: block) { Array($0) }
    }

    /// `htmlUTF8(fromMarkdown:memory:hasBlocks:block:)` handed to `body` where libcmark wrote it, valid only during
    /// the call: for a caller that places the HTML in a larger document, so it is copied once, not twice.
    package static func withHTMLUTF8<Result>(
        fromMarkdown markdown: some ContiguousBytes, memory: Memory = .arena, hasBlocks: Bool = true,
        block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        markdown.withUnsafeBytes { raw in
            withHTML(of: raw.assumingMemoryBound(to: UInt8.self), hasBlocks: hasBlocks, block: block, memory: memory) { rendered in
                let count = strlen(rendered)
                return rendered.withMemoryRebound(to: UInt8.self, capacity: count) { body(UnsafeBufferPointer(start: $0, count: count)) }
            }
        }
    }

    /// `htmlUTF8(fromMarkdown:memory:hasBlocks:block:)` as runs: the trusted blocks are not copied
    /// into libcmark's output but placed between its runs, each a slice of the block's one copy.
    ///
    /// A page that lists thousands of moves with a small figure each would otherwise hold
    /// every figure twice more (in libcmark's tree and in its output) and then once more in
    /// the joined page. libcmark renders a placeholder in each block's place instead
    /// (`<\u{1}N\u{1}>` and the block's last line break: text and safe-mode HTML are
    /// escaped, so nothing else in the output starts with a raw `<` and `\u{1}`), and the
    /// runs between them are the output's own. A block with no closing line break is
    /// rendered in place as before (libcmark adds a line break after a block that has none,
    /// so a placeholder would change what follows). Should the placeholders not be found
    /// once each, the document is converted again the plain way: the bytes are always
    /// those `htmlUTF8` gives.
    ///
    /// A large document that is cut into pieces safely (`MarkdownPieces`) is converted a piece at a
    /// time, so libcmark never holds the tree of a list of thousands of moves at once.
    package static func htmlChunks(
        fromMarkdown markdown: some ContiguousBytes, hasBlocks: Bool = true, block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?
    ) -> ByteChunks {
        piecewise(markdown, hasBlocks: hasBlocks, block: block)
            ?? documentChunks(fromMarkdown: markdown, hasBlocks: hasBlocks, block: block).chunks
    }

    /// The size of the pieces a large document is cut into (`MarkdownPieces`), at least.
    static let pieceSize = 64 << 10

    /// A large document's HTML converted piece by piece, or nil when it is not large, may not be cut, or its
    /// pieces do not join (`MarkdownPieces`).
    private static func piecewise(
        _ markdown: some ContiguousBytes, hasBlocks: Bool, block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?
    ) -> ByteChunks? {
        markdown.withUnsafeBytes { raw in
            guard raw.count > largeDocument else { return nil }
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            guard let starts = MarkdownPieces.starts(in: bytes, every: pieceSize), !starts.isEmpty else { return nil }
            return MarkdownPieces.convert(bytes, startingAt: starts) { piece in
                documentChunks(fromMarkdown: UnsafeRawBufferPointer(piece), hasBlocks: hasBlocks, block: block)
            }
        }
    }

    /// Whether a document's first and last blocks at the top level are tight bullet lists: what
    /// `MarkdownPieces` needs to know of each piece, from libcmark's own tree.
    struct ListEdges: Equatable, Sendable {
        var startsWithTightList = false
        var endsWithTightList = false
    }

    /// `htmlChunks(fromMarkdown:hasBlocks:block:)` of the document as one, and its `ListEdges`.
    static func documentChunks(
        fromMarkdown markdown: some ContiguousBytes, hasBlocks: Bool = true, block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?
    ) -> (chunks: ByteChunks, edges: ListEdges) {
        var edges = ListEdges()
        let placed: (html: [UInt8], blocks: [TrustedHTML]) = markdown.withUnsafeBytes { raw in
            var placed: [TrustedHTML]? = []
            // A large document (a list of thousands of moves) with libcmark's own allocator: in the arena every
            // buffer libcmark grows and leaves stays until the end, many times a large document's tree.
            let memory: Memory = raw.count > largeDocument ? .library : .arena
            let html = convert(raw.assumingMemoryBound(to: UInt8.self), hasBlocks: hasBlocks, block: block, memory: memory,
                               placing: &placed, edges: &edges) { rendered in
                let count = strlen(rendered)
                return rendered.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
            }
            return (html, placed ?? [])
        }
        guard !placed.blocks.isEmpty else { return (ByteChunks(placed.html), edges) }
        if let chunks = splice(placed.html, placed.blocks) { return (chunks, edges) }
        return (ByteChunks(htmlUTF8(fromMarkdown: markdown, hasBlocks: hasBlocks, block: block)), edges)
    }

    /// The size of Markdown above which `htmlChunks` leaves the thread's arena for libcmark's own allocator.
    static let largeDocument = 256 << 10

    /// The placeholder libcmark renders for the `index`th placed block, NUL-terminated.
    private static func placeholder(_ index: Int) -> [UInt8] {
        Array("<\u{1}\(index)\u{1}>\n".utf8) + [0]
    }

    /// `html` with each placeholder replaced by its block, as runs; nil unless every block's placeholder is there once.
    private static func splice(_ html: [UInt8], _ blocks: [TrustedHTML]) -> ByteChunks? {
        var chunks = ByteChunks()
        var used = [Bool](repeating: false, count: blocks.count)
        var start = 0
        var index = 0
        let count = html.count
        while index < count {
            // The next \u{1}, found by memchr: a page's HTML is mostly text with none.
            let found = html.withUnsafeBufferPointer { buffer in
                memchr(buffer.baseAddress! + index, 0x01, count - index).map { UnsafeRawPointer(buffer.baseAddress!).distance(to: UnsafeRawPointer($0)) }
            }
            guard let found else { break }
            index = found
            guard index > 0, html[index - 1] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var cursor = index + 1
            var number = 0
            var digits = 0
            while cursor < count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(html[cursor]), digits < 10 {
                number = number * 10 + Int(html[cursor] - UInt8(ascii: "0"))
                cursor += 1
                digits += 1
            }
            guard digits > 0, cursor + 2 < count, html[cursor] == 0x01, html[cursor + 1] == UInt8(ascii: ">"),
                  html[cursor + 2] == 0x0A, number < blocks.count, !used[number] else { return nil }
            used[number] = true
            chunks.append(html[start..<(index - 1)])
            chunks.append(blocks[number].run)
            start = cursor + 3
            index = start
        }
        guard !used.contains(false) else { return nil }
        chunks.append(html[start...])
        return chunks
    }

    /// Where libcmark's memory for a conversion comes from.
    package enum Memory: Sendable {
        /// The calling thread's `ThreadArena`, taken back whole after the conversion: BackPlan's way.
        case arena
        /// libcmark's own allocator (malloc and free): libcmark as it comes, the reference the arena is checked against.
        case library
    }

    /// The arena's functions in libcmark's allocator shape; the same for every thread (each finds its own arena).
    nonisolated(unsafe) private static let arenaAllocator: UnsafeMutablePointer<cmark_mem> = {
        let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        allocator.initialize(to: cmark_mem(calloc: ThreadArena.allocateZeroed, realloc: ThreadArena.reallocate, free: ThreadArena.release))
        return allocator
    }()

    /// Parses `markdown`, swaps in `blocks`, renders, and hands the NUL-terminated HTML to `body` before freeing it.
    ///
    /// With `.arena`, every allocation of the conversion comes from the
    /// thread's arena and is taken back by one reset at the end, so the tree
    /// is not walked to be freed.
    private static func withHTML<Result>(
        of markdown: UnsafeBufferPointer<UInt8>, hasBlocks: Bool, block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?,
        memory: Memory = .arena, _ body: (UnsafePointer<CChar>) -> Result
    ) -> Result {
        var none: [TrustedHTML]? = nil
        var edges = ListEdges()
        return convert(markdown, hasBlocks: hasBlocks, block: block, memory: memory, placing: &none, edges: &edges, body)
    }

    /// `withHTML(of:hasBlocks:block:memory:_:)`; with `placed` given, each block that ends a line is rendered as
    /// a placeholder (`placeholder(_:)`, numbered from 0) and appended to `placed`.
    private static func convert<Result>(
        _ markdown: UnsafeBufferPointer<UInt8>, hasBlocks: Bool, block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?,
        memory: Memory, placing placed: inout [TrustedHTML]?, edges: inout ListEdges, _ body: (UnsafePointer<CChar>) -> Result
    ) -> Result {
        let allocator = memory == .arena ? arenaAllocator : cmark_get_default_mem_allocator()!
        let arena = memory == .arena ? ThreadArena.current : nil
        defer { arena?.pointee.reset() }
        guard let parser = cmark_parser_new_with_mem(flags, allocator) else {
            preconditionFailure("cmark_parser_new_with_mem returned NULL (out of memory)")
        }
        markdown.withMemoryRebound(to: CChar.self) { chars in
            // cmark reads exactly `count` bytes; an empty buffer may have no address.
            if let start = chars.baseAddress { cmark_parser_feed(parser, start, chars.count) }
        }
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document else { preconditionFailure("cmark_parser_finish returned NULL (out of memory)") }
        defer { if arena == nil { cmark_node_free(document) } }
        func isTightList(_ node: OpaquePointer?) -> Bool {
            guard let node else { return false }
            return cmark_node_get_type(node) == CMARK_NODE_LIST && cmark_node_get_list_type(node) == CMARK_BULLET_LIST
                && cmark_node_get_list_tight(node) == 1
        }
        edges = ListEdges(startsWithTightList: isTightList(cmark_node_first_child(document)),
                          endsWithTightList: isTightList(cmark_node_last_child(document)))
        if hasBlocks {
            for (node, replacement) in htmlBlocks(in: document, matching: block) {
                // Made with the document's allocator: cmark frees a tree's nodes with the allocator of each.
                guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, allocator) else {
                    preconditionFailure("cmark_node_new returned NULL (out of memory)")
                }
                // cmark copies the string; the node now belongs to the document, which frees it.
                let text: [UInt8]
                if placed != nil, replacement.endsLine {
                    text = placeholder(placed!.count)
                    placed!.append(replacement)
                } else {
                    text = replacement.cString
                }
                let accepted = text.withUnsafeBufferPointer { text in
                    text.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(custom, $0.baseAddress) }
                }
                precondition(accepted == 1, "cmark refused a custom block's HTML")
                precondition(cmark_node_replace(node, custom) == 1, "cmark refused to replace an HTML block")
                if arena == nil { cmark_node_free(node) }
            }
        }
        guard let rendered = cmark_render_html(document, flags) else {
            preconditionFailure("cmark_render_html returned NULL (out of memory)")
        }
        // Allocated with the document's allocator: the arena takes it back with the rest.
        defer { if arena == nil { allocator.pointee.free(rendered) } }
        return body(rendered)
    }

    /// HTML block nodes for whose text `block` has a replacement, with their replacements.
    ///
    /// Collected before any change, so the walk never sees the tree mutate.
    /// HTML blocks are children of container blocks only (the document, a
    /// quote, a list and its items), so the walk goes down those and never into
    /// a paragraph's or heading's inline content: a custom template may put a
    /// marker in a list or a quote, and it is found there too. The pointers are
    /// owned by `document` and must not outlive it or escape this file.
    fileprivate static func htmlBlocks(
        in document: OpaquePointer, matching block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?
    ) -> [(OpaquePointer, TrustedHTML)] {
        var found: [(OpaquePointer, TrustedHTML)] = []
        func collect(in parent: OpaquePointer) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK:
                    if let replacement = replacement(of: node, block: block) { found.append((node, replacement)) }
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_CUSTOM_BLOCK:
                    collect(in: node)
                default:
                    break
                }
                child = cmark_node_next(node)
            }
        }
        collect(in: document)
        return found
    }

    /// What `block` gives for an HTML block's text, trimmed of white space.
    private static func replacement(of node: OpaquePointer, block: (UnsafeBufferPointer<UInt8>) -> TrustedHTML?) -> TrustedHTML? {
        guard cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, let literal = cmark_node_get_literal(node) else { return nil }
        return literal.withMemoryRebound(to: UInt8.self, capacity: strlen(literal)) { start in
            let bytes = UnsafeBufferPointer(start: start, count: strlen(literal))
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return nil }
            return block(UnsafeBufferPointer(rebasing: bytes[first...last]))
        }
    }

    /// The libcmark version the binary is linked against ("0.30.2").
    package static var libraryVersion: String {
        guard let text = cmark_version_string() else { return "unknown" }
        return String(cString: text)
    }
}
