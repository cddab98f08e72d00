extension Planner {
    /// One short session for a single problem area: the site's suggested routine.
    ///
    /// It is a real planner session (cardio, the three phases, the time budget),
    /// for a beginner with only a chair, so anyone can follow it at home. Like
    /// every plan (rule 10) it holds only moves for its area. The start date is
    /// fixed because the routine shows no dates and must not change from one
    /// build to the next.
    public func routine(for area: Area, minutes: Int = 15, seed: UInt64 = 1) -> Session? {
        var person = Preferences()
        person.areas = [area]
        person.minutes = minutes
        person.weeks = 1
        person.days = .perWeek(1)
        person.equipment = [.chair]
        guard let monday = CivilDate(year: 2026, month: 1, day: 5) else { return nil }
        return plan(for: person, start: monday, seed: seed).sessions.first
    }
}
