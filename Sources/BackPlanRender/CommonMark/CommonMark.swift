import CCmark
import Foundation

/// The only caller of libcmark: CommonMark text in, HTML out.
///
/// Safe mode always stays on (`CMARK_OPT_UNSAFE` is never passed): raw HTML in
/// the input becomes `<!-- raw HTML omitted -->` and `javascript:`, `vbscript:`,
/// `file:` and non-image `data:` links lose their target, so user text can never
/// become live markup. No cmark type appears outside this file.
package enum CommonMark {
    /// Rendering choices that do not affect safety.
    package struct Options: Equatable, Sendable {
        /// Curly quotes, en and em dashes and ellipses (`CMARK_OPT_SMART`).
        package var smartPunctuation: Bool
        /// Hard line breaks for soft ones (`CMARK_OPT_HARDBREAKS`).
        package var hardBreaks: Bool

        package init(smartPunctuation: Bool = false, hardBreaks: Bool = false) {
            self.smartPunctuation = smartPunctuation
            self.hardBreaks = hardBreaks
        }

        package static let standard = Options()

        fileprivate var cmarkFlags: Int32 {
            var flags = CMARK_OPT_DEFAULT
            if smartPunctuation { flags |= CMARK_OPT_SMART }
            if hardBreaks { flags |= CMARK_OPT_HARDBREAKS }
            precondition(flags & CMARK_OPT_UNSAFE == 0, "CommonMark must never render in unsafe mode")
            return flags
        }
    }

    /// The HTML of a CommonMark document, rendered in safe mode, in which trusted code may supply some blocks.
    ///
    /// An HTML block of the input whose text (trimmed) is a key of `blocks`,
    /// such as `<!-- backplan:week-grid 1 -->`, becomes a custom block that
    /// renders that value as is. Everything else renders in safe mode, so user
    /// text, which is escaped and can never form an HTML block, stays inert.
    package static func html(fromMarkdown markdown: String, options: Options = .standard, blocks: [String: String] = [:]) -> String {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            withHTML(of: bytes, options: options, blocks: blocks.mapValues { Array($0.utf8) }) { String(cString: $0) }
        }
    }

    /// `html(fromMarkdown:options:blocks:)` on UTF-8 bytes, with the blocks' HTML as UTF-8 too, giving UTF-8 bytes.
    ///
    /// For the batch path: libcmark reads and writes bytes, so this skips
    /// validating a String on the way in and out (libcmark's output is UTF-8).
    package static func htmlUTF8(
        fromMarkdown markdown: [UInt8], options: Options = .standard, blocks: [String: [UInt8]] = [:], memory: Memory = .arena
    ) -> [UInt8] {
        markdown.withUnsafeBufferPointer { bytes in
            withHTML(of: bytes, options: options, blocks: blocks, memory: memory) { rendered in
                let count = strlen(rendered)
                return rendered.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
            }
        }
    }

    /// Where libcmark's memory for a conversion comes from.
    package enum Memory: Sendable {
        /// The calling thread's `ThreadArena`, taken back whole after the conversion: BackPlan's way.
        case arena
        /// libcmark's own allocator (malloc and free): libcmark as it comes, the benchmark's floor.
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
        of markdown: UnsafeBufferPointer<UInt8>, options: Options, blocks: [String: [UInt8]], memory: Memory = .arena,
        _ body: (UnsafePointer<CChar>) -> Result
    ) -> Result {
        let flags = options.cmarkFlags
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
        if !blocks.isEmpty {
            for (node, replacement) in htmlBlocks(in: document, matching: blocks) {
                // Made with the document's allocator: cmark frees a tree's nodes with the allocator of each.
                guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, allocator) else {
                    preconditionFailure("cmark_node_new returned NULL (out of memory)")
                }
                // cmark copies the string; the node now belongs to the document, which frees it.
                let accepted = (replacement + [0]).withUnsafeBufferPointer { text in
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

    /// HTML block nodes whose text is a key of `blocks`, with their replacements.
    ///
    /// Collected before any change, so the walk never sees the tree mutate.
    /// HTML blocks are children of container blocks only (the document, a
    /// quote, a list and its items), so the walk goes down those and never into
    /// a paragraph's or heading's inline content: a custom template may put a
    /// marker in a list or a quote, and it is found there too. The pointers are
    /// owned by `document` and must not outlive it or escape this file.
    fileprivate static func htmlBlocks(in document: OpaquePointer, matching blocks: [String: [UInt8]]) -> [(OpaquePointer, [UInt8])] {
        var found: [(OpaquePointer, [UInt8])] = []
        func collect(in parent: OpaquePointer) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK:
                    if let marker = marker(of: node, in: blocks) { found.append((node, blocks[marker]!)) }
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

    private static func marker(of node: OpaquePointer, in blocks: [String: [UInt8]]) -> String? {
        guard cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, let literal = cmark_node_get_literal(node) else { return nil }
        let bytes = UnsafeBufferPointer(start: literal, count: strlen(literal))
        let isSpace = { (byte: CChar) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[first...last]), as: UTF8.self)
        return blocks[text] == nil ? nil : text
    }

    /// The libcmark version the binary is linked against ("0.30.2").
    package static var libraryVersion: String {
        guard let text = cmark_version_string() else { return "unknown" }
        return String(cString: text)
    }
}
