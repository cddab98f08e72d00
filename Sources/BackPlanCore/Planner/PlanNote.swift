/// What a plan could not do as asked, and why: areas, phases and minutes it could not give,
/// and the clinician's inclusions it could not honour.
///
/// The planner decides the case and its data; the words are the render layer's
/// (`PlanNote.text` in BackPlanRender), so tests assert on cases and a clinic can word them its own way.
public enum PlanNote: Equatable, Sendable {
    /// No move the person can do works these areas, so no session works them.
    case areasUnreachable([Area], pool: PoolLimit, gentle: Bool)
    /// The minutes asked for cannot work these areas in every session; the sessions that leave them out say so.
    case areasLeftOutForTime([Area], minutes: Int)
    /// Only strengthening moves work these areas, so mobility days leave them out.
    case areasLeftOutOnMobilityDays([Area])
    /// No strengthening move the person can do works their areas: mobility and stretching only.
    case noStrengthening(areas: [Area], pool: PoolLimit, help: MoreMoves)
    /// How many sessions are mobility days (never two strengthening days in a row).
    case mobilityDays(Int, of: Int)
    /// An included move is not in the plan at all.
    case includedMissing(name: String, because: MissingReason)
    /// An included strengthening move is left out of mobility days.
    case includedOnStrengthDaysOnly(name: String)
    /// An included move did not fit in the minutes of `missed` of the `of` sessions that could hold it.
    case includedDidNotFit(name: String, missed: Int, of: Int)
    /// Sessions come out shorter than asked: `short` of `sessions` (nil: every session that strengthens or stretches).
    case sessionsShort(short: Int?, sessions: Int, longestMinutes: Double, asked: Int, help: MoreMoves)

    /// Why the pool lacks moves: the person's equipment, and floor moves when they are off.
    public enum PoolLimit: Equatable, Sendable {
        case equipment
        case equipmentAndNoFloor

        public init(floor: Bool) { self = floor ? .equipment : .equipmentAndNoFloor }
    }

    /// Why an included move is not in the plan; gating wins over `include`.
    public enum MissingReason: Equatable, Sendable {
        /// A strengthening move while pain is moderate.
        case moderatePain
        /// Every way of doing it needs equipment the person lacks (each way's equipment).
        case needsEquipment([[Equipment]])
        /// It is done lying or kneeling, and floor moves are off.
        case floorMovesOff
    }

    /// What would give the person more moves; all false when nothing would.
    public struct MoreMoves: Equatable, Sendable {
        /// Equipment the person does not have.
        public var missingEquipment: [Equipment]
        public var allowFloor: Bool
        public var moreAreas: Bool
        /// Pain is moderate: strengthening joins once it has eased.
        public var painEasing: Bool

        public init(missingEquipment: [Equipment] = [], allowFloor: Bool = false, moreAreas: Bool = false, painEasing: Bool = false) {
            self.missingEquipment = missingEquipment
            self.allowFloor = allowFloor
            self.moreAreas = moreAreas
            self.painEasing = painEasing
        }

        /// Whether anything would help.
        public var isEmpty: Bool { missingEquipment.isEmpty && !allowFloor && !moreAreas && !painEasing }
    }
}
