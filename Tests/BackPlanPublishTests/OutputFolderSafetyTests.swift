@testable import BackPlanPublish
import Foundation
import Testing

@Suite("The output folder refuses paths that leave it")
struct OutputFolderSafetyTests {
    @Test("unsafe relative paths are refused", arguments: ["../x.html", "a/../../x.html", "/etc/passwd", "", "a//b.html", "./x.html", "a\\b.html", "a\nb.html"])
    func refused(path: String) {
        let folder = OutputFolder(path: "/tmp/site")
        #expect(throws: PublishError(path: path, problem: .unsafePath)) { try folder.url(for: path) }
        #expect(PublishError(path: path, problem: .unsafePath).description.hasSuffix("refusing to write outside the output folder"))
    }

    @Test("a nested page stays inside")
    func nested() throws {
        let folder = OutputFolder(path: "/tmp/site")
        #expect(try folder.url(for: "exercises/row.html").path == "/tmp/site/exercises/row.html")
    }
}
