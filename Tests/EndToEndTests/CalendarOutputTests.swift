import Foundation
import Testing

/// `plan.ics` as a calendar program reads it: parsed with Python's `icalendar`.
@Suite("plan.ics, read by a real iCalendar parser", .enabled(if: PythonInspector.available("icalendar"),
       "needs python3 with the icalendar module; `make test-deps` installs it"))
struct CalendarOutputTests {
    /// A timed plan across a daylight-saving change, and the UTC start expected for each training day.
    struct ZoneCase: Sendable, CustomTestStringConvertible {
        var zone: String
        var start: String
        var utcStarts: [String]
        var testDescription: String { "\(zone) from \(start)" }
    }

    static let zoneCases = [
        // Berlin leaves summer time on Sunday 25 October 2026 at 03:00 local.
        ZoneCase(zone: "Europe/Berlin", start: "2026-10-19", utcStarts: [
            "2026-10-19T05:30:00+00:00", "2026-10-21T05:30:00+00:00", "2026-10-23T05:30:00+00:00", "2026-10-25T06:30:00+00:00",
            "2026-10-26T06:30:00+00:00", "2026-10-28T06:30:00+00:00", "2026-10-30T06:30:00+00:00", "2026-11-01T06:30:00+00:00",
        ]),
        // New York starts summer time on Sunday 8 March 2026 at 02:00 local.
        ZoneCase(zone: "America/New_York", start: "2026-03-02", utcStarts: [
            "2026-03-02T12:30:00+00:00", "2026-03-04T12:30:00+00:00", "2026-03-06T12:30:00+00:00", "2026-03-08T11:30:00+00:00",
            "2026-03-09T11:30:00+00:00", "2026-03-11T11:30:00+00:00", "2026-03-13T11:30:00+00:00", "2026-03-15T11:30:00+00:00",
        ]),
    ]

