import BackPlanCore
import Foundation

/// What a site build did to its output folder.
public struct SiteReport: Equatable, Sendable {
    /// The output folder.
    public var folder: URL
    /// Files whose bytes changed (or were new), written again.
    public var written: [String]
    /// Files left untouched because their bytes were already right.
    public var unchanged: [String]
    /// Files of an earlier build the site no longer produces, removed.
    public var removed: [String]

    /// Every file of the site, written or not.
    public var fileCount: Int { written.count + unchanged.count }

    /// "31 files: 2 written, 29 unchanged, 1 removed".
    public var summary: String {
        "\(Plural.count(fileCount, "file")): \(written.count) written, \(unchanged.count) unchanged, \(removed.count) removed"
    }
}
