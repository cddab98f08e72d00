/// "1 move", "2 moves": a count with its noun in the right number.
package enum Plural {
    /// `count` and `singular`, or `plural` (default: `singular` + "s") for any count but one.
    package static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(word(count, singular, plural))"
    }

    /// The noun alone, in the number `count` asks for.
    package static func word(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }
}
