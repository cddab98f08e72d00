/// Where bytes made once and placed many times can be kept outside the process's memory: the site's small
/// figures, shown on every list page. `BackPlanPublish.SpillFile` keeps them in an unnamed temporary file.
package protocol ByteSpill: AnyObject, Sendable {
    /// Keeps `bytes` and says where; nil when they could not be kept (the caller then holds them itself).
    func keep(_ bytes: UnsafeRawBufferPointer) -> Int64?
    /// Reads back the `buffer.count` bytes kept at `offset`; false when they cannot be read.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Bool
}

/// Bytes kept in a `ByteSpill`, read back each time they are placed; made again by `remake` should
/// reading them fail, so a page is never written with bytes missing.
///
/// A class: every page that places the bytes shares one reference to where they are kept.
package final class SpilledBytes: Sendable {
    private let spill: any ByteSpill
    private let offset: Int64
    package let count: Int
    private let remake: @Sendable () -> [UInt8]

    /// `bytes` kept in `spill`, or nil when the spill could not keep them.
    package init?(_ bytes: [UInt8], in spill: any ByteSpill, remake: @escaping @Sendable () -> [UInt8]) {
        guard !bytes.isEmpty, let offset = bytes.withUnsafeBytes({ spill.keep($0) }) else { return nil }
        self.spill = spill
        self.offset = offset
        count = bytes.count
        self.remake = remake
    }

    /// `body` with the bytes, read back into `scratch` (grown as needed and reused by the caller).
    package func withBytes<Result>(reusing scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if scratch.count < count { scratch = [UInt8](repeating: 0, count: max(count, 4096)) }
        let read = scratch.withUnsafeMutableBytes { spill.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<count])) }
        guard read else {
            let made = remake()
            // The page's length was counted with the bytes kept: drawing again must give the same.
            precondition(made.count == count, "bytes made again differ in length from the ones kept")
            return made.withUnsafeBytes(body)
        }
        return scratch.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// The bytes, read back.
    package var bytes: [UInt8] {
        var scratch: [UInt8] = []
        return withBytes(reusing: &scratch) { Array($0) }
    }
}
