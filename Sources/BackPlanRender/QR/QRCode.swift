import CQRencode
import Foundation

/// A QR code: which modules of the square symbol are dark, encoded by libqrencode from a text's UTF-8 bytes.
///
/// The only caller of libqrencode; no `QRcode` or `QRecLevel` appears outside
/// this file. The text is encoded whole in 8-bit mode (case kept, bytes as
/// they are), in the smallest version that holds it, so a URL scans back
/// exactly as written.
package struct QRCode: Sendable, Equatable {
    /// How much of the symbol may be damaged and still be read; more correction, bigger symbol.
    package enum Correction: String, Sendable, CaseIterable {
        /// About 7 % of the codewords may be lost.
        case low = "L"
        /// About 15 %: libqrencode's and most generators' default.
        case medium = "M"
        /// About 25 %.
        case quartile = "Q"
        /// About 30 %.
        case high = "H"

        /// The most bytes a QR code (version 40) holds in 8-bit mode at this level.
        ///
        /// From the QR specification's capacity table (ISO/IEC 18004, table 7);
        /// libqrencode decides, this number only names the limit in errors,
        /// and a test holds the two together.
        package var byteCapacity: Int {
            switch self {
            case .low: 2953
            case .medium: 2331
            case .quartile: 1663
            case .high: 1273
            }
        }
    }

    /// Modules along each side: 21 for version 1, four more per version, up to 177.
    package let size: Int
    /// Row by row, `size` × `size`, true where dark.
    private let modules: [Bool]

    /// The QR code of `text`'s UTF-8 bytes at `correction`, in the smallest version that holds them.
    package init(encoding text: String, correction: Correction = .medium) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw QRCodeError(correction: correction, problem: .empty) }
        let tooLong = QRCodeError(correction: correction, problem: .tooLong(bytes: bytes.count, limit: correction.byteCapacity))
        guard let count = Int32(exactly: bytes.count) else { throw tooLong }
        // QRcode_encodeData is QRcode_encodeString8bit with a length: a NUL in the text is data, not its end.
        // errno is read at once, before anything else can set it.
        let (encoded, failure) = bytes.withUnsafeBufferPointer { buffer in
            (QRcode_encodeData(count, buffer.baseAddress, 0, correction.level), errno)
        }
        guard let symbol = encoded else {
            // ERANGE: no version holds the data. EINVAL cannot happen for a non-empty text at version 0.
            precondition(failure != ENOMEM, "QRcode_encodeData returned NULL (out of memory)")
            precondition(failure == ERANGE, "QRcode_encodeData failed with errno \(failure)")
            throw tooLong
        }
        defer { QRcode_free(symbol) }
        let version = Int(symbol.pointee.version)
        let width = Int(symbol.pointee.width)
        precondition((1...40).contains(version), "libqrencode returned version \(version), outside 1...40")
        precondition(width == 17 + 4 * version, "libqrencode returned width \(width) for version \(version)")
        guard let data = symbol.pointee.data else { preconditionFailure("libqrencode returned a symbol without data") }
        // One byte per module, row by row; bit 0 is dark, the other bits say what the module is for.
        size = width
        modules = UnsafeBufferPointer(start: data, count: width * width).map { $0 & 1 == 1 }
    }

    /// Whether the module in column `x`, row `y` (from the top left) is dark; outside the symbol, as in the quiet zone, none is.
    package func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }
}

extension QRCode.Correction {
    /// libqrencode's name for the level; must not be made visible outside this file.
    fileprivate var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
