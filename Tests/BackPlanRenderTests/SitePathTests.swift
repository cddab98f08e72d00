import BackPlanCore
@testable import BackPlanRender
import Testing

@Suite("Site paths are slugs, and links between them are relative")
struct SitePathTests {
    @Test("links climb out of a sub-folder and never start at the root", arguments: zip(
        [SitePath.index, .exercise("row"), .area(.upperBack), .safety],
        ["areas/upper-back.html", "../areas/upper-back.html", "../areas/upper-back.html", "areas/upper-back.html"]))
    func relativeLinks(from page: SitePath, expected: String) {
        #expect(page.href(to: .area(.upperBack)) == expected)
    }

    @Test("hostile text becomes a plain slug", arguments: zip(
        ["../../etc/passwd", "<script>alert(1)</script>", "Child’s Pose", "", "a/b\\c"],
        ["etc-passwd", "script-alert-1-script", "child-s-pose", "page", "a-b-c"]))
    func slugs(text: String, expected: String) {
        #expect(SitePath.slug(text) == expected)
        #expect(SitePath.exercise(text).value == "exercises/\(expected).html")
    }

    @Test("a base URL gets its slash; anything but an absolute http(s) address is refused", arguments: zip(
        ["https://clinic.example/exercises", "http://x.example/", "ftp://x.example/", "https://", "https://a.example/\"><script>", "javascript:alert(1)", "https://a.example/?q=1"],
        ["https://clinic.example/exercises/", "http://x.example/", nil, nil, nil, nil, nil] as [String?]))
    func baseURL(text: String, expected: String?) {
        #expect(SiteSettings.normalizedBaseURL(text) == expected)
    }
}
