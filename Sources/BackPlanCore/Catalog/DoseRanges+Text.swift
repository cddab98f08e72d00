extension DoseRanges {
    /// "2-3 sets of 8-12 reps", "hold 10-15 s, each side": the article's dose in plain words.
    public var text: String {
        var parts: [String] = []
        if let seconds { parts.append("\(seconds.text) s") }
        switch (sets, reps) {
        case let (sets?, reps?): parts.append("\(sets.text) sets of \(reps.text) reps")
        case let (sets?, nil): parts.append("\(sets.text) sets")
        case let (nil, reps?): parts.append("\(reps.text) reps")
        default: break
        }
        if let hold = holdSeconds { parts.append(hold.max == nil ? "hold at least \(hold.min) s" : "hold \(hold.text) s") }
        if let rounds { parts.append("\(rounds.text) rounds") }
        if perSide { parts.append("each side") }
        return parts.joined(separator: ", ")
    }
}
