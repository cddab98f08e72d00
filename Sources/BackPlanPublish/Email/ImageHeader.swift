import Foundation

/// The size of an image from its first bytes: PNG, GIF and JPEG, the formats every mail client shows.
package enum ImageHeader {
    static let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    /// Width and height in pixels, or nil when the data is not an image of those kinds.
    package static func size(of data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(64 * 1024))
        func big(_ at: Int, _ count: Int) -> Int { bytes[at..<at + count].reduce(0) { $0 << 8 | Int($1) } }
        if bytes.count >= 24, data.starts(with: pngSignature), bytes[12..<16] == [0x49, 0x48, 0x44, 0x52][...] {
            return (big(16, 4), big(20, 4))
        }
        if bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)) {
            return (Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        }
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        // JPEG: walk the segments to a start-of-frame (SOF0-SOF15, not DHT, JPG or DAC), which holds the size.
        var at = 2
        while at + 9 < bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (big(at + 7, 2), big(at + 5, 2))
            }
            at += 2 + big(at + 2, 2)
        }
        return nil
    }
}
