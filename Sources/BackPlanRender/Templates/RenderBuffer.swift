import Foundation

/// The growing UTF-8 output of one render: appending is a capacity check and a `memcpy`.
///
/// A template render appends some 1,300 short pieces a plan (text between
/// tags, values). `Array.append(contentsOf:)` takes each through its generic
/// sequence path; this buffer grows by doubling and copies with `memcpy`. A class, so the renderer, a value
/// type, holds one reference to it rather than copying on write.
package final class RenderBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// What was written, as an array (one copy of the bytes, a `memcpy`).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// What was written, handed over as `Data` without a copy; the buffer is empty afterwards.
    func takeData() -> Data {
        let data = Data(bytesNoCopy: storage, count: count, deallocator: .custom { pointer, _ in pointer.deallocate() })
        capacity = 64
        storage = .allocate(capacity: capacity)
        count = 0
        return data
    }

    /// What was written, decoded as UTF-8 text.
    var text: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }

    /// The bytes written since `start`, as an array.
    func bytes(from start: Int) -> [UInt8] {
        precondition(start >= 0 && start <= count, "reading a render buffer from past its end")
        return Array(UnsafeBufferPointer(start: storage + start, count: count - start))
    }

    /// Forgets what was written after the first `count` bytes.
    func truncate(to count: Int) {
        precondition(count >= 0 && count <= self.count, "truncating a render buffer past its end")
        self.count = count
    }

    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `number`, not negative, in decimal digits, as `String(number)` writes it.
    func append(decimal number: Int) {
        precondition(number >= 0, "a negative number is appended as text")
        var digits = 1
        var rest = number / 10
        while rest > 0 { digits += 1; rest /= 10 }
        reserve(digits)
        var value = number
        for position in stride(from: count + digits - 1, through: count, by: -1) {
            storage[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        count += digits
    }

    /// Appends one byte.
    func append(byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends fixed text, such as markup.
    func append(utf8Of text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Appends again the bytes already written at `range`.
    func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "copying from past a render buffer's end")
        reserve(range.count)
        // After `reserve`, which may have moved the storage.
        (storage + count).initialize(from: storage + range.lowerBound, count: range.count)
        count += range.count
    }

    /// Appends the UTF-8 of `text`, read in place when it is stored as UTF-8 (a Swift string always is).
    func append(utf8Of text: String) {
        text.withUTF8Bytes { append($0) }
    }

    @inline(__always)
    private func reserve(_ more: Int) {
        if count + more > capacity { grow(toHold: count + more) }
    }

    private func grow(toHold needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.initialize(from: storage, count: count)
        storage.deallocate()
        storage = new
        capacity = grown
    }
}
