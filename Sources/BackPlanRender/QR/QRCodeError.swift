/// Why a text could not become a QR code.
package struct QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong with the text.
    package enum Problem: Equatable, Sendable {
        /// There was nothing to encode.
        case empty
        /// The text's UTF-8 bytes exceed what the largest QR code holds at the chosen level.
        case tooLong(bytes: Int, limit: Int)
    }

    /// The error correction level asked for.
    package var correction: QRCode.Correction
    package var problem: Problem

    package init(correction: QRCode.Correction, problem: Problem) {
        self.correction = correction
        self.problem = problem
    }

    package var description: String {
        switch problem {
        case .empty:
            return "cannot make a QR code of empty text"
        case let .tooLong(bytes, limit):
            let lower = correction == .low ? "" : " or a lower error correction level"
            return "text of \(bytes) bytes is too long for a QR code: at most \(limit) bytes fit at error correction "
                + "level \(correction.rawValue) (\(correction)); use a shorter text\(lower)"
        }
    }
}
