import Yams

/// The header of a CSV roster: which preference key each column holds.
///
/// Columns are the keys of a preferences file plus `id`; `name` is required.
/// A cell becomes the YAML scalar a preferences file would hold, so a row is
/// checked by the same code and gets the same messages as a file.
public struct RosterColumns: Equatable, Sendable {
    /// The key of each column, in order; nil for a column with an empty header (ignored when its cells are empty).
    public let keys: [String?]
    /// Keys whose value is a list, written `neck;upper-back` in a cell.
    static let listKeys: Set<String> = ["days", "areas", "equipment", "exclude", "include"]
    /// The extra column that names a person's folder.
    public static let idKey = "id"

    /// Per column, whether its key is one of `listKeys`: looked up once here, not once per cell.
    private let isList: [Bool]
    /// The columns of `id` and `name`, read from every row for its folder.
    private let idColumn: Int?
    private let nameColumn: Int?
    /// The one `Constructor` of every cell's tag. Yams' `Tag.implicit` makes a new one, with three
    /// dictionaries, per call; it holds only constants, and these nodes are never constructed into
    /// Swift values by Yams, so sharing it changes nothing but the cost. For the same reason the
    /// tags use the basic resolver: the default one compiles seven regular expressions when first used.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Checks the header row: every named column is a known key, none repeats, `name` is there.
    ///
    /// - Throws: `InputError` at row 1 of `file`, naming the column and the allowed keys.
    public init(header: [String], file: String) throws(InputError) {
        let allowed = [Self.idKey] + Preferences.keys
        // A spreadsheet saved with ';' between columns (common where ',' is the decimal mark) reads as one column.
        if header.count == 1, header[0].contains(";") {
            throw InputError(file: file, line: 1, problem: .semicolonSeparated)
        }
        var keys: [String?] = []
        for (index, cell) in header.enumerated() {
            var key = Whitespace.trimmed(cell)
            if index == 0, key.hasPrefix("\u{FEFF}") { key = Whitespace.trimmed(String(key.dropFirst())) }
            if key.isEmpty {
                keys.append(nil)
                continue
            }
            guard allowed.contains(key) else {
                throw InputError(file: file, line: 1, key: key, problem: .unknownKey(allowed: allowed, suggestion: Suggestion.closest(to: key, in: allowed)))
            }
            if keys.contains(key) {
                throw InputError(file: file, line: 1, key: key, problem: .invalid("the column appears twice in the header"))
            }
            keys.append(key)
        }
        guard keys.contains("name") else {
            throw InputError(file: file, line: 1, key: "name", problem: .invalid("the header has no 'name' column; a roster needs each person's name"))
        }
        self.keys = keys
        isList = keys.map { $0.map(Self.listKeys.contains) ?? false }
        idColumn = keys.firstIndex(of: Self.idKey)
        nameColumn = keys.firstIndex(of: "name")
    }

    /// Whether every cell of a row is empty (a blank line), so the row is skipped.
    public func isBlank(_ cells: [String]) -> Bool {
        cells.allSatisfy(Whitespace.isBlank)
    }

    /// The row's `id` and `name` cells, trimmed, nil when empty or absent.
    func identity(of cells: [String]) -> (id: String?, name: String?) {
        (cell(idColumn, in: cells), cell(nameColumn, in: cells))
    }

    /// The row's preference entries, as a preferences file would give them; empty cells are left out (defaults).
    ///
    /// Nodes carry no position: the caller places errors at the row.
    func entries(of cells: [String], file: String) throws(InputError) -> [(String, YAMLValue)] {
        if cells.count > keys.count, !cells[keys.count...].allSatisfy(Whitespace.isBlank) {
            throw InputError(file: file, problem: .invalid(
                "the row has \(cells.count) cells but the header names \(keys.count) columns; put values that contain a comma in double quotes"))
        }
        var entries: [(String, YAMLValue)] = []
        entries.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() where index < cells.count {
            let text = Whitespace.trimmed(cells[index])
            if text.isEmpty { continue }
            guard let key else {
                throw InputError(file: file, problem: .invalid("column \(index + 1) has a value but no name in the header"))
            }
            if key == Self.idKey { continue }
            entries.append((key, YAMLValue(node: Self.node(text, isList: isList[index]), file: file, key: key)))
        }
        return entries
    }

    private func cell(_ column: Int?, in cells: [String]) -> String? {
        guard let index = column, index < cells.count else { return nil }
        let text = Whitespace.trimmed(cells[index])
        return text.isEmpty ? nil : text
    }

    /// A plain scalar, or for list keys a list when the cell holds `;` (`[]` is the empty list).
    private static func node(_ text: String, isList: Bool) -> Node {
        guard isList, text == "[]" || text.utf8.contains(UInt8(ascii: ";")) else { return plain(text) }
        var items: [Node] = []
        if text != "[]" {
            for item in text.split(separator: ";") {
                let trimmed = Whitespace.trimmed(item)
                if !trimmed.isEmpty { items.append(plain(trimmed)) }
            }
        }
        return .sequence(Node.Sequence(items, Tag(.implicit, .basic, constructor)))
    }

    private static func plain(_ text: String) -> Node {
        .scalar(Node.Scalar(text, Tag(.implicit, .basic, constructor), .plain))
    }

}
