import Foundation
import Testing

@testable import BackPlanPublish

/// Writes of a set of files: whole, together, and leaving nothing behind.
@Suite("Atomic file writes")
struct AtomicFileTests {
    static func files(_ folder: TemporaryFolder, _ names: [String], text: String) -> [(url: URL, data: Data)] {
        names.map { (folder.url.appendingPathComponent($0), Data("\(text) \($0)\n".utf8)) }
    }

    @Test("a set is written over the old one, into folders made as needed, with no temporary file left", arguments: [
        AtomicFile.Durability.synced, .deferred,
    ])
    func writesWhole(durability: AtomicFile.Durability) throws {
        let folder = try TemporaryFolder()
        let names = ["out/deep/alex/plan.md", "out/deep/alex/plan.html"]
        try AtomicFile.writeTogether(Self.files(folder, names, text: "old"), durability: durability)
        try AtomicFile.writeTogether(Self.files(folder, names, text: "new"), durability: durability)
        #expect(folder.files(under: "out") == ["deep/alex/plan.html", "deep/alex/plan.md"])
        for name in names {
            #expect(try String(contentsOfFile: folder.path(name), encoding: .utf8) == "new \(name)\n")
        }
    }

    @Test("a folder in the way of one file leaves the old set untouched", arguments: [
        AtomicFile.Durability.synced, .deferred,
    ])
    func folderInTheWay(durability: AtomicFile.Durability) throws {
        let folder = try TemporaryFolder()
        try AtomicFile.writeTogether(Self.files(folder, ["alex/plan.md"], text: "old"), durability: durability)
        try FileManager.default.createDirectory(atPath: folder.path("alex/plan.html"), withIntermediateDirectories: false)
        #expect(throws: PublishError(path: folder.path("alex/plan.html"), problem: .cannotWrite("a folder of that name is in the way"))) {
            try AtomicFile.writeTogether(Self.files(folder, ["alex/plan.md", "alex/plan.html"], text: "new"), durability: durability)
        }
        #expect(try String(contentsOfFile: folder.path("alex/plan.md"), encoding: .utf8) == "old alex/plan.md\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("alex")).sorted() == ["plan.html", "plan.md"])
    }

    @Test("a file where the person's folder belongs is named, and nothing is written")
    func fileInTheWay() throws {
        let folder = try TemporaryFolder()
        try folder.write("alex", "not a folder\n")
        #expect(throws: PublishError(path: folder.path("alex"), problem: .cannotWrite("a file of that name is in the way"))) {
            try AtomicFile.writeTogether(Self.files(folder, ["alex/plan.md"], text: "new"), durability: .deferred)
        }
        #expect(folder.files(under: ".") == ["alex"])
    }

    @Test("a file in the way of an outer folder is the one named", arguments: [AtomicFile.Durability.synced, .deferred])
    func fileInTheWayOfOuterFolder(durability: AtomicFile.Durability) throws {
        let folder = try TemporaryFolder()
        try folder.write("out", "not a folder\n")
        #expect(throws: PublishError(path: folder.path("out"), problem: .cannotWrite("a file of that name is in the way"))) {
            try AtomicFile.writeTogether(Self.files(folder, ["out/deep/alex/plan.md"], text: "new"), durability: durability)
        }
        #expect(folder.files(under: ".") == ["out"])
    }

    @Test("a failed write removes the folders it made, so no empty person folder is left", arguments: [AtomicFile.Durability.synced, .deferred])
    func failureLeavesNoFolders(durability: AtomicFile.Durability) throws {
        let folder = try TemporaryFolder()
        try folder.write("blocked", "not a folder\n")
        #expect(throws: PublishError(path: folder.path("blocked"), problem: .cannotWrite("a file of that name is in the way"))) {
            try AtomicFile.writeTogether(Self.files(folder, ["ann/deep/plan.md", "blocked/plan.md"], text: "new"),
                                         durability: durability, inside: folder.url.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["blocked"])
    }

    @Test("a page of the site replaces the old one without a temporary file left")
    func replace() throws {
        let folder = try TemporaryFolder()
        let page = folder.url.appendingPathComponent("site/exercises/row.html")
        try AtomicFile.replace(Data("one\n".utf8), at: page, inside: folder.url)
        try AtomicFile.replace(Data("two\n".utf8), at: page, inside: folder.url)
        #expect(folder.files(under: "site") == ["exercises/row.html"])
        #expect(try String(contentsOf: page, encoding: .utf8) == "two\n")
    }

    @Test("a path's folder is the one Foundation's URL gives", arguments: [
        "/out/alex/plan.md", "/out/alex", "/plan.md", "/a b/ü/x.html", "/out/.alex.1.tmp", "/out/alex/",
    ])
    func parent(path: String) {
        #expect(AtomicFile.parent(of: path) == URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    @Test("syncing the file system of a missing folder is nothing to do")
    func syncMissing() throws {
        let folder = try TemporaryFolder()
        try AtomicFile.syncFileSystem(of: folder.url.appendingPathComponent("never-written"))
        try AtomicFile.syncFileSystem(of: folder.url)
    }
}
