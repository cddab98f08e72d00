import BackPlanCore

/// A plan's dose texts ("2 sets × 10 reps, hold 5 s"), each made once.
///
/// A move's dose repeats across a week's sessions and its card, so the day
/// lists and "Your moves" ask for the same few dozen texts hundreds of times.
/// Doses are keyed by their numbers packed into an `Int` and searched in
/// order: hashing a `Dose` cost more than making its text.
final class DoseTexts {
    private var texts: [(key: Int, text: String)] = []

    func text(_ dose: Dose) -> String {
        guard let key = Self.key(of: dose) else { return dose.text }
        // By index: `for entry in texts` copied each entry passed over, retaining its text.
        for index in texts.indices where texts[index].key == key { return texts[index].text }
        let text = dose.text
        texts.append((key, text))
        return text
    }

    /// The dose's numbers in 12 bits each (0 for none, n + 1 for n) and its side flag; nil if a number is outside 0..<4095.
    private static func key(of dose: Dose) -> Int? {
        var key = dose.perSide ? 1 : 0
        var fits = true
        func add(_ number: Int?) {
            guard let number else { key <<= 12; return }
            fits = fits && number >= 0 && number < 0xFFF
            key = key << 12 | ((number &+ 1) & 0xFFF)
        }
        add(dose.sets)
        add(dose.reps)
        add(dose.holdSeconds)
        add(dose.rounds)
        add(dose.seconds)
        return fits ? key : nil
    }
}
