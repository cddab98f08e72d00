/// One slice of a roster, `K/N`: the rows whose number modulo N is K-1.
///
/// Every shard reads the whole roster (folder names must not depend on the
/// slice) but plans only its own rows, so N machines given K = 1...N cover
/// every row exactly once without talking to each other.
public struct RosterShard: Equatable, Sendable, CustomStringConvertible {
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

    /// Parses `K/N`, such as `2/8`.
    public init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether the row numbered `row` belongs to this slice.
    public func contains(row: Int) -> Bool {
        row % count == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
