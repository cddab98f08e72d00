/// A problem in a file the user gave us (catalog, preferences, roster row), with its place.
///
/// The `description` is the message printed on stderr: place first
/// (`file:line:column`), then the key, then what was wrong and what is allowed.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, independent of where.
    public enum Problem: Equatable, Sendable {
        case malformed(String)
        case empty
        case notUTF8
        case wrongType(expected: String, found: String)
        case missingKey
        case unknownKey(allowed: [String], suggestion: String?)
        case badValue(String, allowed: [String], suggestion: String?)
        case outOfRange(String, range: String)
        case minAboveMax(min: Int, max: Int)
        case duplicateID(String, firstLine: Int?)
        case noSteps
        case invalidDate(String)
        case invalid(String)
        /// `pain` given as a number (a 0-10 score), which the preferences spell as a word.
        case painScore(String)
        /// A CSV header of one cell holding `;`: the file separates its columns with semicolons.
        case semicolonSeparated
        /// Several problems, one per broken item, in file order.
        case several([InputError])
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    /// The key path the problem is about (`moves[3].dose.sets`), empty for the whole file.
    public var key: String
    public var problem: Problem

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String = "", problem: Problem) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
    }

    public var place: String {
        var place = file
        if let line { place += ":\(line)" }
        if let line, line > 0, let column { place += ":\(column)" }
        return place
    }

    public var description: String {
        if case .several(let problems) = problem {
            return problems.map(\.description).joined(separator: "\n")
        }
        let prefix = key.isEmpty ? "\(place): " : "\(place): \(key): "
        return prefix + message
    }

    /// The message without the place.
    public var message: String {
        switch problem {
        case .malformed(let detail):
            return "not valid YAML: \(detail)"
        case .empty:
            return "the file is empty; expected a mapping of keys such as 'name:'"
        case .notUTF8:
            return "the file is not UTF-8 text"
        case let .wrongType(expected, found):
            return "expected \(expected), found \(found)"
        case .missingKey:
            return "is required but missing"
        case let .unknownKey(allowed, suggestion):
            return "unknown key" + hint(suggestion) + "; allowed keys: " + allowed.joined(separator: ", ")
        case let .badValue(value, allowed, suggestion):
            return "'\(value)' is not allowed" + hint(suggestion) + "; expected one of: " + allowed.joined(separator: ", ")
        case let .outOfRange(value, range):
            return "\(value) is out of range \(range)"
        case let .minAboveMax(min, max):
            return "min \(min) is above max \(max)"
        case let .duplicateID(id, firstLine):
            return "duplicate id '\(id)'" + (firstLine.map { " (first used on line \($0))" } ?? "")
        case .noSteps:
            return "a move needs at least one step"
        case .invalidDate(let text):
            return "'\(text)' is not a date; expected YYYY-MM-DD, such as 2026-11-30"
        case .invalid(let text):
            return text
        case .painScore(let text):
            let scale = "from a 0-10 score: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe"
            let mapped = Int(text).flatMap(Preferences.Pain.init(score:)).map { "; \(text) is \($0.rawValue)" } ?? ""
            return "'\(text)' is a number; pain is none, mild, moderate or severe (\(scale)\(mapped))"
        case .semicolonSeparated:
            return "the header is one column holding ';': columns are separated by commas, such as name,minutes,areas (a ';' separates the items of a list inside one cell, such as neck;upper-back)"
        case .several(let problems):
            return problems.map(\.message).joined(separator: "; ")
        }
    }

    private func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
