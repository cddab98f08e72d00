/// A calendar date without a time or zone (the "2026-11-30" of a preferences file).
///
/// Day arithmetic is done on days since 1970-01-01 with Howard Hinnant's civil
/// calendar algorithms, so the core needs no `Calendar` or current time.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or nil when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`: ten ASCII bytes, read in one pass (every roster row has one).
    public init?(iso text: String) {
        guard text.utf8.count == 10 else { return nil }
        var (year, month, day) = (0, 0, 0)
        for (offset, byte) in text.utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch offset {
            case ..<4: year = year * 10 + digit
            case ..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.year = year
        self.month = month
        self.day = day
    }

    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((daysSinceEpoch % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[index]
    }

    /// The first Monday strictly after this date ("next Monday").
    public var nextMonday: CivilDate {
        let offset = 7 - Weekday.allCases.firstIndex(of: weekday)!
        return adding(days: offset)
    }

    public var iso: String {
        guard (0...9999).contains(year) else {
            // Far outside any plan (a date counted from days): padded as the four-digit years are.
            func pad(_ n: Int, _ width: Int) -> String {
                let text = String(n)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        // Ten ASCII bytes written in place: every session's date is asked for in a plan's files.
        return String(unsafeUninitializedCapacity: 10) { bytes in
            func put(_ number: Int, digits: Int, at start: Int) {
                var rest = number
                for position in stride(from: start + digits - 1, through: start, by: -1) {
                    bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            return 10
        }
    }

    public var description: String { iso }

    /// "30 November 2026".
    public var longText: String {
        guard (1...9999).contains(year) else { return "\(day) \(monthName) \(year)" }
        return Self.written { $0.put(day); $0.put(monthName); $0.put(year) }
    }

    /// "Monday 30 November": a session's day as a plan's day lists head it.
    public var dayHeading: String {
        Self.written { $0.put(weekday.title); $0.put(day); $0.put(monthName) }
    }

    /// Words and numbers of at most 32 bytes in all, separated by spaces, written in place:
    /// a plan's files ask for its start, its end, each week's days and each session's day.
    private static func written(_ parts: (inout Words) -> Void) -> String {
        String(unsafeUninitializedCapacity: 32) { bytes in
            var words = Words(bytes: bytes)
            parts(&words)
            return words.count
        }
    }

    private struct Words {
        let bytes: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        init(bytes: UnsafeMutableBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func put(_ word: String) {
            separate()
            for byte in word.utf8 { bytes[count] = byte; count += 1 }
        }

        /// `number`, from 0 to 9999, in digits.
        mutating func put(_ number: Int) {
            separate()
            let digits = number < 10 ? 1 : number < 100 ? 2 : number < 1000 ? 3 : 4
            var rest = number
            for position in stride(from: count + digits - 1, through: count, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            count += digits
        }

        private mutating func separate() {
            if count > 0 { bytes[count] = UInt8(ascii: " "); count += 1 }
        }
    }

    /// "November".
    public var monthName: String { CivilDate.monthNames[month - 1] }

    /// "Mon 30 Nov".
    public var shortText: String { "\(weekday.shortTitle) \(day) \(CivilDate.monthNames[month - 1].prefix(3))" }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A day of the week, Monday first.
public enum Weekday: String, CaseIterable, Codable, Sendable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    public var title: String {
        switch self {
        case .mon: "Monday"
        case .tue: "Tuesday"
        case .wed: "Wednesday"
        case .thu: "Thursday"
        case .fri: "Friday"
        case .sat: "Saturday"
        case .sun: "Sunday"
        }
    }

    /// "Mon": the title's first three letters.
    public var shortTitle: String {
        switch self {
        case .mon: "Mon"
        case .tue: "Tue"
        case .wed: "Wed"
        case .thu: "Thu"
        case .fri: "Fri"
        case .sat: "Sat"
        case .sun: "Sun"
        }
    }

    public var index: Int { Weekday.allCases.firstIndex(of: self)! }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.index < b.index }
}
