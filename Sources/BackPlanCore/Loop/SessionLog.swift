import Foundation

/// What a person logged of a plan: per session, what was done, pain before and after, what hurt.
///
/// Parsed from the rows of `log.csv` (Publish reads the file and numbers the
/// lines), then checked against the plan it claims to belong to. Rows may be
/// missing: a log with gaps is normal, a session without a row was not done.
public struct SessionLog: Equatable, Sendable {
    /// The columns of a log, in the order `backplan log` writes them.
    public static let columns = ["plan_id", "date", "done", "pain_before", "pain_after", "hurt", "notes"]
    /// Pain scores run from 0 (none) to 10 (worst).
    public static let painRange = 0...10

    /// What a row says was done.
    public enum Done: Equatable, Sendable {
        /// An empty cell: nothing logged.
        case notLogged
        case none
        case all
        case moves([String])
    }

    /// One row of the log.
    public struct Entry: Equatable, Sendable {
        public var line: Int
        public var planID: String
        public var date: CivilDate
        public var done: Done
        public var painBefore: Int?
        public var painAfter: Int?
        public var hurt: [String]
        public var notes: String

        /// Whether the session counts as done: all of it, or some of its moves.
        public var isDone: Bool {
            switch done {
            case .all: true
            case .moves(let ids): !ids.isEmpty
            case .none, .notLogged: false
            }
        }
    }

    public var file: String
    /// The rows, in date order.
    public var entries: [Entry]

    public init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries.sorted { $0.date < $1.date }
    }

    /// The empty log of a plan: the header and one row per session with its plan id and date.
    public static func emptyCSV(for plan: Plan, planID: String) -> String {
        ([columns.joined(separator: ",")] + plan.sessions.map { "\(planID),\($0.date.iso),,,,," })
            .joined(separator: "\n") + "\n"
    }

    // MARK: - Parsing

    /// Reads a log's rows, each with the line it starts on (the header is line `headerLine`).
    ///
    /// - Throws: `InputError` at the row's line for a missing column, a row of the
    ///   wrong length, a bad date, a pain score that is not 0-10.
    public init(file: String, header: [String], headerLine: Int = 1, rows: [(line: Int, cells: [String])]) throws(InputError) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where !Self.columns.contains(name) {
            throw InputError(file: file, line: headerLine, problem: .invalid(
                "unknown column '\(name)'\(Suggestion.closest(to: name, in: Self.columns).map { " (did you mean '\($0)'?)" } ?? ""); a log's header is \(Self.columns.joined(separator: ","))"))
        }
        for name in Self.columns where !names.contains(name) {
            throw InputError(file: file, line: headerLine, problem: .invalid(
                "the log has no '\(name)' column; a log's header is \(Self.columns.joined(separator: ","))"))
        }
        var entries: [Entry] = []
        var seen: [CivilDate: Int] = [:]
        for (line, cells) in rows {
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard cells.count == names.count else {
                throw InputError(file: file, line: line, problem: .invalid(
                    "this row has \(Plural.count(cells.count, "cell")), the header \(names.count); check for a missing or extra comma, or a note with a comma that is not in double quotes"))
            }
            var row: [String: String] = [:]
            for (name, cell) in zip(names, cells) { row[name] = cell }
            let entry = try Self.entry(row, line: line, file: file)
            if let first = seen[entry.date] {
                throw InputError(file: file, line: line, key: "date", problem: .invalid(
                    "\(entry.date.iso) is logged twice (first on line \(first)); give each session one row"))
            }
            seen[entry.date] = line
            entries.append(entry)
        }
        self.init(file: file, entries: entries)
    }

    private static func entry(_ row: [String: String], line: Int, file: String) throws(InputError) -> Entry {
        func cell(_ name: String) -> String { (row[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func error(_ key: String, _ problem: InputError.Problem) -> InputError {
            InputError(file: file, line: line, key: key, problem: problem)
        }
        func ids(_ text: String) -> [String] {
            text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }
        func pain(_ key: String) throws(InputError) -> Int? {
            let text = cell(key)
            if text.isEmpty { return nil }
            guard let score = Int(text) else {
                throw error(key, .invalid("'\(text)' is not a pain score; expected a whole number from 0 (none) to 10 (worst), or nothing"))
            }
            guard painRange.contains(score) else { throw error(key, .outOfRange(text, range: "0..10")) }
            return score
        }
        let planID = cell("plan_id")
        guard !planID.isEmpty else { throw error("plan_id", .missingKey) }
        guard let date = CivilDate(iso: cell("date")) else { throw error("date", .invalidDate(cell("date"))) }
        let done: Done
        switch cell("done").lowercased() {
        case "": done = .notLogged
        case "none": done = .none
        case "all": done = .all
        case let text: done = .moves(ids(text))
        }
        return Entry(
            line: line, planID: planID, date: date, done: done, painBefore: try pain("pain_before"),
            painAfter: try pain("pain_after"), hurt: ids(cell("hurt")), notes: row["notes"] ?? "")
    }

    // MARK: - Checking against the plan

    /// Checks that every row belongs to `plan`: its id, a session's date, that session's moves.
    ///
    /// - Throws: `InputError` at the first row that does not.
    public func check(against plan: Plan, planID: String, catalog: Catalog) throws(InputError) {
        let sessions = Dictionary(plan.sessions.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = catalog.moves.map(\.id)
        for entry in entries {
            func error(_ key: String, _ text: String) -> InputError {
                InputError(file: file, line: entry.line, key: key, problem: .invalid(text))
            }
            guard entry.planID == planID else {
                throw error("plan_id", "'\(entry.planID)' is not the id of this plan (\(planID)); the log belongs to another plan: give the preferences and options (--start, --weeks, --seed) that plan was made with")
            }
            guard entry.date >= plan.start && entry.date <= plan.end else {
                throw error("date", "\(entry.date.iso) is outside the plan, which runs from \(plan.start.iso) to \(plan.end.iso)")
            }
            guard let session = sessions[entry.date] else {
                throw error("date", "\(entry.date.iso) (\(entry.date.weekday.title)) is not a session day of the plan; its sessions are on \(sentenceList(plan.trainingDays.map(\.title)))")
            }
            let moves = session.items.map(\.id)
            var listed: [(key: String, ids: [String])] = [("hurt", entry.hurt)]
            if case .moves(let done) = entry.done { listed.insert(("done", done), at: 0) }
            for (key, list) in listed {
                for id in list where !moves.contains(id) {
                    guard catalog.move(id: id) != nil else {
                        let hint = Suggestion.closest(to: id, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                        throw error(key, "'\(id)' is not a move of the catalog\(hint); use all, none or move ids separated by ';'")
                    }
                    throw error(key, "'\(id)' is not a move of the session on \(entry.date.iso); that session has: \(moves.joined(separator: ", "))")
                }
            }
        }
    }
}
