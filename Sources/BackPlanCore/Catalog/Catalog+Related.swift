extension Catalog {
    /// Other moves that work at least one of `move`'s areas, the closest first.
    ///
    /// Moves sharing more areas come first, then moves of the same phase (a
    /// strengthening move suggests other strengthening moves); ties keep catalog
    /// order, so the result is the same on every run and pages do not reshuffle.
    public func related(to move: Exercise, limit: Int = 6) -> [Exercise] {
        let areas = Set(move.areas)
        let scored = moves.enumerated().compactMap { index, other -> (rank: [Int], move: Exercise)? in
            guard other.id != move.id else { return nil }
            let shared = other.areas.filter(areas.contains).count
            return shared > 0 ? ([-shared, other.phase == move.phase ? 0 : 1, index], other) : nil
        }
        let ordered = scored.sorted { $0.rank.lexicographicallyPrecedes($1.rank) }
        return ordered.prefix(max(0, limit)).map(\.move)
    }

    /// The moves before and after `move` in catalog order (nil at either end).
    public func neighbours(of move: Exercise) -> (previous: Exercise?, next: Exercise?) {
        guard let index = moves.firstIndex(where: { $0.id == move.id }) else { return (nil, nil) }
        let previous = index > moves.startIndex ? moves[index - 1] : nil
        let next = index + 1 < moves.endIndex ? moves[index + 1] : nil
        return (previous, next)
    }
}
