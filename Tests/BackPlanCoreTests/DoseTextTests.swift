import BackPlanCore
import Testing

@Suite("A plan's dose reads as plain words")
struct DoseTextTests {
    @Test("every combination of fields", arguments: [
        (Dose(sets: 3, reps: 10), "3 sets × 10 reps"),
        (Dose(sets: 2), "2 sets"),
        (Dose(reps: 8), "8 reps"),
        (Dose(reps: 4, holdSeconds: 5), "4 reps, hold 5 s"),
        (Dose(holdSeconds: 30, rounds: 3, perSide: true), "hold 30 s, 3 rounds, each side"),
        (Dose(perSide: true), "each side"),
        (Dose(seconds: 45), "45 s"),
        (Dose(reps: 5, rounds: 3, seconds: 45), "45 s (5 reps, 3 rounds)"),
        (Dose(sets: 3, reps: 12, holdSeconds: 2, rounds: 2, seconds: 60, perSide: true), "60 s (3 sets × 12 reps, hold 2 s, 2 rounds, each side)"),
        (Dose(), ""),
    ])
    func text(dose: Dose, expected: String) {
        #expect(dose.text == expected)
    }
}
