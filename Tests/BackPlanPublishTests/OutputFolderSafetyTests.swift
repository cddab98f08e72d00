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

    @Test("a person's folder swapped for a link while files are written never lets a file out")
    func swappedComponent() throws {
        let scratch = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: scratch.path("out/ann"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path("victim"), withIntermediateDirectories: true)
        try scratch.write("victim/mine.txt", "mine\n")
        let out = scratch.path("out"), victim = scratch.path("victim")
        let folder = OutputFolder(path: out)
        let swapper = LinkSwapper(out + "/ann", with: victim)
        var written = 0, refused = 0
        // At least 2 s and 50 writes (a loaded machine or a sanitizer makes writes slow), at most 20 s.
        let start = Date()
        while Date().timeIntervalSince(start) < 20, written + refused < 50 || Date().timeIntervalSince(start) < 2 {
            do {
                let files = ["md", "html", "txt", "ics", "json", "eml"].map { ("ann/plan.\($0)", Data(repeating: 0x61, count: 20_000)) }
                _ = try folder.write(files, durability: .deferred)
                written += 1
            } catch {
                refused += 1
            }
        }
        swapper.stop()
        #expect(written + refused >= 50 || Date().timeIntervalSince(start) >= 20)
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim) == ["mine.txt"])
    }
}
