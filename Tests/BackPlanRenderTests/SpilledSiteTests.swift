import BackPlanCore
import Foundation
@testable import BackPlanRender
import Testing

/// A spill that keeps bytes in an array and counts what it is asked; it can be told to lose them.
final class ArraySpill: ByteSpill {
    private let state = Locked((bytes: [UInt8](), keeps: 0, reads: 0))
    private let losesBytes: Bool
    private let refusesBytes: Bool

    init(losesBytes: Bool = false, refusesBytes: Bool = false) {
        self.losesBytes = losesBytes
        self.refusesBytes = refusesBytes
    }

    var keeps: Int { state.withLock { $0.keeps } }
    var reads: Int { state.withLock { $0.reads } }

    func keep(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !refusesBytes else { return nil }
        return state.withLock { state in
            defer { state.bytes.append(contentsOf: bytes) }
            state.keeps += 1
            return Int64(state.bytes.count)
        }
    }

    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        state.withLock { state in
            state.reads += 1
            guard !losesBytes, Int(offset) + buffer.count <= state.bytes.count else { return false }
            state.bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[Int(offset)..<(Int(offset) + buffer.count)])) }
            return true
        }
    }
}

@Suite("The site's small figures kept outside memory")
struct SpilledSiteTests {
    let example = SiteExamplePlan(markdown: "# Back plan for Alex Doe\n\nWeek 1.\n", title: "Example plan for Alex Doe",
                                  weeks: 4, preferencesYAML: "name: Alex Doe")

    func pages(spill: (any ByteSpill)?, templates: TemplateSet? = nil) throws -> (build: SiteBuild, pages: [[UInt8]]) {
        let renderer = SiteRenderer(templates: try templates ?? TemplateSet(), catalog: .builtIn,
                                    settings: try #require(SiteSettings(baseURL: nil)), spill: spill)
        let build = try renderer.build(examplePlan: example)
        return (build, try build.paths.indices.map { try build.chunks(at: $0).joined })
    }

    @Test("with a spill, every small figure is kept there once, placed on the lists as a spilled run, and every page is the same bytes")
    func sameBytes() throws {
        let spill = ArraySpill()
        let (build, spilled) = try pages(spill: spill)
        let (_, held) = try pages(spill: nil)
        #expect(spilled == held)
        #expect(spill.keeps == Catalog.builtIn.moves.count)
        let index = try build.chunks(at: try #require(build.paths.firstIndex(of: .index)))
        let placed = index.runs.filter { if case .spilled = $0 { true } else { false } }
        #expect(placed.count == Catalog.builtIn.moves.count)
        #expect(placed.allSatisfy { $0.bytes.starts(with: Array("<span class=\"thumb\"".utf8)) })
        // Nothing of a figure is left in the page's own runs.
        #expect(index.runs.allSatisfy { if case .bytes(let bytes) = $0 { !String(decoding: bytes, as: UTF8.self).contains("class=\"thumb\"") } else { true } })
        #expect(spill.reads >= Catalog.builtIn.moves.count)
    }

    @Test("a spill that loses its bytes or will not keep them changes nothing: the figures are drawn again or held")
    func failingSpill() throws {
        let (_, held) = try pages(spill: nil)
        let losing = ArraySpill(losesBytes: true)
        #expect(try pages(spill: losing).pages == held)
        #expect(losing.keeps == Catalog.builtIn.moves.count && losing.reads > 0)
        #expect(try pages(spill: ArraySpill(refusesBytes: true)).pages == held)
    }

    @Test("a page made as runs is written run by run as the joined bytes, spilled runs read back in their place")
    func forEachRun() {
        let spill = ArraySpill()
        var chunks = ByteChunks(Array("<p>a</p>\n".utf8))
        let figure = Array("<span class=\"thumb\">x</span>\n".utf8)
        let spilled = try! #require(SpilledBytes(figure, in: spill) { figure })
        chunks.append(.spilled(spilled))
        chunks.append(Array("<p>b</p>\n".utf8)[...])
        chunks.append(.spilled(spilled))
        var written: [UInt8] = []
        #expect(chunks.forEachRun { written.append(contentsOf: $0); return true })
        #expect(written == Array("<p>a</p>\n".utf8) + figure + Array("<p>b</p>\n".utf8) + figure)
        #expect(chunks.count == written.count && chunks.joined == written)
        // Stopping at the first run that fails.
        var calls = 0
        #expect(!chunks.forEachRun { _ in calls += 1; return calls < 2 })
        #expect(calls == 2)
    }

    @Test("a NUL in trusted HTML comes out as U+FFFD whether the block is placed as a run or put into libcmark's tree")
    func nulInTrustedHTML() {
        let block = CommonMark.TrustedHTML(Array("<span>a\u{0}b</span>\n".utf8))
        let lookup = { (text: UnsafeBufferPointer<UInt8>) in String(decoding: text, as: UTF8.self) == "<!-- m -->" ? block : nil }
        let markdown = Array("# Title\n\n<!-- m -->\n\nText.\n".utf8)
        let plain = CommonMark.htmlUTF8(fromMarkdown: markdown, block: lookup)
        let chunks = CommonMark.htmlChunks(fromMarkdown: markdown, block: lookup)
        #expect(chunks.joined == plain)
        #expect(String(decoding: plain, as: UTF8.self).contains("<span>a\u{FFFD}b</span>"))
    }
}
