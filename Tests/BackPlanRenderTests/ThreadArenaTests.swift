import BackPlanCore
import Foundation
import Testing

@testable import BackPlanRender

/// libcmark's memory in BackPlan: a per-thread bump arena that must give exactly what libcmark's own allocator gives.
@Suite("Thread arena")
struct ThreadArenaTests {
    /// A fresh arena, freed at the end of `body`.
    static func withArena(_ body: (inout ThreadArena.State) -> Void) {
        var state = ThreadArena.State()
        body(&state)
        state.freeBlocks(keeping: 0)
    }

    @Test("allocations are 16-byte aligned, distinct, and hold what is written into them")
    func allocations() {
        Self.withArena { arena in
            var pointers: [UnsafeMutableRawPointer] = []
            for size in [1, 7, 16, 17, 100, 4000] {
                let pointer = arena.allocate(size)
                #expect(Int(bitPattern: pointer) % 16 == 0)
                memset(pointer, Int32(size % 251), size)
                pointers.append(pointer)
            }
            #expect(Set(pointers).count == pointers.count)
            for (pointer, size) in zip(pointers, [1, 7, 16, 17, 100, 4000]) {
                let bytes = UnsafeRawBufferPointer(start: pointer, count: size)
                #expect(bytes.allSatisfy { $0 == UInt8(size % 251) }, "allocation of \(size) bytes was overwritten")
                #expect(arena.owns(pointer))
            }
            var outside = 0
            #expect(!arena.owns(&outside))
        }
    }

    @Test("growing the last allocation stays in place; growing an earlier one copies its bytes")
    func reallocation() {
        Self.withArena { arena in
            let first = arena.allocate(8)
            first.storeBytes(of: 0x0102_0304_0506_0708, as: UInt64.self)
            let second = arena.allocate(8)
            let grown = arena.reallocate(second, to: 500)
            #expect(grown == second)
            let moved = arena.reallocate(first, to: 64)
            #expect(moved != first)
            #expect(moved.load(as: UInt64.self) == 0x0102_0304_0506_0708)
            // realloc(NULL, n) allocates: by a bump, so the next allocation follows its 16-byte header and 16 rounded bytes.
            let fresh = arena.reallocate(nil, to: 10)
            #expect(arena.allocate(1) == fresh + 32)
        }
    }

    @Test("giving back the last allocation lets the next one reuse its place; an earlier one waits for reset")
    func release() {
        Self.withArena { arena in
            let first = arena.allocate(32)
            let second = arena.allocate(32)
            arena.release(second)
            #expect(arena.allocate(32) == second)
            arena.release(first)
            #expect(arena.allocate(32) != first)
            arena.reset()
            #expect(arena.allocate(32) == first, "reset starts again at the first block")
        }
    }

    @Test("allocations larger than a block, and more blocks than are kept, then reuse after reset")
    func blocks() {
        Self.withArena { arena in
            let huge = arena.allocate(ThreadArena.blockBytes * 3)
            memset(huge, 0xAB, ThreadArena.blockBytes * 3)
            var many: [UnsafeMutableRawPointer] = []
            for _ in 0..<(2 * ThreadArena.retainedBytes / 1000) { many.append(arena.allocate(1000)) }
            #expect(many.allSatisfy { arena.owns($0) })
            #expect(UnsafeRawBufferPointer(start: huge, count: ThreadArena.blockBytes * 3).allSatisfy { $0 == 0xAB })
            arena.reset()
            #expect(arena.allocate(1000) == huge, "reset starts again at the first block")
            // Past the blocks kept by the reset, new ones are made again.
            let more = (0..<(2 * ThreadArena.retainedBytes / 1000)).map { _ in arena.allocate(1000) }
            #expect(Set(more).count == more.count)
            #expect(more.allSatisfy { arena.owns($0) })
        }
    }

