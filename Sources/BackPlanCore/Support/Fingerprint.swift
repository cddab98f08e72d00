/// A stable 64-bit FNV-1a hash, for ids derived from content (plan ids, UIDs, seeds).
public struct Fingerprint: Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public init(_ parts: String...) {
        for part in parts { combine(part) }
    }

    public mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        value ^= 0xFF
        value &*= 0x0000_0100_0000_01B3
    }

    /// The hash as lowercase hex, `digits` long (at most 16).
    public func hex(digits: Int = 16) -> String {
        let text = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - text.count)) + text
        return String(padded.prefix(digits))
    }
}
