import BackPlanCore
import BackPlanRender
import Testing

/// The words of plan notes, session remarks and "Why this plan" reasons: the cases Core decides, as plans print them.
@Suite("Plan wording")
struct PlanWordingTests {
    static let wordings: [(BlockReason, String)] = [
        (.progress(.init(done: 5, planned: 6), pain: .steadyOrFell, doses: .levelUp),
         "You did 5 of 6 planned sessions and your pain after sessions stayed steady or fell: you reached the top of the article's ranges, so you move up to intermediate, at the top of each range."),
        (.askLess(.init(done: 2, planned: 6), .fewerDays(from: 3)),
         "You did 2 of 6 planned sessions, fewer than half, so this block asks less: 2 training days a week instead of 3, at the same doses."),
        (.painWorse(.rise(7.0 / 3)),
         "Your average pain after sessions rose by 2.3 from the first week to the last, so this block has no exercises: see a healthcare professional before you go on."),
        (.repeatDoses(.init(done: 1, planned: 1), painRose: .rose(1)),
         "You did 1 of 1 planned session, but your pain after sessions rose by 1, so this block repeats the same doses."),
        (.hurt(["Bird dog", "Dead bug"]), "Bird dog and Dead bug hurt, so they are left out of this block."),
    ]

    @Test("a reason reads as one sentence with its numbers", arguments: wordings)
    func reason(reason: BlockReason, text: String) {
        #expect(reason.text == text)
    }

    @Test("notes name their areas, counts and what would help")
    func notes() {
        let help = PlanNote.MoreMoves(missingEquipment: [.dumbbells], allowFloor: true)
        #expect(PlanNote.sessionsShort(short: nil, sessions: 12, longestMinutes: 17.5, asked: 30, help: help).text
            == "Sessions take up to about 17.5 minutes, less than the 30 you asked for: that is every move for your areas you can do, at that week's dose. Adding equipment (dumbbells) or allowing floor moves would give more moves.")
        #expect(PlanNote.sessionsShort(short: 1, sessions: 12, longestMinutes: 20, asked: 30, help: .init()).text
            == "1 of 12 sessions takes up to about 20 minutes, less than the 30 you asked for: that is every move for your areas you can do, at that week's dose. The catalog's moves for your areas at the article's doses fill no more, so the extra time is better spent on a longer walk or other activity.")
        #expect(PlanNote.noStrengthening(areas: [.neck], pool: .equipment, help: .init()).text
            == "No strengthening move you can do with your equipment works your neck, so the sessions hold mobility and stretching only.")
        #expect(PlanNote.mobilityDays(1, of: 3).text.hasPrefix("1 of 3 sessions is a mobility day "))
        #expect(PlanNote.includedMissing(name: "Row", because: .needsEquipment([[.dumbbells], [.resistanceBand]])).text
            == "Row was asked for but is not in the plan: it needs dumbbells or resistance band, which is not in your equipment.")
    }

    @Test("a session's remark says which phase it lacks and why")
    func remarks() {
        #expect(SessionRemark.noDynamicStretches(areas: [.neck, .upperBack], pool: .equipmentAndNoFloor).text
            == "No dynamic stretches: none you can do with your equipment and without floor moves works your neck and upper back; the cardio is your warm-up.")
    }
}
