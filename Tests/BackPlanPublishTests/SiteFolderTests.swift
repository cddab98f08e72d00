@testable import BackPlanPublish
import BackPlanRender
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

    @Test("a folder swapped for a link to another folder: no stale page is removed through it, and the link is named")
    func swappedFolderRemovesNothingOutside() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site"), victim = root.appendingPathComponent("victim")
        let folder = SiteFolder(path: site.path)
        _ = try folder.sync(files(["index.html", "exercises/a.html"]))
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: victim.appendingPathComponent("a.html"))
        try FileManager.default.moveItem(at: site.appendingPathComponent("exercises"), to: root.appendingPathComponent("aside"))
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("exercises"), withDestinationURL: victim)
        let error = try #require(throws: PublishError.self) { try folder.sync(files(["index.html"])) }
        #expect(error.path == site.appendingPathComponent("exercises").path)
        #expect(error.description.contains("symbolic link"))
        #expect(try Data(contentsOf: victim.appendingPathComponent("a.html")) == Data("mine\n".utf8))
    }

    @Test("a stale page that became a link is left alone, and not reported as removed")
    func staleLinkLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site"), victim = root.appendingPathComponent("victim.html")
        let folder = SiteFolder(path: site.path)
        _ = try folder.sync(files(["index.html", "a.html"]))
        try Data("mine\n".utf8).write(to: victim)
        try FileManager.default.removeItem(at: site.appendingPathComponent("a.html"))
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("a.html"), withDestinationURL: victim)
        let report = try folder.sync(files(["index.html"]))
        #expect(report.removed.isEmpty)
        #expect(try Data(contentsOf: victim) == Data("mine\n".utf8))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: site.appendingPathComponent("a.html").path)) == victim.path)
    }

    @Test("a folder swapped for a link again and again while stale pages are removed never lets a removal out")
    func swappedFolderWhileRemoving() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site").path, victim = root.appendingPathComponent("victim").path
        let names = (0..<8).map { "exercises/page-\($0).html" }
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        for name in names { try Data("mine\n".utf8).write(to: URL(fileURLWithPath: victim + "/" + name.dropFirst("exercises/".count))) }
        let folder = SiteFolder(path: site)
        let swapper = LinkSwapper(site + "/exercises", with: victim)
        var removed = 0, refused = 0
        // At least 2 s and 50 rounds (a loaded machine or a sanitizer makes them slow), at most 20 s.
        let start = Date()
        while Date().timeIntervalSince(start) < 20, removed + refused < 50 || Date().timeIntervalSince(start) < 2 {
            do {
                _ = try folder.sync(files(["index.html"] + names))
                removed += try folder.sync(files(["index.html"])).removed.count
            } catch {
                refused += 1
            }
        }
        swapper.stop()
        #expect(removed + refused >= 50 || Date().timeIntervalSince(start) >= 20)
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim).count == names.count)
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

    @Test("a folder left as a build of the same inputs wrote it is up to date: nothing is rendered, compared or written")
    func upToDate() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = SiteFolder(path: root.path)
        #expect(folder.upToDate(build: "one") == nil, "no manifest yet")
        _ = try folder.sync(paths: ["index.html", "exercises/a.html"], build: "one") { Data("page \($0)\n".utf8) }
        let report = try #require(folder.upToDate(build: "one"))
        #expect(report.written.isEmpty && report.removed.isEmpty)
        #expect(report.unchanged == ["exercises/a.html", "index.html"])
        #expect(folder.upToDate(build: "two") == nil, "other inputs")
        // A file changed by hand, even to the same size, is not the file the build left.
        try Data("page 9\n".utf8).write(to: root.appendingPathComponent("index.html"))
        #expect(folder.upToDate(build: "one") == nil)
        let repaired = try folder.sync(paths: ["index.html", "exercises/a.html"], build: "one") { Data("page \($0)\n".utf8) }
        #expect(repaired.written == ["index.html"])
        #expect(folder.upToDate(build: "one") != nil)
        try FileManager.default.removeItem(at: root.appendingPathComponent("exercises/a.html"))
        #expect(folder.upToDate(build: "one") == nil, "a file gone")
    }

    @Test("a file made as runs is written as their bytes in order, and compared with the disk run by run")
    func runs() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = SiteFolder(path: root.path)
        // Runs of several sizes, one shared by both files and one larger than the block the disk is read in.
        let shared = Array(repeating: UInt8(ascii: "f"), count: 3000)[...]
        @Sendable func page(_ change: UInt8) -> ByteChunks {
            var chunks = ByteChunks(Array("<p>start</p>\n".utf8))
            chunks.append(shared)
            chunks.append(Array(repeating: UInt8(ascii: "x"), count: 100_000)[...])
            chunks.append(shared)
            chunks.append([change, UInt8(ascii: "\n")][...])
            return chunks
        }
        let first = try folder.sync(paths: ["index.html"], build: nil, chunks: { _ in page(UInt8(ascii: "a")) })
        #expect(first.written == ["index.html"])
        #expect(try Data(contentsOf: root.appendingPathComponent("index.html")) == Data(page(UInt8(ascii: "a")).joined))
        let same = try folder.sync(paths: ["index.html"], build: nil, chunks: { _ in page(UInt8(ascii: "a")) })
        #expect(same.unchanged == ["index.html"] && same.written.isEmpty)
        // The same size, one byte different at the very end: rewritten.
        let changed = try folder.sync(paths: ["index.html"], build: nil, chunks: { _ in page(UInt8(ascii: "b")) })
        #expect(changed.written == ["index.html"])
        #expect(try Data(contentsOf: root.appendingPathComponent("index.html")) == Data(page(UInt8(ascii: "b")).joined))
    }

    @Test("a file that cannot be made stops the build; what was written is listed, so the next build may replace it")
    func failingPage() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        struct Broken: Error {}
        let folder = SiteFolder(path: root.path)
        #expect(throws: Broken.self) {
            _ = try folder.sync(paths: ["a.html", "b.html", "c.html"], build: "one") { index in
                if index == 1 { throw Broken() }
                return Data("page \(index)\n".utf8)
            }
        }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("a.html").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("c.html").path))
        #expect(folder.upToDate(build: "one") == nil)
        let next = try folder.sync(paths: ["a.html", "b.html", "c.html"], build: "one") { Data("new \($0)\n".utf8) }
        #expect(next.written == ["a.html", "b.html", "c.html"])
    }

    @Test("the site written page by page is the site rendered in memory, byte for byte", arguments: [nil, "https://clinic.example/"])
    func streamedEqualsInMemory(baseURL: String?) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = try Inputs.load(catalogPath: nil, templatesPath: nil)
        let publisher = SitePublisher(inputs: inputs, settings: try #require(SiteSettings(baseURL: baseURL)))
        let report = try publisher.publish(to: root.path)
        let files = try publisher.files()
        #expect(report.written == files.map(\.path))
        for file in files {
            #expect(try Data(contentsOf: root.appendingPathComponent(file.path)) == file.data, "\(file.path)")
        }
        let again = try publisher.publish(to: root.path)
        #expect(again.written.isEmpty && again.unchanged.count == files.count)
    }
}
