@testable import BackPlanCore

/// Random but reproducible preferences for property tests.
struct RandomPreferences {
    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func chance(_ probability: Double) -> Bool { generator.unit() < probability }

    mutating func subset<T>(_ all: [T], allowEmpty: Bool) -> [T] {
        while true {
            let picked = all.filter { _ in chance(0.5) }
            if allowEmpty || !picked.isEmpty { return picked }
        }
    }

    mutating func next() -> (Preferences, CivilDate, UInt64) {
        var person = Preferences()
        person.name = "Person \(int(1...9999))"
        person.weeks = chance(0.7) ? int(1...4) : int(5...12)
        person.days = chance(0.5) ? .perWeek(int(1...7)) : .named(subset(Weekday.allCases, allowEmpty: false))
        person.minutes = int(10...90)
        person.areas = subset(Area.allCases, allowEmpty: false)
        person.equipment = subset(Equipment.allCases, allowEmpty: true)
        person.floor = chance(0.7)
        person.level = chance(0.5) ? .beginner : .intermediate
        let pain = generator.unit()
        person.pain = pain < 0.3 ? .none : pain < 0.7 ? .mild : pain < 0.9 ? .moderate : .severe
        person.recentInjury = chance(0.05)
        // The clinician's keys: a few ids to leave out and a few to insist on, never the same one.
        let ids = Catalog.builtIn.moves.map(\.id)
        if chance(0.4) { person.exclude = (0..<int(1...4)).map { _ in ids[int(0...ids.count - 1)] }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
        if chance(0.4) {
            person.include = (0..<int(1...3)).map { _ in ids[int(0...ids.count - 1)] }
                .reduce(into: []) { if !$0.contains($1) && !person.exclude.contains($1) { $0.append($1) } }
        }
        if chance(0.2) { person.note = "Keep <b>shoulders</b> low" }
        if chance(0.2) { person.clinician = "Sam Lee, physiotherapist" }
        let start = CivilDate(year: 2026, month: 1, day: 1)!.adding(days: int(0...1500))
        return (person, start, generator.next())
    }
}
