@testable import BackPlanRender
import Testing

@Suite("Catalog text escaped for Markdown renders as itself, never as markup")
struct MarkdownEscapeTests {
    @Test("hostile text comes out of libcmark as inert text", arguments: [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "![a](data:text/html;base64,PHNjcmlwdD4=)",
        "`code` *em* _em_ <b>bold</b>",
    ])
    func inert(text: String) {
        let html = CommonMark.html(fromMarkdown: "- " + Markdown.escape(text) + "\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<code>"))
        #expect(!html.contains("<em>"))
    }

    @Test("a value never starts a new block", arguments: [
        "# heading", "1. item", "- item", "> quote", "line\n\n# two", "12) item", "2026. year", "1.", "3)",
    ])
    func staysInline(text: String) {
        let html = CommonMark.html(fromMarkdown: Markdown.escape(text) + "\n")
        #expect(html.hasPrefix("<p>"))
        #expect(html.components(separatedBy: "<p>").count == 2)
    }

    @Test("plain values, numbers first included, come back unchanged", arguments: [
        "30 s", "3 sets × 10 reps", "2026-11-30", "30 November 2026", "Child's pose", "1 minute. Then rest", "9 (each side)",
    ])
    func plain(text: String) {
        #expect(Markdown.escape(text) == text)
        #expect(CommonMark.html(fromMarkdown: Markdown.escape(text) + "\n") == "<p>\(text)</p>\n")
    }
}
