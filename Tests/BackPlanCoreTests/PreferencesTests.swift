import Foundation
import Testing

@testable import BackPlanCore

@Suite("Preferences")
struct PreferencesTests {
    @Test("a full file is read key by key")
    func full() throws {
        let person = try Preferences(yaml: """
            name: Alex Doe
            email: alex@example.com
            start: 2026-11-30
            weeks: 6
            days: [mon, wed, fri]
            minutes: 45
            areas: [neck, upper-back]
            equipment: [resistance-band]
            floor: false
            level: intermediate
            pain: mild
            recent_injury: false
            time: "07:30"
            timezone: Europe/Berlin
            reminder_minutes: 15
            """, file: "alex.yaml")
        #expect(person.name == "Alex Doe")
        #expect(person.email == "alex@example.com")
        #expect(person.start == CivilDate(iso: "2026-11-30"))
        #expect(person.weeks == 6)
        #expect(person.trainingDays == [.mon, .wed, .fri])
        #expect(person.minutes == 45)
        #expect(person.areas == [.neck, .upperBack])
        #expect(person.equipment == [.resistanceBand])
        #expect(person.floor == false)
        #expect(person.level == .intermediate)
        #expect(person.pain == .mild)
        #expect(person.time?.description == "07:30")
        #expect(person.timezone == "Europe/Berlin")
        #expect(person.reminderMinutes == 15)
    }

    @Test("absent keys take the spec's defaults")
    func defaults() throws {
        let person = try Preferences(yaml: "name: Sam\n", file: "sam.yaml")
        #expect(person.start == nil)
        #expect(person.weeks == 4)
        #expect(person.trainingDays == [.mon, .wed, .fri])
        #expect(person.minutes == 30)
        #expect(person.areas == Area.allCases)
        #expect(person.equipment == [.chair])
        #expect(person.floor)
        #expect(person.level == .beginner)
        #expect(person.pain == Preferences.Pain.none)
        #expect(!person.recentInjury)
        #expect(try Preferences(yaml: "weeks: 2\n", file: "x").name == "You")
        #expect(try Preferences(yaml: "equipment: []\n", file: "x").equipment == [])
    }

    @Test("days_per_week spreads the days out", arguments: zip(1...7, [
        "mon", "mon thu", "mon wed fri", "mon wed fri sun", "mon tue thu fri sat", "mon tue wed fri sat sun", "mon tue wed thu fri sat sun",
    ]))
    func spread(count: Int, expected: String) throws {
        let person = try Preferences(yaml: "days_per_week: \(count)\n", file: "x")
        #expect(person.trainingDays.map(\.rawValue).joined(separator: " ") == expected)
    }

    @Test("next Monday is the first Monday after today", arguments: zip(
        ["2026-11-25", "2026-11-29", "2026-11-30", "2026-12-31"], ["2026-11-30", "2026-11-30", "2026-12-07", "2027-01-04"]))
    func nextMonday(today: String, expected: String) {
        #expect(CivilDate(iso: today)!.nextMonday.iso == expected)
    }

    static let badInputs: [(String, String, String)] = [
        ("unknown key", "name: A\nfavourite_colour: red\n", "p.yaml:2:1: favourite_colour: unknown key; allowed keys: name, email, start, weeks, days, days_per_week, minutes, areas, equipment, floor, level, pain, recent_injury, time, timezone, reminder_minutes"),
        ("misspelt key", "minuets: 30\n", "p.yaml:1:1: minuets: unknown key (did you mean 'minutes'?)"),
        ("wrong type: text for a number", "minutes: thirty\n", "p.yaml:1:10: minutes: expected a whole number in 10..90, found 'thirty'"),
        ("wrong type: quoted number", "weeks: \"4\"\n", "p.yaml:1:8: weeks: expected a whole number in 1..12 without quotes, found the text \"4\" in quotes"),
        ("wrong type: quoted flag", "floor: \"false\"\n", "p.yaml:1:8: floor: expected true or false without quotes, found the text \"false\" in quotes"),
        ("wrong type: list for a flag", "floor: [yes]\n", "p.yaml:1:8: floor: expected true or false, found a list"),
        ("wrong type: mapping for a name", "name: {first: A}\n", "p.yaml:1:7: name: expected text, found a mapping"),
        ("out of range minutes", "minutes: 500\n", "p.yaml:1:10: minutes: 500 is out of range 10..90"),
        ("out of range weeks", "weeks: 0\n", "p.yaml:1:8: weeks: 0 is out of range 1..12"),
        ("out of range days_per_week", "days_per_week: 8\n", "p.yaml:1:16: days_per_week: 8 is out of range 1..7"),
        ("unknown area", "areas: [neck, knees]\n", "p.yaml:1:15: areas[2]: 'knees' is not allowed; expected one of: neck, shoulders, upper-back, mid-back, lower-back, chest"),
        ("misspelt area", "areas: [uper-back]\n", "p.yaml:1:9: areas[1]: 'uper-back' is not allowed (did you mean 'upper-back'?)"),
        ("unknown equipment", "equipment: [kettlebell]\n", "p.yaml:1:13: equipment[1]: 'kettlebell' is not allowed; expected one of: resistance-band, dumbbells, foam-roller, chair"),
        ("unknown day", "days: [mon, funday]\n", "p.yaml:1:13: days[2]: 'funday' is not allowed (did you mean 'sun'?); expected one of: mon, tue, wed, thu, fri, sat, sun"),
        ("a day twice", "days: [mon, mon]\n", "p.yaml:1:13: days[2]: 'mon' is listed twice"),
        ("days and days_per_week", "days: [mon]\ndays_per_week: 2\n", "p.yaml:1:7: days: give either 'days' or 'days_per_week', not both"),
        ("unknown level", "level: expert\n", "p.yaml:1:8: level: 'expert' is not allowed; expected one of: beginner, intermediate"),
        ("unknown pain", "pain: high\n", "p.yaml:1:7: pain: 'high' is not allowed; expected one of: none, mild, moderate, severe"),
        ("impossible date", "start: 2026-02-30\n", "p.yaml:1:8: start: '2026-02-30' is not a date; expected YYYY-MM-DD"),
        ("not a date", "start: next week\n", "p.yaml:1:8: start: 'next week' is not a date"),
        ("bad time", "time: \"25:00\"\n", "p.yaml:1:7: time: '25:00' is not a time of day; expected HH:MM"),
        ("unknown timezone", "timezone: Mars/Olympus\n", "p.yaml:1:11: timezone: 'Mars/Olympus' is not a known time zone"),
        ("bad email", "email: alex-at-example\n", "p.yaml:1:8: email: 'alex-at-example' is not an email address"),
        ("empty areas", "areas: []\n", "p.yaml:1:8: areas: expected a list with at least one of"),
        ("a name with a line break", "name: \"A\\nBcc: x@y.z\"\n", "p.yaml:1:7: name: the name contains a line break"),
        ("malformed YAML", "name: [A\n", "p.yaml:2:1: not valid YAML"),
        ("an empty file", "", "p.yaml:1: the file is empty; expected a mapping of keys such as 'name:'"),
        ("only a comment", "# nothing\n", "p.yaml:1: the file is empty"),
        ("a top-level list", "- name: A\n", "p.yaml:1:1: expected a mapping of keys, found a list"),
        ("a top-level scalar", "just text\n", "p.yaml:1:1: expected a mapping of keys, found 'just text'"),
    ]

