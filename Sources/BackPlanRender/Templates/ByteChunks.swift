/// A file's bytes as runs placed one after another, never joined: a page and the figures it shares with other pages.
///
/// A list page of the site shows a small figure beside every move; joined into one
/// buffer, a page held a copy of every figure, several times over while it was
/// made (see docs/benchmarks.md). As runs, the page holds its own HTML once and each figure is a slice of the
/// one copy every page shares (an `ArraySlice` keeps its array's storage, it does not
/// copy it). The bytes are written and compared run by run; `joined` makes the one
/// buffer for those who want it (tests, `SiteBuild.data(at:)`).
package struct ByteChunks: Sendable, Equatable {
    package private(set) var parts: [ArraySlice<UInt8>] = []
    /// The number of bytes of all runs together.
    package private(set) var count = 0

    package init() {}

    package init(_ bytes: [UInt8]) {
        append(bytes[...])
    }

    package mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        parts.append(bytes)
        count += bytes.count
    }

    package mutating func append(contentsOf other: ByteChunks) {
        parts.append(contentsOf: other.parts)
        count += other.count
    }

    /// Every run joined into one buffer.
    package var joined: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for part in parts { bytes.append(contentsOf: part) }
        return bytes
    }

    /// The same bytes, however they are cut into runs.
    package static func == (a: ByteChunks, b: ByteChunks) -> Bool {
        a.count == b.count && a.joined == b.joined
    }
}
