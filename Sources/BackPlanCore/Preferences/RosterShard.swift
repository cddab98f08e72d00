/// One slice of a roster, `K/N`: data row i (the first person is 1, the CSV header is not counted) is in slice ((i - 1) mod N) + 1.
///
/// Every shard reads the whole roster (folder names must not depend on the
/// slice) but plans only its own rows, so N machines given K = 1...N cover
/// every row exactly once without talking to each other; the first person
/// is in shard 1, as a scheduler counting from 1 expects.
public struct RosterShard: Equatable, Sendable, CustomStringConvertible {
    /// Why a `--shard` value was refused; the description is the message, naming what is allowed.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case notKOfN(String)
        case noSlices(String)
        case indexOutOfRange(String, count: Int)

        public var description: String {
            switch self {
            case .notKOfN(let text): "--shard '\(text)': expected K/N, two whole numbers such as 2/8 (slice K of N)"
            case .noSlices(let text): "--shard \(text): N must be at least 1"
            case let .indexOutOfRange(text, count): "--shard \(text): K must be from 1 to N (\(count))"
            }
        }
    }

    /// K, counted from 1.
    public let index: Int
    /// N, the number of slices.
    public let count: Int

    /// The whole roster: `1/1`.
    public static let all = RosterShard(uncheckedIndex: 1, count: 1)

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `K/N`, such as `2/8`; nil when it is not one.
    public init?(text: String) {
        guard let shard = try? Self(parsing: text) else { return nil }
        self = shard
    }

    /// Parses `K/N`, such as `2/8`, saying what is wrong when it is not one.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .notKOfN(text) }
        guard count >= 1 else { throw .noSlices(text) }
        guard (1...count).contains(index) else { throw .indexOutOfRange(text, count: count) }
        self.init(uncheckedIndex: index, count: count)
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether data row `dataRow` (counted from 1, the CSV header not counted) belongs to this slice.
    public func contains(dataRow: Int) -> Bool {
        (dataRow - 1) % count == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
