@testable import BackPlanPublish
import Foundation
import Testing

@Suite("The site folder writes changed bytes only and removes only what it owns")
struct SiteFolderTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("backplan-sitefolder-\(UUID().uuidString)")

    func files(_ names: [String]) -> [(path: String, data: Data)] {
        names.map { ($0, Data("page \($0)\n".utf8)) }
    }

    @Test("a tampered manifest cannot remove anything outside the folder")
    func tamperedManifest() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside.txt")
        let folder = SiteFolder(path: root.appendingPathComponent("site").path)
        _ = try folder.sync(files(["index.html"]))
        try Data("keep\n".utf8).write(to: outside)
        let manifest = folder.output.url.appendingPathComponent(SiteFolder.manifestName)
        try Data("index.html\n../outside.txt\n/etc/hostname\n".utf8).write(to: manifest)
        let report = try folder.sync(files(["index.html"]))
        #expect(report.removed.isEmpty)
        #expect(FileManager.default.fileExists(atPath: outside.path))
    }

    @Test("emptied sub-folders go with their last stale page")
    func emptiedFolders() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = SiteFolder(path: root.path)
        _ = try folder.sync(files(["index.html", "exercises/a.html"]))
        let report = try folder.sync(files(["index.html"]))
        #expect(report.removed == ["exercises/a.html"])
        #expect(report.unchanged == ["index.html"])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("exercises").path))
    }

    @Test("an unsafe path writes nothing at all")
    func unsafePath() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = SiteFolder(path: root.path)
        #expect(throws: PublishError(path: "../x.html", problem: .unsafePath)) {
            try folder.sync(files(["index.html", "../x.html"]))
        }
        #expect(!FileManager.default.fileExists(atPath: root.path))
    }
}