    @Test("plan writes plan.ics by default, one event per training day with its routine")
    func oneEventPerTrainingDay() throws {
        let scratch = try ScratchFolder()
        try scratch.write("prefs.yaml", "name: Alex Doe\nstart: 2026-11-30\nweeks: 2\ndays: [mon, wed, fri]\n")
        let result = try Backplan.run(["plan", "prefs.yaml", "--output", "out"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        #expect(scratch.files() == ["out/plan.html", "out/plan.ics", "out/plan.json", "out/plan.md", "prefs.yaml"])
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        let sessions = try Self.sessions(in: scratch, "out/plan.json")
        #expect(calendar.version == "2.0")
        #expect(calendar.prodid.contains("BackPlan"))
        #expect(calendar.method == "PUBLISH")
        #expect(calendar.events.map(\.start.local) == sessions.map { $0["date"] as? String ?? "" })
        #expect(calendar.events.allSatisfy { $0.start.allDay && $0.summary == "Back plan for Alex Doe" && $0.alarms.isEmpty })
        #expect(calendar.events.map { $0.end?.local } == ["2026-12-01", "2026-12-03", "2026-12-05", "2026-12-08", "2026-12-10", "2026-12-12"])
        #expect(Set(calendar.events.map(\.uid)).count == calendar.events.count)
        #expect(calendar.events.allSatisfy { $0.dtstamp == "2026-11-27T09:15:07+00:00" }, "SOURCE_DATE_EPOCH")
        for (event, session) in zip(calendar.events, sessions) {
            let items = (session["blocks"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }
            let moveLines = event.description.split(separator: "\n").filter { $0.hasPrefix("- ") }
            #expect(moveLines.count == items.count + 1, "one line per move plus the cardio: \(event.description)")
            #expect(event.description.contains("minutes of light cardio"))
            #expect(event.description.hasSuffix("Stop and see a healthcare professional if your pain gets worse."))
        }
        #expect(calendar.maxLineOctets <= 75)
        #expect(calendar.bareLf == 0)
        #expect(calendar.endsWithCrlf)
    }

    @Test("timed events keep their local time across a daylight-saving change", arguments: zoneCases)
    func daylightSaving(_ zoneCase: ZoneCase) throws {
        let scratch = try ScratchFolder()
        try scratch.write("prefs.yaml", """
            name: Sam
            start: \(zoneCase.start)
            weeks: 2
            days: [mon, wed, fri, sun]
            time: "07:30"
            timezone: \(zoneCase.zone)
            """)
        let result = try Backplan.run(["plan", "prefs.yaml", "--output", "out", "--format", "ics,json"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        let sessions = try Self.sessions(in: scratch, "out/plan.json")
        #expect(calendar.timezones == [zoneCase.zone])
        #expect(calendar.events.map(\.tzid) == Array(repeating: zoneCase.zone, count: zoneCase.utcStarts.count))
        #expect(calendar.events.map(\.start.utc) == zoneCase.utcStarts)
        #expect(calendar.events.map(\.utcByVtimezone) == zoneCase.utcStarts, "the file's own VTIMEZONE must agree")
        #expect(calendar.events.allSatisfy { $0.start.local.contains("T07:30:00") })
        #expect(calendar.events.map(\.durationSeconds) == sessions.map { ($0["estimated_minutes"] as? Double).map { Int($0 * 60) } })
        #expect(calendar.events.allSatisfy { $0.alarms == ["-PT30M"] && $0.alarmActions == ["DISPLAY"] })
    }

    @Test("reminder_minutes sets the alarm, and UTC times need no VTIMEZONE")
    func reminderAndUTC() throws {
        let scratch = try ScratchFolder()
        try scratch.write("prefs.yaml", "name: Sam\nstart: 2026-11-30\nweeks: 1\ntime: \"18:05\"\ntimezone: UTC\nreminder_minutes: 90\n")
        let result = try Backplan.run(["plan", "prefs.yaml", "--output", "out", "--format", "ics"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        #expect(calendar.timezones.isEmpty)
        #expect(calendar.events.map(\.start.utc) == ["2026-11-30T18:05:00+00:00", "2026-12-02T18:05:00+00:00", "2026-12-04T18:05:00+00:00"])
        #expect(calendar.events.allSatisfy { $0.alarms == ["-PT1H30M"] })
    }

    @Test("with a time and no timezone, events are floating local times, whatever the machine's zone",
          .enabled(if: PythonInspector.available("icalendar"), "needs python3 and icalendar"), arguments: ["America/New_York", "Asia/Tokyo"])
    func floatingTime(machineZone: String) throws {
        let scratch = try ScratchFolder()
        try scratch.write("prefs.yaml", "name: Sam\nstart: 2026-11-30\nweeks: 1\ndays: [mon, wed, fri]\ntime: \"07:30\"\n")
        let result = try Backplan.run(["plan", "prefs.yaml", "--output", "out", "--format", "ics"], in: scratch.url,
                                      environment: ["TZ": machineZone])
        try #require(result.status == 0, "\(result.stderr)")
        let text = try scratch.read("out/plan.ics")
        #expect(text.contains("DTSTART:20261130T073000\r\n"), "RFC 5545 form 1: no Z, no TZID")
        #expect(!text.contains("TZID") && !text.contains("VTIMEZONE"))
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        #expect(calendar.timezones.isEmpty)
        #expect(calendar.events.map(\.start) == ["2026-11-30", "2026-12-02", "2026-12-04"].map {
            CalendarReport.Moment(local: "\($0)T07:30:00", utc: nil, allDay: false)
        }, "icalendar reads naive local times")
        #expect(calendar.events.allSatisfy { $0.tzid == nil && $0.alarms == ["-PT30M"] })
    }

    @Test("UIDs stay the same for the same person and start, and differ otherwise")
    func stableUIDs() throws {
        let scratch = try ScratchFolder()
        let base = "start: 2026-11-30\nweeks: 1\ndays: [mon, wed, fri]\n"
        try scratch.write("alex.yaml", "name: Alex Doe\n" + base)
        try scratch.write("alex-longer.yaml", "name: Alex Doe\nminutes: 45\n" + base)
        try scratch.write("sam.yaml", "name: Sam Roe\n" + base)
        for (file, folder) in [("alex.yaml", "a1"), ("alex.yaml", "a2"), ("alex-longer.yaml", "a3"), ("sam.yaml", "s")] {
            let result = try Backplan.run(["plan", file, "--output", folder, "--format", "ics"], in: scratch.url)
            try #require(result.status == 0, "\(result.stderr)")
        }
        #expect(try scratch.read("a1/plan.ics") == scratch.read("a2/plan.ics"), "two runs give byte-identical files")
        let uids = try ["a1", "a3", "s"].map { try PythonInspector.calendar(scratch.url.appendingPathComponent("\($0)/plan.ics")).events.map(\.uid) }
        #expect(uids[0] == uids[1], "a changed plan for the same person and start updates the same events")
        #expect(Set(uids[0]).isDisjoint(with: uids[2]), "another person's events never collide")
    }

    @Test("a changed plan written again over plan.ics keeps its UIDs and counts SEQUENCE up; an unchanged one keeps it")
    func sequenceGrows() throws {
        let scratch = try ScratchFolder()
        let base = "name: Alex Doe\nstart: 2026-11-30\nweeks: 1\ndays: [mon, wed, fri]\n"
        let runs = [("", 0), ("", 0), ("minutes: 45\n", 1), ("minutes: 45\n", 1), ("minutes: 20\n", 2)]
        var uids: [[String]] = []
        for (index, (extra, sequence)) in runs.enumerated() {
            try scratch.write("alex.yaml", base + extra)
            let previous = scratch.exists("out/plan.ics") ? try scratch.read("out/plan.ics") : nil
            let result = try Backplan.run(["plan", "alex.yaml", "--output", "out", "--format", "ics"], in: scratch.url)
            try #require(result.status == 0, "\(result.stderr)")
            let text = try scratch.read("out/plan.ics")
            let sequences = text.split(separator: "\r\n").filter { $0.hasPrefix("SEQUENCE:") }
            #expect(sequences.count == 3 && sequences.allSatisfy { $0 == "SEQUENCE:\(sequence)" }, "run \(index + 1): \(sequences)")
            if index == 1 || index == 3 { #expect(text == previous, "run \(index + 1): the same plan again gives the same bytes") }
            uids.append(text.split(separator: "\r\n").filter { $0.hasPrefix("UID:") }.map(String.init))
        }
        #expect(Set(uids.map { $0.joined() }).count == 1, "every run updates the same events")
    }

    @Test("long lines with multi-byte text fold at 75 octets and unfold to the same text")
    func foldingMultiByte() throws {
        let scratch = try ScratchFolder()
        let name = "Zoë Müller-Łęcka, 山田 太郎; \\ 🧘🏽‍♀️ Ærøskøbing Ünïcödé Ḉḩâṙṩ ꙮꙮꙮ 東京都 ŻŹŚĆ"
        try scratch.write("prefs.yaml", "name: \"\(name.replacingOccurrences(of: "\\", with: "\\\\"))\"\nstart: 2026-11-30\nweeks: 1\n")
        let result = try Backplan.run(["plan", "prefs.yaml", "--output", "out", "--format", "ics"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let raw = try Data(contentsOf: scratch.url.appendingPathComponent("out/plan.ics"))
        let lines = raw.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.contains { $0.count > 60 && $0.contains { $0 >= 0x80 } }, "the test needs folded multi-byte lines")
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        #expect(calendar.maxLineOctets <= 75)
        #expect(calendar.validUtf8Lines, "no line may end or start inside a UTF-8 character")
        #expect(calendar.events.allSatisfy { $0.summary == "Back plan for \(name)" })
    }

    @Test("a plan with no exercises has one all-day event saying to see a professional")
    func noExercisePlan() throws {
        let scratch = try ScratchFolder()
        try scratch.write("prefs.yaml", "name: Sam\nstart: 2026-11-30\npain: severe\ntime: \"07:30\"\ntimezone: Europe/Berlin\n")
        let result = try Backplan.run(["plan", "prefs.yaml", "--output", "out", "--format", "ics"], in: scratch.url)
        try #require(result.status == 0, "\(result.stderr)")
        let calendar = try PythonInspector.calendar(scratch.url.appendingPathComponent("out/plan.ics"))
        try #require(calendar.events.count == 1)
        #expect(calendar.events[0].start == .init(local: "2026-11-30", utc: nil, allDay: true))
        #expect(calendar.events[0].summary == "Back plan for Sam: see a healthcare professional first")
        #expect(calendar.events[0].description.contains("healthcare professional"))
    }

    /// The sessions of a `plan.json`, in date order.
    static func sessions(in scratch: ScratchFolder, _ path: String) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.read(path).utf8)) as? [String: Any])
        let weeks = try #require(json["weeks"] as? [[String: Any]])
        return weeks.flatMap { $0["sessions"] as? [[String: Any]] ?? [] }
    }
}
