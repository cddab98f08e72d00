/// One reason a block made from the log of the one before is as it is ("Why this plan").
///
/// `NextBlock` decides the case and its data; the words are the render layer's
/// (`BlockReason.text` in BackPlanRender).
public enum BlockReason: Equatable, Sendable {
    /// Pain got worse, so the block has no exercises.
    case painWorse(PainWorse)
    /// Most sessions done and pain steady or lower: doses go on.
    case progress(Attendance, pain: PainTrend, doses: Progress)
    /// About half done, or most done but pain rose: the same doses again.
    case repeatDoses(Attendance, painRose: PainTrend?)
    /// Fewer than half done: the block asks less.
    case askLess(Attendance, AskLess)
    /// These moves hurt (their names), so they are left out.
    case hurt([String])
    /// The review date has passed.
    case reviewPassed(CivilDate)

    /// How many planned sessions were done.
    public struct Attendance: Equatable, Sendable {
        public var done: Int
        public var planned: Int

        public init(done: Int, planned: Int) {
            self.done = done
            self.planned = planned
        }
    }

    /// What the log says of pain after sessions, first week to last.
    public enum PainTrend: Equatable, Sendable {
        /// No rise could be worked out from the log.
        case notLogged
        case steadyOrFell
        case rose(Double)
    }

    /// Why pain counts as worse.
    public enum PainWorse: Equatable, Sendable {
        /// A score at or above the threshold.
        case score(Int, threshold: Int)
        /// The weekly average after sessions rose this much.
        case rise(Double)
    }

    /// Where progressing doses go.
    public enum Progress: Equatable, Sendable {
        /// A beginner reached the top: they move up to intermediate.
        case levelUp
        /// Already at the top (of the gentle half when `gentle`), which doses never pass.
        case atTop(gentle: Bool)
        /// Upward from where they ended.
        case upward
    }

    /// How the block asks less.
    public enum AskLess: Equatable, Sendable {
        /// One training day fewer than `from`.
        case fewerDays(from: Int)
        /// Shorter sessions.
        case shorterSessions(from: Int, to: Int)
        /// One session of this many minutes a week is already the least: repeated.
        case alreadyLeast(minutes: Int)
    }
}
