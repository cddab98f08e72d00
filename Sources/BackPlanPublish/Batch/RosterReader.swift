import BackPlanCore
import CSV
import Foundation

/// Reads a roster file row by row: CSV streamed from disk, YAML parsed as one document.
///
/// A CSV roster is never held whole: the reader keeps one row at a time, so
/// a roster of any length runs in the same memory. A YAML roster is one
/// document and is parsed whole (its node tree, never the plans); use CSV for
/// very long rosters. Owns the open file, hence a class.
package final class RosterReader {
    private enum Source {
        case csv(CSVReader, RosterColumns)
        case yaml([YAMLValue])
    }

    private let path: String
    private let shard: RosterShard
    private var source: Source
    private var roster: Roster
    /// The number of the last row read (the CSV header is row 1).
    private var number: Int

    /// Opens `path`: `.csv` is CSV with a header row; `.yaml` and `.yml` are a YAML list of people.
    ///
    /// - Throws: `PublishError` when the file cannot be read or is neither format,
    ///   `InputError` at row 1 for a bad CSV header or a YAML roster that is not a list.
    package init(path: String, shard: RosterShard) throws {
        self.path = path
        self.shard = shard
        roster = Roster(file: path)
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv":
            let reader = try Self.openCSV(path)
            if let problem = Self.problem(reader.error) { throw PublishError(path: "\(path):1", problem: problem) }
            source = .csv(reader, try RosterColumns(header: reader.headerRow ?? [], file: path))
            number = 1
        case "yaml", "yml":
            source = .yaml(try Roster.items(yaml: try Inputs.readText(path, limit: Inputs.yamlRosterLimit), file: path))
            number = 0
        default:
            throw PublishError(path: path, problem: .invalid("a roster must be a .csv file with a header row or a .yaml list of people"))
        }
    }

    /// The next row of this shard that has something to report; nil at the end of the roster.
    ///
    /// - Throws: `PublishError` when the CSV stops being readable UTF-8 text.
    package func next() throws(PublishError) -> RosterRow? {
        while true {
            number += 1
            switch source {
            case let .csv(reader, columns):
                let cells = reader.next()
                if let problem = Self.problem(reader.error) { throw PublishError(path: "\(path):\(number)", problem: problem) }
                guard let cells else { return nil }
                // The header is row 1 of the file but not a data row.
                if let row = roster.row(number: number, cells: cells, columns: columns, selected: shard.contains(dataRow: number - 1)) {
                    return row
                }
            case .yaml(let items):
                guard number <= items.count else { return nil }
                if let row = roster.row(number: number, item: items[number - 1], selected: shard.contains(dataRow: number)) {
                    return row
                }
            }
        }
    }

    /// How many rows of this shard the roster has (blank rows left out), read in a first pass for the progress bar.
    static func count(path: String, shard: RosterShard) throws -> Int {
        let reader = try RosterReader(path: path, shard: shard)
        switch reader.source {
        case .yaml(let items):
            return (1...items.count + 1).dropLast().filter { shard.contains(dataRow: $0) }.count
        case let .csv(csv, columns):
            var count = 0
            var number = 1
            while let cells = csv.next() {
                number += 1
                if shard.contains(dataRow: number - 1), !columns.isBlank(cells) { count += 1 }
            }
            return count
        }
    }

    private static func openCSV(_ path: String) throws -> CSVReader {
        try Inputs.requireRegularFile(path)
        guard FileManager.default.isReadableFile(atPath: path), let stream = InputStream(fileAtPath: path) else {
            throw PublishError(path: path, problem: .cannotRead("no such file or not readable"))
        }
        do {
            return try CSVReader(stream: stream, hasHeaderRow: true)
        } catch CSVError.cannotReadHeaderRow {
            throw PublishError(path: path, problem: .invalid("the roster is empty; expected a header row naming the columns, such as name,minutes,areas"))
        } catch {
            throw PublishError(path: path, problem: .cannotRead("\(error)"))
        }
    }

    /// What a CSV reader's error means for the user; nil for none.
    ///
    /// The reader records `cannotReadFile` when it meets the end of the file,
    /// so that one is not a problem.
    private static func problem(_ error: (any Error)?) -> PublishError.Problem? {
        switch error as? CSVError {
        case .unicodeDecoding?: return .notUTF8
        case .streamErrorHasOccurred(let underlying)?: return .cannotRead(AtomicFile.reason(underlying))
        default: return nil
        }
    }
}