    @Test("20,000 random allocations, reallocations, releases and resets keep every live allocation's bytes")
    func randomUse() {
        var generator = SeededGenerator(seed: 0xA11C)
        Self.withArena { arena in
            // Live allocations with the byte each was filled with.
            var live: [(pointer: UnsafeMutableRawPointer, size: Int, fill: UInt8)] = []
            func size() -> Int {
                switch Int.random(in: 0..<100, using: &generator) {
                case 0: Int.random(in: ThreadArena.blockBytes...(5 * ThreadArena.blockBytes), using: &generator)
                case 1...10: Int.random(in: 0...16, using: &generator)
                default: Int.random(in: 1...3000, using: &generator)
                }
            }
            for step in 0..<20_000 {
                let fill = UInt8(truncatingIfNeeded: step)
                switch Int.random(in: 0..<100, using: &generator) {
                case 0:
                    arena.reset()
                    live = []
                case 1..<55:
                    let bytes = size()
                    let pointer = arena.allocate(bytes)
                    memset(pointer, Int32(fill), bytes)
                    live.append((pointer, bytes, fill))
                case 55..<85 where !live.isEmpty:
                    // The last allocation most of the time, as a growing buffer is; any other sometimes.
                    let index = Bool.random(using: &generator) ? live.count - 1 : Int.random(in: live.indices, using: &generator)
                    let old = live.remove(at: index)
                    let bytes = size()
                    let pointer = arena.reallocate(old.pointer, to: bytes)
                    let kept = UnsafeRawBufferPointer(start: pointer, count: min(old.size, bytes))
                    #expect(kept.allSatisfy { $0 == old.fill }, "step \(step): reallocation lost bytes")
                    memset(pointer, Int32(fill), bytes)
                    live.append((pointer, bytes, fill))
                case 85..<100 where !live.isEmpty:
                    let index = Bool.random(using: &generator) ? live.count - 1 : Int.random(in: live.indices, using: &generator)
                    arena.release(live.remove(at: index).pointer)
                default:
                    break
                }
                if step % 97 == 0 || step == 19_999 {
                    for allocation in live {
                        #expect(Int(bitPattern: allocation.pointer) % 16 == 0 && arena.owns(allocation.pointer))
                        let bytes = UnsafeRawBufferPointer(start: allocation.pointer, count: allocation.size)
                        #expect(bytes.allSatisfy { $0 == allocation.fill }, "step \(step): an allocation was overwritten")
                    }
                }
            }
        }
    }

    @Test("threads that convert and then exit give the same HTML, their arenas freed at exit")
    func exitingThreads() {
        let document = Array(String(repeating: "- a *move* with [a link](/x)\n", count: 400).utf8)
        let expected = CommonMark.htmlUTF8(fromMarkdown: document, memory: .library)
        let done = DispatchSemaphore(value: 0)
        let results = Results()
        for _ in 0..<16 {
            Thread {
                results.append(CommonMark.htmlUTF8(fromMarkdown: document) == expected)
                done.signal()
            }.start()
        }
        for _ in 0..<16 { done.wait() }
        #expect(results.values == Array(repeating: true, count: 16))
    }

    /// Results gathered from threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Bool] = []
        func append(_ value: Bool) { lock.withLock { stored.append(value) } }
        var values: [Bool] { lock.withLock { stored } }
    }

    static let documents: [String] = [
        "# Title\n\n- a\n- b *c* [d](http://e.example)\n\n> quote\n\n```\ncode\n```\n",
        String(repeating: "Paragraph with **bold**, `code` and a [link](/x) in it.\n\n", count: 40_000),
        "",
        "<!-- backplan:week-grid 1 -->\n\nText\n\n<!-- backplan:week-grid 2 -->\n",
        String(repeating: "- item *one*\n  - nested _two_\n", count: 3_000),
    ]

    @Test("converting with the arena gives libcmark's own output, before and after a document larger than the arena keeps")
    func sameOutput() {
        let grids = ["<!-- backplan:week-grid 1 -->": "<table>1</table>", "<!-- backplan:week-grid 2 -->": "<table>2</table>"]
        let blocks = grids.mapValues { Array($0.utf8) }
        for _ in 0..<2 {
            for document in Self.documents {
                let markdown = Array(document.utf8)
                let library = CommonMark.htmlUTF8(fromMarkdown: markdown, blocks: blocks, memory: .library)
                // Compared first: a failing #expect would print both documents, megabytes of bytes.
                let same = CommonMark.htmlUTF8(fromMarkdown: markdown, blocks: blocks, memory: .arena) == library
                #expect(same, "a document of \(markdown.count) bytes converts differently")
            }
        }
        #expect(CommonMark.html(fromMarkdown: Self.documents[3], blocks: grids).contains("<table>2</table>"))
    }

    @Test("threads converting at once each use their own arena")
    func concurrent() async {
        let documents = (0..<64).map { index in
            Array("# Plan \(index)\n\n".utf8) + Array(String(repeating: "- move \(index) *twice*\n", count: 50 + index * 20).utf8)
        }
        let expected = documents.map { CommonMark.htmlUTF8(fromMarkdown: $0, memory: .library) }
        let results = await withTaskGroup(of: (Int, [UInt8]).self) { group in
            for _ in 0..<4 {
                for (index, document) in documents.enumerated() {
                    group.addTask { (index, CommonMark.htmlUTF8(fromMarkdown: document)) }
                }
            }
            var results: [(Int, [UInt8])] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 4 * documents.count)
        let different = results.filter { $0.1 != expected[$0.0] }.map(\.0)
        #expect(different.isEmpty, "documents converted differently: \(different)")
    }
}
