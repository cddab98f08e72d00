import BackPlanCore
@testable import BackPlanPublish
import BackPlanRender
import Foundation
import Testing

@Suite("Bytes kept in an unnamed temporary file until a page is written")
struct SpillFileTests {
    @Test("bytes kept from several threads at once are read back exactly, and the folder shows no file at any time")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let spill = try #require(SpillFile.make(in: folder.url.path))
        var generator = SeededGenerator(seed: 20)
        let blobs = (0..<400).map { index in (0..<Int.random(in: 1...5000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) } + [UInt8(index % 256)] }
        let offsets = Locked([Int64?](repeating: nil, count: blobs.count))
        DispatchQueue.concurrentPerform(iterations: blobs.count) { index in
            let offset = blobs[index].withUnsafeBytes { spill.keep($0) }
            offsets.withLock { $0[index] = offset }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
        let kept = offsets.withLock { $0 }
        #expect(Set(kept.compactMap { $0 }).count == blobs.count)
        for (blob, offset) in zip(blobs, kept) {
            var back = [UInt8](repeating: 0, count: blob.count)
            #expect(back.withUnsafeMutableBytes { spill.read(at: offset!, into: $0) })
            #expect(back == blob)
        }
        // Past the end there is nothing to read.
        var beyond = [UInt8](repeating: 0, count: 10)
        let end = blobs.reduce(0) { $0 + Int64($1.count) }
        #expect(!beyond.withUnsafeMutableBytes { spill.read(at: end, into: $0) })
    }

    @Test("no spill file where none can be made: the figures are then held")
    func noFolder() throws {
        let folder = try TemporaryFolder()
        #expect(SpillFile.make(in: folder.path("missing")) == nil)
    }

    @Test("a batch holds at most one page that lists moves, and the batches cover every file once, in order",
          arguments: [[], [0, 1, 2, 3, 4, 5], [0, 5, 31, 32, 33, 99], Array(0..<100)])
    func batches(large: [Int]) {
        let large = Set(large)
        var start = 0
        while start < 100 {
            let batch = SiteFolder.batch(from: start, count: 100, large: large)
            #expect(batch.lowerBound == start && !batch.isEmpty && batch.count <= SiteFolder.batchSize)
            #expect(batch.filter(large.contains).count <= 1)
            // A batch stops early only at a second large file.
            if batch.upperBound < 100, batch.count < SiteFolder.batchSize { #expect(large.contains(batch.upperBound)) }
            start = batch.upperBound
        }
        #expect(start == 100)
    }
}
