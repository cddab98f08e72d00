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

    /// The HTML of a CommonMark document, rendered in safe mode.
    package static func html(fromMarkdown markdown: String, options: Options = .standard) -> String {
        let flags = options.cmarkFlags
        // Swift passes a NUL-terminated UTF-8 copy of the string; cmark reads exactly `count` bytes of it.
        guard let document = cmark_parse_document(markdown, markdown.utf8.count, flags) else {
            preconditionFailure("cmark_parse_document returned NULL (out of memory)")
        }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, flags) else {
            preconditionFailure("cmark_render_html returned NULL (out of memory)")
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The libcmark version the binary is linked against ("0.30.2").
    package static var libraryVersion: String {
        guard let text = cmark_version_string() else { return "unknown" }
        return String(cString: text)
    }
}
