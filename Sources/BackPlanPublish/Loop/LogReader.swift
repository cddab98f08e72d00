import BackPlanCore
import CSV
import Foundation

/// Reads a `log.csv` into a `SessionLog`, numbering each row by the line it starts on.
///
/// A log is a few dozen rows, so it is read whole; CSV.swift splits it, this
/// type only counts lines (a quoted note may span several) and finds an
/// unclosed quote, which CSV.swift would read to the end of the file.
package enum LogReader {
    /// The log at `path`.
    ///
    /// - Throws: `PublishError` when the file cannot be read, `InputError` at file:line for a malformed log.
    package static func read(_ path: String) throws -> SessionLog {
        let text = try Inputs.readText(path, limit: Inputs.logLimit)
        return try parse(text, file: path)
    }

    /// A log from its text; `file` names it in messages.
    package static func parse(_ text: String, file: String) throws -> SessionLog {
        if let line = unclosedQuoteLine(text) {
            throw InputError(file: file, line: line, problem: .invalid("a double quote opened here is never closed; a note with a comma, quote or line break goes in double quotes, with \"\" for a quote inside"))
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError(file: file, line: 1, problem: .invalid("the log is empty; expected the header \(SessionLog.columns.joined(separator: ",")) and one row per session (`backplan log` writes one)"))
        }
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var line = 2
        var rows: [(line: Int, cells: [String])] = []
        while let cells = reader.next() {
            rows.append((line, cells))
            line += 1 + cells.map { $0.unicodeScalars.filter { $0 == "\n" }.count }.reduce(0, +)
        }
        return try SessionLog(file: file, header: header, rows: rows)
    }

    /// The line of a double quote that opens a field and is never closed; nil when all are closed.
    static func unclosedQuoteLine(_ text: String) -> Int? {
        var line = 1
        var opened: Int?
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                if opened == nil {
                    if previous == nil || previous == "," || previous == "\n" || previous == "\r" { opened = line }
                } else {
                    opened = nil
                }
            } else if scalar == "\n" {
                line += 1
            }
            previous = scalar
        }
        return opened
    }
}
