extension Preferences {
    /// Checks what needs the catalog and the plan's start: every excluded and included id is a move, and the review is not before the start.
    ///
    /// Parsing cannot do this: a file is read before `--catalog` and `--start` are known.
    ///
    /// - Throws: `InputError` placed where the key was written (file, line and column; a roster's row).
    public func validate(catalog: Catalog, start: CivilDate) throws(InputError) {
        let ids = catalog.moves.map(\.id)
        for (key, list) in [("exclude", exclude), ("include", include)] {
            for (index, id) in list.enumerated() where catalog.move(id: id) == nil {
                let hint = Suggestion.closest(to: id, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                throw places.error(
                    key: "\(key)[\(index + 1)]",
                    .invalid("'\(id)' is not a move of the catalog\(hint); `backplan catalog list` shows every move's id"))
            }
        }
        if let review, review < start {
            throw places.error(
                key: "review",
                .invalid("the review date \(review.iso) is before the plan's start \(start.iso); give a date on or after the start"))
        }
    }
}
