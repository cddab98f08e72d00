import Yams

/// Turns roster rows into people to plan, one row at a time, in roster order.
///
/// Rows stream through: the roster never has to be held whole. Each row is
/// checked by `Preferences.apply`, so a row gets the same message as a
/// preferences file would, placed at the row (`roster.csv:14: minutes: ...`).
/// Every row passes through here, also those of other shards, because folder
/// names are made unique across the whole roster.
public struct Roster {
    /// The roster's name as shown in messages.
    public let file: String
    private var folders = RosterFolders()

    public init(file: String) {
        self.file = file
    }

    // MARK: - CSV

    /// The person of CSV row `number` (the header is row 1); nil for a blank row or one outside `selected`.
    public mutating func row(number: Int, cells: [String], columns: RosterColumns, selected: Bool) -> RosterRow? {
        if columns.isBlank(cells) { return nil }
        let (id, name) = columns.identity(of: cells)
        let file = file
        let folder: String?
        do {
            folder = try folders.assign(id: id, name: name, line: number) { problem in
                InputError(file: file, line: number, key: RosterColumns.idKey, problem: problem)
            }
        } catch {
            return selected ? RosterRow(number: number, folder: nil, preferences: .failure(error)) : nil
        }
        guard selected else { return nil }
        do throws(InputError) {
            let entries = try columns.entries(of: cells, file: file)
            guard entries.contains(where: { $0.0 == "name" }) else {
                throw InputError(file: file, key: "name", problem: .missingKey)
            }
            var preferences = Preferences()
            preferences.places.rowLine = number
            try preferences.apply(entries)
            return RosterRow(number: number, folder: folder, preferences: .success(preferences))
        } catch {
            var located = error
            located.line = number
            located.column = nil
            return RosterRow(number: number, folder: folder, preferences: .failure(located))
        }
    }

    // MARK: - YAML

    /// The people of a YAML roster: a list of preference mappings.
    ///
    /// - Throws: `InputError` when the text is not YAML or not a list.
    package static func items(yaml text: String, file: String) throws(InputError) -> [YAMLValue] {
        let root = try YAMLValue.parse(text, file: file)
        guard case .sequence(let sequence) = root.node else {
            throw root.error(.wrongType(expected: "a list of people, each a mapping of preferences such as '- name: Alex Doe'", found: root.kindName))
        }
        return sequence.map { YAMLValue(node: $0, file: file, key: "") }
    }

    /// The person of YAML item `number` (counted from 1); nil when outside `selected`.
    package mutating func row(number: Int, item: YAMLValue, selected: Bool) -> RosterRow? {
        let line = item.line ?? number
        let folder: String?
        do {
            let mapping = try item.mapping(allowed: [RosterColumns.idKey] + Preferences.keys, required: ["name"])
            let id = mapping.first { $0.0 == RosterColumns.idKey }?.1
            let name = mapping.first { $0.0 == "name" }?.1
            folder = try folders.assign(id: try id?.string(), name: name?.node.scalar?.string, line: line) { problem in
                id?.error(problem) ?? item.error(problem)
            }
            guard selected else { return nil }
            var preferences = Preferences()
            try preferences.apply(mapping.filter { $0.0 != RosterColumns.idKey })
            return RosterRow(number: number, folder: folder, preferences: .success(preferences))
        } catch {
            return selected ? RosterRow(number: number, folder: nil, preferences: .failure(error)) : nil
        }
    }
}
