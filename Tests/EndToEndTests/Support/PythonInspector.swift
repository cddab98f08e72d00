import Foundation
import Testing

/// Reads BackPlan's output with real parsers: Python's `email` and `icalendar`, through `Tests/Scripts/inspect_output.py`.
///
/// Tests that need it are enabled only when `python3` and the modules are
/// present, so a machine without them skips with the reason instead of failing.
enum PythonInspector {
    static let script = Backplan.packageRoot.appendingPathComponent("Tests/Scripts/inspect_output.py")

    /// Whether `python3` can import every module (`make test-deps` installs them).
    static func available(_ modules: String...) -> Bool {
        guard toolExists("python3"), let result = try? run(["check"] + modules) else { return false }
        return result.status == 0
    }

    /// What `icalendar` read from a `plan.ics`.
    static func calendar(_ file: URL) throws -> CalendarReport {
        try decode(CalendarReport.self, ["ics", file.path])
    }

    /// What the `email` package read from a `.eml`.
    static func message(_ file: URL) throws -> MessageReport {
        try decode(MessageReport.self, ["eml", file.path])
    }

    private static func decode<Report: Decodable>(_ type: Report.Type, _ arguments: [String]) throws -> Report {
        let result = try run(arguments)
        try #require(result.status == 0, "inspect_output.py \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Report.self, from: Data(result.stdout.utf8))
    }

    private static func run(_ arguments: [String]) throws -> Backplan.Result {
        try ChildProcess.run(tool: "python3", [script.path] + arguments)
    }
}

/// A calendar as `icalendar` parsed it.
struct CalendarReport: Decodable {
    struct Moment: Decodable, Equatable {
        var local: String
        var utc: String?
        var allDay: Bool
    }

    struct Event: Decodable {
        var uid: String
        var summary: String
        var description: String
        var dtstamp: String
        var start: Moment
        var end: Moment?
        var tzid: String?
        var alarms: [String]
        var alarmActions: [String]
        var durationSeconds: Int?
        /// The start's UTC instant computed from the file's own VTIMEZONE.
        var utcByVtimezone: String?
    }

    var version: String
    var prodid: String
    var method: String
    var timezones: [String]
    var events: [Event]
    var maxLineOctets: Int
    var bareLf: Int
    var endsWithCrlf: Bool
    var validUtf8Lines: Bool
}

/// A message as Python's `email` package (policy `default`) parsed it.
struct MessageReport: Decodable {
    struct Address: Decodable, Equatable {
        var name: String
        var address: String
    }

    struct Part: Decodable {
        var type: String
        var params: [String: String]?
        var parts: [Part]?
        var encoding: String?
        var disposition: String?
        var filename: String?
        var text: String?
        /// The decoded bytes of a calendar part, base64, to compare with plan.ics byte for byte.
        var contentBase64: String?
        /// The Content-ID header as written, with its angle brackets.
        var contentId: String?
        /// An image part: whether it is a PNG (signature and IHDR), and the size its IHDR gives.
        var png: Bool?
        var pngWidth: Int?
        var pngHeight: Int?

        /// Content types of the tree, depth first: "multipart/mixed(multipart/alternative(text/plain,text/html),text/calendar)".
        var shape: String {
            guard let parts else { return type }
            return "\(type)(\(parts.map(\.shape).joined(separator: ",")))"
        }

        /// Every leaf of this content type, depth first.
        func leaves(_ type: String) -> [Part] {
            guard let parts else { return self.type == type ? [self] : [] }
            return parts.flatMap { $0.leaves(type) }
        }

        /// The first leaf of this content type.
        func leaf(_ type: String) -> Part? {
            if parts == nil { return self.type == type ? self : nil }
            return parts?.lazy.compactMap { $0.leaf(type) }.first
        }
    }

    var headers: [String: String?]
    var addresses: [String: [Address]]
    var rawHeaders: String
    var headerAscii: Bool
    var bodyAscii: Bool
    var defects: [String]
    var dateParsed: String?
    var tree: Part
    var maxLineOctets: Int
    var bareLf: Int
}
