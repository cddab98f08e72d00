// MARK: - What a plan could not do, in plain words

extension Planner {
    /// Why a person's pool lacks moves: their equipment, and floor moves when they are off.
    static func poolReason(_ person: Preferences) -> String {
        person.floor ? "with your equipment" : "with your equipment and without floor moves"
    }

    /// A session's sentences on the phases it lacks and why (rules 5, 10, 11 and 12).
    func remarks(for session: Session, person: Preferences, pool: [Candidate], gating: Plan.Gating) -> [String] {
        var remarks: [String] = []
        let areas = sentenceList(person.areas.map(\.title))
        switch session.kind {
        case .mobility:
            remarks.append("Mobility day: no strengthening today, so the muscles you strengthened yesterday can rest.")
        case .stretch:
            if gating == .gentle {
                remarks.append("No strengthening while your pain is moderate: gentle mobility and stretching only.")
            } else {
                remarks.append("No strengthening: no strengthening move you can do \(Self.poolReason(person)) works your \(areas).")
            }
        case .strength:
            break
        }
        if !pool.contains(where: { $0.move.phase == .warmUp }) {
            remarks.append("No dynamic stretches: none you can do \(Self.poolReason(person)) works your \(areas); the cardio is your warm-up.")
        }
        if !pool.contains(where: { $0.move.phase == .coolDown }) {
            remarks.append("No cool-down stretch: none you can do \(Self.poolReason(person)) works your \(areas).")
        }
        return remarks
    }

    /// The plan's notes: areas, phases and minutes it could not give, what would help, and the clinician's inclusions it could not honour.
    func notes(for plan: Plan, pool: [Candidate]) -> [String] {
        let person = plan.person
        var notes: [String] = []
        let reason = Self.poolReason(person)
        let coverable = Set(pool.flatMap(\.move.areas))
        let unreachable = person.areas.filter { !coverable.contains($0) }
        if !unreachable.isEmpty {
            let pain = plan.gating == .gentle ? " at your pain level" : ""
            notes.append("No move you can do \(reason)\(pain) works your \(sentenceList(unreachable.map(\.title))), so no session works it.")
        }
        // Areas left out of some sessions: on mobility days because only strengthening works them, else for lack of time.
        let sessions = plan.sessions
        let leftOut = Set(sessions.flatMap(\.uncoveredAreas)).subtracting(unreachable)
        let onRestDays = leftOut.filter { area in
            sessions.allSatisfy { $0.kind == .mobility || !$0.uncoveredAreas.contains(area) }
        }.sorted()
        let forTime = leftOut.subtracting(onRestDays).sorted()
        if !forTime.isEmpty {
            notes.append("\(person.minutes) minutes is not enough to work your \(sentenceList(forTime.map(\.title))) in every session; the sessions that leave it out say so.")
        }
        if !onRestDays.isEmpty {
            notes.append("Mobility days do not work your \(sentenceList(onRestDays.map(\.title))): only strengthening moves you can do work it, and strength days do.")
        }
        let strengthens = pool.contains { $0.move.phase == .strength }
        if plan.gating == .none && !strengthens {
            notes.append("No strengthening move you can do \(reason) works your \(sentenceList(person.areas.map(\.title))), so the sessions hold mobility and stretching only. \(help(for: person, gating: plan.gating) ?? "")".trimmingTrailingSpace)
        }
        let mobilityDays = sessions.filter { $0.kind == .mobility }.count
        if mobilityDays > 0 {
            notes.append("\(mobilityDays) of \(Plural.count(sessions.count, "session")) \(mobilityDays == 1 ? "is a mobility day" : "are mobility days") (warm-up and cool-down only, shorter): strengthening the same muscles on two days in a row leaves them no time to recover.")
        }
        notes += includeNotes(for: plan, pool: pool)
        let shortSessions = sessions.filter(\.isShorterThanAsked)
        if let longest = shortSessions.map(\.estimatedMinutes).max() {
            let allShort = shortSessions.count == sessions.filter { $0.kind != .mobility }.count
            let which = allShort ? "Sessions take" : "\(shortSessions.count) of \(Plural.count(sessions.count, "session")) \(shortSessions.count == 1 ? "takes" : "take")"
            let hint = help(for: person, gating: plan.gating)
                ?? "The catalog's moves for your areas at the article's doses fill no more, so the extra time is better spent on a longer walk or other activity."
            notes.append("\(which) up to about \(Self.minutesText(longest)) minutes, less than the \(person.minutes) you asked for: that is every move for your areas you can do, at that week's dose. \(hint)")
        }
        return notes
    }

    /// What would give the person more moves: equipment, floor moves, more areas; nil when nothing would.
    func help(for person: Preferences, gating: Plan.Gating) -> String? {
        let missing = Equipment.allCases.filter { !person.equipment.contains($0) }
        var more: [String] = []
        if !missing.isEmpty { more.append("adding equipment (\(sentenceList(missing.map(\.title))))") }
        if !person.floor { more.append("allowing floor moves") }
        if person.areas.count < Area.allCases.count { more.append("naming more problem areas") }
        let eased = gating == .gentle ? "Strengthening moves join the plan once your pain has eased." : nil
        guard !more.isEmpty else { return eased }
        let text = more.joined(separator: " or ")
        return ([text.prefix(1).uppercased() + text.dropFirst() + " would give more moves."] + [eased].compactMap { $0 }).joined(separator: " ")
    }

    /// Why an included move is missing from some or all sessions: gating wins over `include`.
    func includeNotes(for plan: Plan, pool: [Candidate]) -> [String] {
        var notes: [String] = []
        let sessions = plan.sessions
        for id in plan.person.include {
            guard let move = catalog.move(id: id) else { continue }
            guard let candidate = pool.first(where: { $0.id == id }) else {
                let why: String
                if plan.gating == .gentle && move.phase == .strength {
                    why = "no strengthening while your pain is moderate"
                } else if move.ways(owning: Set(plan.person.equipment), floor: true).isEmpty {
                    let needs = move.ways.map { $0.equipment.map(\.title).joined(separator: " and ") }.filter { !$0.isEmpty }
                    why = "it needs \(needs.joined(separator: " or ")), which is not in your equipment"
                } else {
                    why = "it is done lying or kneeling, and floor moves are off"
                }
                notes.append("\(move.name) was asked for but is not in the plan: \(why).")
                continue
            }
            let phase = candidate.move.phase
            let days = sessions.filter { $0.kind == .strength || phase != .strength }
            let missed = days.filter { !$0.items.contains { $0.id == id } }.count
            if phase == .strength && days.count < sessions.count {
                notes.append("\(move.name) is done on strength days only: mobility days have no strengthening.")
            }
            if missed > 0 {
                notes.append("\(move.name) did not fit in the minutes of \(missed) of \(days.count) \(days.count == 1 ? "session" : "sessions") that could hold it.")
            }
        }
        return notes
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
