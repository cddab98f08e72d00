import Foundation
import Testing

@testable import BackPlanPublish

/// Nothing is written outside the output folder, whatever a relative path holds.
@Suite("Output folder")
struct OutputFolderTests {
    @Test("unsafe relative paths are refused", arguments: [
        "../x", "a/../../x", "/etc/passwd", "", "a//b", "./x", "a/\u{1}b", "a\\b", "x/..",
    ])
    func refuses(path: String) {
        let folder = OutputFolder(path: "/tmp/out")
        #expect(throws: PublishError(path: path, problem: .unsafePath)) { try folder.url(for: path) }
    }

    @Test("a person's folder and file stay inside")
    func accepts() throws {
        let folder = OutputFolder(path: "/tmp/out")
        #expect(try folder.url(for: "alex-doe/plan.md").path == "/tmp/out/alex-doe/plan.md")
    }
}
