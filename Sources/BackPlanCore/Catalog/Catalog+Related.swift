extension Catalog {
    /// Other moves that work at least one of `move`'s areas, the closest first.
    ///
    /// Moves sharing more areas come first, then moves of the same phase (a
    /// strengthening move suggests other strengthening moves); ties keep catalog
    /// order, so the result is the same on every run and pages do not reshuffle.
    /// For many moves, make a `RelatedMoves` once and ask it.
    public func related(to move: Exercise, limit: Int = 6) -> [Exercise] {
        RelatedMoves(catalog: self).related(to: move, limit: limit)
    }

    /// The moves before and after `move` in catalog order (nil at either end).
    public func neighbours(of move: Exercise) -> (previous: Exercise?, next: Exercise?) {
        guard let index = moves.firstIndex(where: { $0.id == move.id }) else { return (nil, nil) }
        return neighbours(at: index)
    }

    /// The moves before and after the move at `index` of `moves` (nil at either end).
    public func neighbours(at index: Int) -> (previous: Exercise?, next: Exercise?) {
        let previous = index > moves.startIndex ? moves[index - 1] : nil
        let next = index + 1 < moves.endIndex ? moves[index + 1] : nil
        return (previous, next)
    }
}

/// The catalog's moves grouped by what makes them related, so each move's relatives cost the same however large the catalog.
///
/// Two moves' closeness depends only on their sets of areas and their phases,
/// so moves with the same areas and phase form one group, in catalog order. A
/// move's closest relatives are then among the first few of each group, and
/// a catalog has a few hundred groups at most (sets of areas times phases): finding them is
/// constant work per move, where comparing every pair of moves made a site of
/// 10,000 moves quadratic.
public struct RelatedMoves: Sendable {
    private struct Group: Sendable {
        /// The members' areas, sorted (as a move lists them, repeats and all, so counts match `Catalog.related`).
        var areas: [Area]
        var phase: Phase
        /// Indexes into the catalog's moves, ascending.
        var members: [Int]
    }

    private let moves: [Exercise]
    private let groups: [Group]

    public init(catalog: Catalog) {
        moves = catalog.moves
        var groups: [Group] = []
        var groupIndex: [[Area]: [Phase: Int]] = [:]
        for (index, move) in catalog.moves.enumerated() {
            let areas = move.areas.sorted()
            if let group = groupIndex[areas]?[move.phase] {
                groups[group].members.append(index)
            } else {
                groupIndex[areas, default: [:]][move.phase] = groups.count
                groups.append(Group(areas: areas, phase: move.phase, members: [index]))
            }
        }
        self.groups = groups
    }

    /// Other moves that work at least one of `move`'s areas, the closest first, as `Catalog.related(to:limit:)`.
    public func related(to move: Exercise, limit: Int = 6) -> [Exercise] {
        let limit = max(0, limit)
        guard limit > 0 else { return [] }
        let areas = Set(move.areas)
        // At most `limit` candidates from each group (skipping the move itself): no other member can rank above them.
        var candidates: [(shared: Int, otherPhase: Int, index: Int)] = []
        for group in groups {
            let shared = group.areas.filter(areas.contains).count
            guard shared > 0 else { continue }
            let otherPhase = group.phase == move.phase ? 0 : 1
            var taken = 0
            for index in group.members where moves[index].id != move.id {
                candidates.append((shared, otherPhase, index))
                taken += 1
                if taken == limit { break }
            }
        }
        candidates.sort { a, b in
            a.shared != b.shared ? a.shared > b.shared : a.otherPhase != b.otherPhase ? a.otherPhase < b.otherPhase : a.index < b.index
        }
        return candidates.prefix(limit).map { moves[$0.index] }
    }
}