    @Test("bad input names the file, line, key and what is allowed", arguments: badInputs)
    func bad(name: String, yaml: String, expected: String) {
        #expect {
            try Preferences(yaml: yaml, file: "p.yaml")
        } throws: { error in
            String(describing: error).hasPrefix(expected) || String(describing: error).contains(expected)
        }
    }

    @Test("hints: a pain score maps to its word, everyday equipment names get a did-you-mean", arguments: zip([
        "pain: 7\n",
        "pain: 0\n",
        "pain: \"3\"\n",
        "pain: 5.5\n",
        "equipment: [band]\n",
        "equipment: [roller]\n",
        "equipment: [foam roller]\n",
        "equipment: [chair, weights]\n",
        "equipment: [dumbbell]\n",
        "equipment: [Resistance Band]\n",
    ], [
        "p.yaml:1:7: pain: '7' is a number; pain is none, mild, moderate or severe (from a 0-10 score: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe; 7 is severe)",
        "p.yaml:1:7: pain: '0' is a number; pain is none, mild, moderate or severe (from a 0-10 score: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe; 0 is none)",
        "p.yaml:1:7: pain: '3' is a number; pain is none, mild, moderate or severe (from a 0-10 score: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe; 3 is mild)",
        "p.yaml:1:7: pain: '5.5' is a number; pain is none, mild, moderate or severe (from a 0-10 score: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe)",
        "p.yaml:1:13: equipment[1]: 'band' is not allowed (did you mean 'resistance-band'?); expected one of: resistance-band, dumbbells, foam-roller, chair",
        "p.yaml:1:13: equipment[1]: 'roller' is not allowed (did you mean 'foam-roller'?); expected one of: resistance-band, dumbbells, foam-roller, chair",
        "p.yaml:1:13: equipment[1]: 'foam roller' is not allowed (did you mean 'foam-roller'?); expected one of: resistance-band, dumbbells, foam-roller, chair",
        "p.yaml:1:20: equipment[2]: 'weights' is not allowed (did you mean 'dumbbells'?); expected one of: resistance-band, dumbbells, foam-roller, chair",
        "p.yaml:1:13: equipment[1]: 'dumbbell' is not allowed (did you mean 'dumbbells'?); expected one of: resistance-band, dumbbells, foam-roller, chair",
        "p.yaml:1:13: equipment[1]: 'Resistance Band' is not allowed (did you mean 'resistance-band'?); expected one of: resistance-band, dumbbells, foam-roller, chair",
    ]))
    func hints(yaml: String, expected: String) {
        #expect {
            try Preferences(yaml: "name: A\n" + yaml, file: "p.yaml")
        } throws: { error in
            String(describing: error) == expected.replacingOccurrences(of: "p.yaml:1:", with: "p.yaml:2:")
        }
    }

    @Test("non-UTF-8 bytes are rejected")
    func notUTF8() {
        #expect {
            try Preferences(data: Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]), file: "p.yaml")
        } throws: { error in
            String(describing: error) == "p.yaml:1: the file is not UTF-8 text"
        }
    }
}
