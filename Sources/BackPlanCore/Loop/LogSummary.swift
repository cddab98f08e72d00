/// What a log says about its plan, in numbers: sessions done per week, pain over the weeks, moves done and what hurt.
public struct LogSummary: Equatable, Sendable {
    /// One week of the plan: sessions planned and done, and the average pain after sessions where scored.
    public struct WeekCount: Equatable, Sendable {
        public var week: Int
        public var planned: Int
        public var done: Int
        public var averagePainAfter: Double?
    }

    /// A move that was done, how often, and the dose of the last session it was done in.
    public struct MoveCount: Equatable, Sendable {
        public var id: String
        public var name: String
        public var times: Int
        public var lastDose: Dose
    }

    /// One session's pain scores, for the chart.
    public struct PainPoint: Equatable, Sendable {
        public var date: CivilDate
        public var before: Int?
        public var after: Int?
    }

    public var weeks: [WeekCount]
    public var planned: Int
    public var done: Int
    public var moves: [MoveCount]
    public var pain: [PainPoint]
    /// The highest score logged, before or after a session.
    public var highestPain: Int?
    /// Average after-session pain of the last week with scores minus that of the first; nil with fewer than two such weeks.
    public var painRise: Double?
    /// Moves marked as hurting, in the order first marked.
    public var hurt: [String]

    /// The share of planned sessions done, 0 to 1 (1 for a plan without sessions).
    public var doneShare: Double { planned == 0 ? 1 : Double(done) / Double(planned) }

    public init(plan: Plan, log: SessionLog) {
        let byDate = Dictionary(log.entries.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        weeks = plan.weeks.map { week in
            let entries = week.sessions.compactMap { byDate[$0.date] }
            let scores = entries.compactMap(\.painAfter)
            return WeekCount(
                week: week.number, planned: week.sessions.count, done: entries.filter(\.isDone).count,
                averagePainAfter: scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count))
        }
        planned = plan.sessions.count
        done = weeks.map(\.done).reduce(0, +)
        var counts: [String: MoveCount] = [:]
        var order: [String] = []
        for session in plan.sessions {
            guard let entry = byDate[session.date] else { continue }
            let ids: [String]
            switch entry.done {
            case .all: ids = session.items.map(\.id)
            case .moves(let list): ids = list
            case .none, .notLogged: ids = []
            }
            for item in session.items where ids.contains(item.id) {
                if counts[item.id] == nil { order.append(item.id) }
                counts[item.id, default: MoveCount(id: item.id, name: item.name, times: 0, lastDose: item.dose)].times += 1
                counts[item.id]!.lastDose = item.dose
            }
        }
        moves = order.compactMap { counts[$0] }
        pain = log.entries.filter { $0.painBefore != nil || $0.painAfter != nil }
            .map { PainPoint(date: $0.date, before: $0.painBefore, after: $0.painAfter) }
        highestPain = log.entries.flatMap { [$0.painBefore, $0.painAfter].compactMap { $0 } }.max()
        let scored = weeks.compactMap(\.averagePainAfter)
        painRise = scored.count >= 2 ? scored.last! - scored.first! : nil
        var hurt: [String] = []
        for id in log.entries.flatMap(\.hurt) where !hurt.contains(id) { hurt.append(id) }
        self.hurt = hurt
    }
}
