extension CommonMark {
    /// Trusted HTML that replaces a marker block, kept with the NUL libcmark reads it up to,
    /// so a block made once (a figure) is handed to every document without a copy; or kept
    /// outside memory (`SpilledBytes`), placed in a page as a run read back when it is written.
    ///
    /// A NUL byte in the HTML is made U+FFFD, as libcmark does with one in Markdown: libcmark
    /// would cut the block there, while a page's runs would not, and the two must agree.
    package struct TrustedHTML: Sendable {
        private enum Storage: Sendable {
            /// The bytes and a NUL.
            case held([UInt8])
            case spilled(SpilledBytes)
        }

        private let storage: Storage
        /// Whether the HTML ends with a line break, known without reading spilled bytes back.
        let endsLine: Bool

        private init(storage: Storage, endsLine: Bool) {
            self.storage = storage
            self.endsLine = endsLine
        }

        package init(_ bytes: [UInt8]) {
            self.init(clean: Self.withoutNUL(bytes))
        }

        /// The HTML `bytes`, kept in `spill` when it can keep them (`remake` makes them again should
        /// reading them back fail), else held.
        package init(_ bytes: [UInt8], spill: (any ByteSpill)?, remake: @escaping @Sendable () -> [UInt8]) {
            let clean = Self.withoutNUL(bytes)
            guard let spill, let spilled = SpilledBytes(clean, in: spill, remake: { Self.withoutNUL(remake()) }) else {
                self.init(clean: clean)
                return
            }
            self.init(storage: .spilled(spilled), endsLine: clean.last == 0x0A)
        }

        /// Held: `clean`, which has no NUL, and a NUL.
        private init(clean: [UInt8]) {
            self.init(storage: .held(clean + [0]), endsLine: clean.last == 0x0A)
        }

        /// The HTML's bytes.
        package var bytes: [UInt8] {
            switch storage {
            case .held(let cString): Array(cString.dropLast())
            case .spilled(let spilled): spilled.bytes
            }
        }

        /// The HTML as a run of a page: a slice of the one copy, or the spilled bytes.
        package var run: ByteChunks.Run {
            switch storage {
            case .held(let cString): .bytes(cString.dropLast())
            case .spilled(let spilled): .spilled(spilled)
            }
        }

        /// The HTML and a NUL, for libcmark.
        var cString: [UInt8] {
            switch storage {
            case .held(let cString): cString
            case .spilled(let spilled): spilled.bytes + [0]
            }
        }

        /// `bytes` with each NUL made U+FFFD.
        private static func withoutNUL(_ bytes: [UInt8]) -> [UInt8] {
            guard bytes.contains(0) else { return bytes }
            var clean: [UInt8] = []
            clean.reserveCapacity(bytes.count + 8)
            for byte in bytes {
                if byte == 0 { clean.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { clean.append(byte) }
            }
            return clean
        }
    }
}
