/// Gives every roster row its own folder: the row's `id` as it is, else a slug of its name made unique.
///
/// It sees every row of the roster, in order, whichever shard is being
/// written, so a person's folder never depends on `--shard`. It keeps one
/// short name per row: the only state of a batch run that grows with the roster.
struct RosterFolders {
    /// Folder names taken so far (lowercased, so two folders never differ only by case), with the row that took each.
    private var taken: [String: Int] = [:]

    /// The folder of the row at `line` (its row number in CSV) from its raw `id` and `name` values; nil when it has neither.
    ///
    /// A bad or repeated `id` takes no folder and fails only its own row;
    /// `idError` places the problem where the id was written.
    mutating func assign(
        id: String?, name: String?, line: Int, idError: (InputError.Problem) -> InputError
    ) throws(InputError) -> String? {
        if let id {
            guard Slug.isSafeFolderName(id) else {
                throw idError(.invalid("'\(id)' cannot name a folder; use letters, digits, '-', '_' and '.', not starting with '.'"))
            }
            if let first = taken[id.lowercased()] {
                throw idError(.duplicateID(id, firstLine: first))
            }
            taken[id.lowercased()] = line
            return id
        }
        guard let name else { return nil }
        let base = Slug.make(from: name)
        var candidate = base
        var suffix = 2
        while taken[candidate] != nil {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        taken[candidate] = line
        return candidate
    }
}
