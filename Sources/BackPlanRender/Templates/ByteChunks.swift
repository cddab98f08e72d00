/// A file's bytes as runs placed one after another, never joined: a page and the figures it shares with other pages.
///
/// A list page of the site shows a small figure beside every move; joined into one
/// buffer, a page held a copy of every figure, several times over while it was
/// made (see docs/benchmarks.md). As runs, the page holds its own HTML once and each figure is
/// either a slice of the one copy every page shares (an `ArraySlice` keeps its array's storage,
/// it does not copy it) or bytes kept outside memory (`SpilledBytes`), read back when the run is
/// written. The bytes are written and compared run by run (`forEachRun`); `joined` makes the one
/// buffer for those who want it (tests, `SiteBuild.data(at:)`).
package struct ByteChunks: Sendable, Equatable {
    /// One run: bytes held, or bytes kept outside memory.
    package enum Run: Sendable {
        case bytes(ArraySlice<UInt8>)
        case spilled(SpilledBytes)

        /// The run's length in bytes.
        package var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .spilled(let spilled): spilled.count
            }
        }
    }

    package private(set) var runs: [Run] = []
    /// The number of bytes of all runs together.
    package private(set) var count = 0

    package init() {}

    package init(_ bytes: [UInt8]) {
        append(bytes[...])
    }

    package mutating func append(_ bytes: ArraySlice<UInt8>) {
        append(.bytes(bytes))
    }

    package mutating func append(_ run: Run) {
        guard run.count > 0 else { return }
        runs.append(run)
        count += run.count
    }

    package mutating func append(contentsOf other: ByteChunks) {
        runs.append(contentsOf: other.runs)
        count += other.count
    }

    /// Removes `prefix` from the start when the first run is held and starts with it; false otherwise.
    package mutating func removeFirst(_ prefix: [UInt8]) -> Bool {
        guard case .bytes(let bytes) = runs.first, bytes.starts(with: prefix) else { return false }
        let rest = bytes.dropFirst(prefix.count)
        if rest.isEmpty { runs.removeFirst() } else { runs[0] = .bytes(rest) }
        count -= prefix.count
        return true
    }

    /// Removes `suffix` from the end when the last run is held and ends with it; false otherwise.
    package mutating func removeLast(_ suffix: [UInt8]) -> Bool {
        guard case .bytes(let bytes) = runs.last, bytes.count >= suffix.count, bytes.suffix(suffix.count).elementsEqual(suffix) else { return false }
        let rest = bytes.dropLast(suffix.count)
        if rest.isEmpty { runs.removeLast() } else { runs[runs.count - 1] = .bytes(rest) }
        count -= suffix.count
        return true
    }

    /// Hands each run's bytes to `body` in order, a spilled run read back into a buffer used for each in
    /// turn; false as soon as `body` returns false.
    package func forEachRun(_ body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        var scratch: [UInt8] = []
        for run in runs {
            switch run {
            case .bytes(let bytes):
                guard bytes.withUnsafeBytes(body) else { return false }
            case .spilled(let spilled):
                guard spilled.withBytes(reusing: &scratch, body) else { return false }
            }
        }
        return true
    }

    /// The last `count` bytes (fewer when there are fewer); a spilled run is read back only when it ends them.
    package func suffix(_ count: Int) -> [UInt8] {
        var tail: [UInt8] = []
        for run in runs.reversed() where tail.count < count {
            let bytes: [UInt8]
            switch run {
            case .bytes(let held): bytes = Array(held.suffix(count - tail.count))
            case .spilled(let spilled): bytes = Array(spilled.bytes.suffix(count - tail.count))
            }
            tail = bytes + tail
        }
        return tail
    }

    /// Every run joined into one buffer.
    package var joined: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        _ = forEachRun { run in
            bytes.append(contentsOf: run)
            return true
        }
        return bytes
    }

    /// The same bytes, however they are cut into runs.
    package static func == (a: ByteChunks, b: ByteChunks) -> Bool {
        a.count == b.count && a.joined == b.joined
    }
}
