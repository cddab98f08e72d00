import Foundation
import Yams

extension Preferences {
    /// Every key a preferences file may have, in the order of SPEC.
    public static let keys = [
        "name", "email", "start", "weeks", "days", "days_per_week", "minutes", "areas", "equipment", "floor",
        "level", "pain", "recent_injury", "time", "timezone", "reminder_minutes", "large_print",
        "exclude", "include", "note", "clinician", "review",
    ]

    /// Parses a preferences file; absent keys keep their defaults.
    ///
    /// - Throws: `InputError` naming the file, line, key and allowed values.
    public init(yaml text: String, file: String) throws(InputError) {
        let root = try YAMLValue.parse(text, file: file)
        self.init()
        try apply(root.mapping(allowed: Self.keys))
    }

    /// Parses preferences from UTF-8 bytes, rejecting anything that is not UTF-8.
    public init(data: Data, file: String) throws(InputError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, line: 1, problem: .notUTF8)
        }
        try self.init(yaml: text, file: file)
    }

    /// Applies key/value pairs (from a file, or a roster row turned into YAML nodes).
    package mutating func apply(_ entries: [(String, YAMLValue)]) throws(InputError) {
        var namedDays: YAMLValue?
        var perWeek: YAMLValue?
        for (key, value) in entries {
            places.record(key, file: value.file, line: value.line, column: value.column)
            switch key {
            case "name": name = try Self.name(value)
            case "email": email = try Self.email(value)
            case "start":
                let text = try value.string()
                guard let date = CivilDate(iso: text) else { throw value.error(.invalidDate(text)) }
                guard (1900...9000).contains(date.year) else {
                    throw value.error(.outOfRange(text, range: "1900-01-01..9000-12-31"))
                }
                start = date
            case "weeks": weeks = try value.int(in: Self.weeksRange)
            case "days":
                namedDays = value
                days = .named(try Self.weekdays(value))
            case "days_per_week":
                perWeek = value
                days = .perWeek(try value.int(in: Self.daysPerWeekRange))
            case "minutes": minutes = try value.int(in: Self.minutesRange)
            case "areas": areas = try Self.distinct(value, Area.self, allowEmpty: false)
            case "equipment": equipment = try Self.distinct(value, Equipment.self, allowEmpty: true, synonyms: Equipment.synonyms)
            case "floor": floor = try value.bool()
            case "level": level = try value.choice(Level.self)
            case "pain": pain = try Self.pain(value)
            case "recent_injury": recentInjury = try value.bool()
            case "large_print": largePrint = try value.bool()
            case "time":
                let text = try value.string()
                guard let parsed = LocalTime(text: text) else {
                    throw value.error(.invalid("'\(text)' is not a time of day; expected HH:MM in 24-hour form, such as \"07:30\""))
                }
                time = parsed
            case "timezone":
                let text = try value.string()
                guard TimeZone(identifier: text) != nil, text.contains("/") || text == "UTC" else {
                    throw value.error(.invalid("'\(text)' is not a known time zone; expected an IANA name such as Europe/Berlin or America/New_York"))
                }
                timezone = text
            case "reminder_minutes": reminderMinutes = try value.int(in: 0...10080)
            case "exclude": exclude = try moveIDs(value)
            case "include": include = try moveIDs(value)
            case "note": note = try Self.text(value, what: "note", limit: 1000, lines: true)
            case "clinician": clinician = try Self.text(value, what: "clinician", limit: 100, lines: false)
            case "review":
                let text = try value.string()
                guard let date = CivilDate(iso: text) else { throw value.error(.invalidDate(text)) }
                review = date
            default:
                preconditionFailure("unhandled preferences key \(key)")
            }
        }
        if let both = include.first(where: exclude.contains) {
            throw places.error(key: "include", .invalid("'\(both)' is in both 'include' and 'exclude'; keep it in one"))
        }
        if let namedDays, perWeek != nil {
            throw namedDays.error(.invalid("give either 'days' or 'days_per_week', not both"))
        }
    }

    /// Move ids as written, each item's place recorded: whether they exist is checked against the catalog later.
    private mutating func moveIDs(_ value: YAMLValue) throws(InputError) -> [String] {
        var ids: [String] = []
        for (index, item) in try value.list().enumerated() {
            let id = Whitespace.trimmed(try item.string())
            if ids.contains(id) { throw item.error(.invalid("'\(id)' is listed twice")) }
            places.record("\(value.key)[\(index + 1)]", file: item.file, line: item.line, column: item.column)
            ids.append(id)
        }
        return ids
    }

    /// Free text for the cover: trimmed, runs of white space made one space, no control characters.
    private static func text(_ value: YAMLValue, what: String, limit: Int, lines: Bool) throws(InputError) -> String {
        let raw = try value.string()
        if !lines && raw.contains(where: \.isNewline) {
            throw value.error(.invalid("the \(what) contains a line break; write it on one line"))
        }
        let words = raw.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let text = words.joined(separator: " ")
        if text.isEmpty { throw value.error(.invalid("the \(what) is empty; leave the key out instead")) }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw value.error(.invalid("the \(what) contains a control character"))
        }
        if text.count > limit { throw value.error(.invalid("the \(what) is longer than \(limit) characters")) }
        return text
    }

    private static func name(_ value: YAMLValue) throws(InputError) -> String {
        let text: String
        if case .scalar(let scalar) = value.node { text = scalar.string } else { text = try value.string() }
        let trimmed = Whitespace.trimmed(text)
        if trimmed.isEmpty { throw value.error(.invalid("the name is empty; write the name to show on the plan")) }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw value.error(.invalid("the name contains a line break or control character; write it on one line"))
        }
        if trimmed.count > 100 { throw value.error(.invalid("the name is longer than 100 characters")) }
        return trimmed
    }

    private static func email(_ value: YAMLValue) throws(InputError) -> String {
        let text = Whitespace.trimmed(try value.string())
        guard EmailAddress.isValid(text) else {
            throw value.error(.invalid("'\(text)' is not an email address; expected something like alex@example.com"))
        }
        return text
    }

    private static func weekdays(_ value: YAMLValue) throws(InputError) -> [Weekday] {
        let items = try value.list()
        if items.isEmpty { throw value.error(.wrongType(expected: "a list of days such as [mon, wed, fri]", found: "an empty list")) }
        var days: [Weekday] = []
        for item in items {
            let text = try item.string()
            let key = text.lowercased()
            let day = Weekday(rawValue: key) ?? Weekday.allCases.first { $0.title.lowercased() == key }
            guard let day else {
                let allowed = Weekday.allCases.map(\.rawValue)
                let names = allowed + Weekday.allCases.map { $0.title.lowercased() }
                let suggestion = Suggestion.closest(to: key, in: names).map { String($0.prefix(3)) }
                throw item.error(.badValue(text, allowed: allowed, suggestion: suggestion))
            }
            if days.contains(day) { throw item.error(.invalid("'\(text)' is listed twice")) }
            days.append(day)
        }
        return days
    }

    /// `pain` as a word; a number gets a hint, since people often rate pain from 0 to 10.
    private static func pain(_ value: YAMLValue) throws(InputError) -> Pain {
        let text = Whitespace.trimmed(try value.string())
        if Pain(rawValue: text) == nil, Double(text) != nil { throw value.error(.painScore(text)) }
        return try value.choice(Pain.self)
    }

    private static func distinct<Choice: RawRepresentable & CaseIterable & Equatable>(
        _ value: YAMLValue, _ type: Choice.Type, allowEmpty: Bool, synonyms: [String: Choice] = [:]
    ) throws(InputError) -> [Choice] where Choice.RawValue == String {
        let items = try value.list()
        if items.isEmpty && !allowEmpty {
            throw value.error(.wrongType(expected: "a list with at least one of: " + Choice.allCases.map(\.rawValue).joined(separator: ", "), found: "an empty list"))
        }
        var result: [Choice] = []
        for item in items {
            let choice = try item.choice(type, synonyms: synonyms)
            if result.contains(choice) { throw item.error(.invalid("'\(choice.rawValue)' is listed twice")) }
            result.append(choice)
        }
        return result
    }
}
