/// Where the values of a preferences file or roster row were written.
///
/// Some values can only be checked once the catalog and the plan's start are
/// known (an unknown move id, a review before the start); this keeps their
/// places for those messages. It is not part of what a person asked for, so
/// two places books are always equal.
package struct SourcePlaces: Equatable, Sendable {
    package struct Place: Equatable, Sendable {
        package var file: String
        package var line: Int?
        package var column: Int?
    }

    private var places: [String: Place] = [:]
    /// The file of the preferences, for keys that were not written (a command-line `--start`).
    package var file: String?
    /// A roster row's number: the line of every key of the row.
    package var rowLine: Int?

    package init() {}

    package mutating func record(_ key: String, file: String, line: Int?, column: Int?) {
        places[key] = Place(file: file, line: line, column: column)
        self.file = file
    }

    /// An error placed where `key` was written (its row in a roster), or at the file.
    package func error(key: String, _ problem: InputError.Problem) -> InputError {
        let place = places[key]
        if let rowLine { return InputError(file: place?.file ?? file ?? "preferences", line: rowLine, key: key, problem: problem) }
        return InputError(file: place?.file ?? file ?? "preferences", line: place?.line, column: place?.column, key: key, problem: problem)
    }

    package static func == (_: SourcePlaces, _: SourcePlaces) -> Bool { true }
}
