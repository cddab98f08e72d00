import Foundation

/// What a person wants from a plan: the preferences file of SPEC, with defaults applied.
public struct Preferences: Equatable, Sendable {
    public enum Level: String, CaseIterable, Codable, Sendable { case beginner, intermediate }
    public enum Pain: String, CaseIterable, Codable, Sendable {
        case none, mild, moderate, severe

        /// The word for a 0-10 pain score (0 none, 1-3 mild, 4-6 moderate, 7-10 severe); nil outside 0...10.
        public init?(score: Int) {
            switch score {
            case 0: self = .none
            case 1...3: self = .mild
            case 4...6: self = .moderate
            case 7...10: self = .severe
            default: return nil
            }
        }
    }

    /// How training days were asked for.
    public enum Days: Equatable, Sendable {
        case named([Weekday])
        case perWeek(Int)
    }

    public var name: String = "You"
    public var email: String?
    /// The first day of week 1; nil means "next Monday", resolved by the caller who knows today.
    public var start: CivilDate?
    public var weeks: Int = 4
    public var days: Days = .perWeek(3)
    public var minutes: Int = 30
    public var areas: [Area] = Area.allCases
    public var equipment: [Equipment] = [.chair]
    public var floor: Bool = true
    public var level: Level = .beginner
    public var pain: Pain = .none
    public var recentInjury: Bool = false
    /// Local start time of sessions ("07:30"); nil gives all-day calendar events.
    public var time: LocalTime?
    /// IANA zone of `time`; nil means the machine's zone.
    public var timezone: String?
    /// Minutes before a session the calendar reminds; nil means the default.
    public var reminderMinutes: Int?
    /// Print at least 16 pt (as `--large-print`).
    public var largePrint: Bool = false
    /// The clinician's keys: move ids never to use, and ids to use wherever equipment, floor and pain allow.
    public var exclude: [String] = []
    public var include: [String] = []
    /// The clinician's note for the cover, as plain text on one paragraph.
    public var note: String?
    /// Who prescribed the plan ("Sam Lee, physiotherapist").
    public var clinician: String?
    /// When the clinician wants to see the person again.
    public var review: CivilDate?
    /// Where each key was written, for the checks that need the catalog or the start date.
    package var places = SourcePlaces()

    public init() {}

    public static let weeksRange = 1...12
    public static let minutesRange = 10...90
    public static let daysPerWeekRange = 1...7

    /// The training weekdays, in week order.
    public var trainingDays: [Weekday] {
        switch days {
        case .named(let days): return Array(Set(days)).sorted()
        case .perWeek(let count): return Preferences.spreadDays(count)
        }
    }

    /// Training days spread through the week: no two in a row where the count allows.
    public static func spreadDays(_ count: Int) -> [Weekday] {
        switch count {
        case ...1: return [.mon]
        case 2: return [.mon, .thu]
        case 3: return [.mon, .wed, .fri]
        case 4: return [.mon, .wed, .fri, .sun]
        case 5: return [.mon, .tue, .thu, .fri, .sat]
        case 6: return [.mon, .tue, .wed, .fri, .sat, .sun]
        default: return Weekday.allCases
        }
    }

    /// Every preference as `key=value` lines in a fixed order: what plan ids and UIDs are derived from.
    ///
    /// Written out by hand rather than through reflection, so ids stay the same
    /// across Swift versions.
    public var canonicalText: String {
        let days: String
        switch self.days {
        case .named(let named): days = "days=" + named.map(\.rawValue).joined(separator: ",")
        case .perWeek(let count): days = "days_per_week=\(count)"
        }
        // Keys added later are written only when set, so the ids of earlier plans stay as they were.
        return ([
            "name=\(name)", "email=\(email ?? "")", "start=\(start?.iso ?? "")", "weeks=\(weeks)", days,
            "minutes=\(minutes)", "areas=" + areas.map(\.rawValue).joined(separator: ","),
            "equipment=" + equipment.map(\.rawValue).joined(separator: ","), "floor=\(floor)", "level=\(level.rawValue)",
            "pain=\(pain.rawValue)", "recent_injury=\(recentInjury)", "time=\(time?.description ?? "")",
            "timezone=\(timezone ?? "")", "reminder_minutes=\(reminderMinutes.map(String.init) ?? "")",
        ] + (largePrint ? ["large_print=true"] : [])
          + (exclude.isEmpty ? [] : ["exclude=" + exclude.joined(separator: ",")])
          + (include.isEmpty ? [] : ["include=" + include.joined(separator: ",")])
          + [note.map { "note=\($0)" }, clinician.map { "clinician=\($0)" }, review.map { "review=\($0.iso)" }].compactMap { $0 }
        ).joined(separator: "\n")
    }

    /// The built-in example person, used when `plan` is given no file.
    public static let example: Preferences = {
        var person = Preferences()
        person.name = "Alex Doe"
        person.email = "alex@example.com"
        person.weeks = 4
        person.days = .named([.mon, .wed, .fri])
        person.minutes = 30
        person.areas = [.neck, .upperBack, .shoulders]
        person.equipment = [.resistanceBand, .chair]
        person.floor = true
        person.level = .beginner
        person.pain = .mild
        person.time = LocalTime(hour: 7, minute: 30)
        person.timezone = "Europe/Berlin"
        return person
    }()

    /// The example person as a preferences file, for the README and `--help`.
    public static let exampleYAML = """
        name: Alex Doe
        email: alex@example.com
        weeks: 4
        days: [mon, wed, fri]
        minutes: 30
        areas: [neck, upper-back, shoulders]
        equipment: [resistance-band, chair]
        floor: true
        level: beginner
        pain: mild
        time: "07:30"
        timezone: Europe/Berlin

        """
}

/// A wall-clock time of day ("07:30").
public struct LocalTime: Hashable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `H:MM` or `HH:MM`.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
