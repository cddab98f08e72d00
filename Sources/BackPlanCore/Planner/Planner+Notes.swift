// MARK: - What a plan could not do, as cases (worded by BackPlanRender)

extension Planner {
    /// A session's remarks on the phases it lacks and why (rules 5, 10, 11 and 12).
    func remarks(for session: Session, person: Preferences, pool: [Candidate], gating: Plan.Gating) -> [SessionRemark] {
        var remarks: [SessionRemark] = []
        let limit = PlanNote.PoolLimit(floor: person.floor)
        switch session.kind {
        case .mobility:
            remarks.append(.mobilityDay)
        case .stretch:
            remarks.append(gating == .gentle ? .moderatePain : .noStrengthening(areas: person.areas, pool: limit))
        case .strength:
            break
        }
        if !pool.contains(where: { $0.move.phase == .warmUp }) {
            remarks.append(.noDynamicStretches(areas: person.areas, pool: limit))
        }
        if !pool.contains(where: { $0.move.phase == .coolDown }) {
            remarks.append(.noCoolDown(areas: person.areas, pool: limit))
        }
        return remarks
    }

    /// The plan's notes: areas, phases and minutes it could not give, what would help, and the clinician's inclusions it could not honour.
    func notes(for plan: Plan, pool: [Candidate]) -> [PlanNote] {
        let person = plan.person
        var notes: [PlanNote] = []
        let limit = PlanNote.PoolLimit(floor: person.floor)
        let coverable = Set(pool.flatMap(\.move.areas))
        let unreachable = person.areas.filter { !coverable.contains($0) }
        if !unreachable.isEmpty {
            notes.append(.areasUnreachable(unreachable, pool: limit, gentle: plan.gating == .gentle))
        }
        // Areas left out of some sessions: on mobility days because only strengthening works them, else for lack of time.
        let sessions = plan.sessions
        let leftOut = Set(sessions.flatMap(\.uncoveredAreas)).subtracting(unreachable)
        let onRestDays = leftOut.filter { area in
            sessions.allSatisfy { $0.kind == .mobility || !$0.uncoveredAreas.contains(area) }
        }.sorted()
        let forTime = leftOut.subtracting(onRestDays).sorted()
        if !forTime.isEmpty {
            notes.append(.areasLeftOutForTime(forTime, minutes: person.minutes))
        }
        if !onRestDays.isEmpty {
            notes.append(.areasLeftOutOnMobilityDays(onRestDays))
        }
        let strengthens = pool.contains { $0.move.phase == .strength }
        if plan.gating == .none && !strengthens {
            notes.append(.noStrengthening(areas: person.areas, pool: limit, help: help(for: person, gating: plan.gating)))
        }
        let mobilityDays = sessions.filter { $0.kind == .mobility }.count
        if mobilityDays > 0 {
            notes.append(.mobilityDays(mobilityDays, of: sessions.count))
        }
        notes += includeNotes(for: plan, pool: pool)
        let shortSessions = sessions.filter(\.isShorterThanAsked)
        if let longest = shortSessions.map(\.estimatedMinutes).max() {
            let allShort = shortSessions.count == sessions.filter { $0.kind != .mobility }.count
            notes.append(.sessionsShort(
                short: allShort ? nil : shortSessions.count, sessions: sessions.count, longestMinutes: longest,
                asked: person.minutes, help: help(for: person, gating: plan.gating)))
        }
        return notes
    }

    /// What would give the person more moves: equipment, floor moves, more areas, and whether easing pain would.
    func help(for person: Preferences, gating: Plan.Gating) -> PlanNote.MoreMoves {
        PlanNote.MoreMoves(
            missingEquipment: Equipment.allCases.filter { !person.equipment.contains($0) },
            allowFloor: !person.floor, moreAreas: person.areas.count < Area.allCases.count, painEasing: gating == .gentle)
    }

    /// Why an included move is missing from some or all sessions: gating wins over `include`.
    func includeNotes(for plan: Plan, pool: [Candidate]) -> [PlanNote] {
        var notes: [PlanNote] = []
        let sessions = plan.sessions
        for id in plan.person.include {
            guard let move = catalog.move(id: id) else { continue }
            guard let candidate = pool.first(where: { $0.id == id }) else {
                let why: PlanNote.MissingReason
                if plan.gating == .gentle && move.phase == .strength {
                    why = .moderatePain
                } else if move.ways(owning: Set(plan.person.equipment), floor: true).isEmpty {
                    why = .needsEquipment(move.ways.map(\.equipment))
                } else {
                    why = .floorMovesOff
                }
                notes.append(.includedMissing(name: move.name, because: why))
                continue
            }
            let phase = candidate.move.phase
            let days = sessions.filter { $0.kind == .strength || phase != .strength }
            let missed = days.filter { !$0.items.contains { $0.id == id } }.count
            if phase == .strength && days.count < sessions.count {
                notes.append(.includedOnStrengthDaysOnly(name: move.name))
            }
            if missed > 0 {
                notes.append(.includedDidNotFit(name: move.name, missed: missed, of: days.count))
            }
        }
        return notes
    }
}
