import BackPlanCore

/// The template contexts of the site's pages: typed values (text, numbers, flags, lists, objects) and relative
/// links, escaped by the templates. The same `TemplateValue`s the plan's model gives, so one renderer reads both.
///
/// Every link is made with `SitePath.href(to:)` from the page it appears on, so
/// the site has no absolute path and works wherever it is copied.
enum SiteView {
    /// Values every Markdown page template can use.
    static func common(page: SitePath, catalog: Catalog, settings: SiteSettings) -> TemplateFields {
        [
            "siteTitle": .text(settings.title),
            "indexHref": .text(page.href(to: .index)),
            "safetyHref": .text(page.href(to: .safety)),
            "examplePlanHref": .text(page.href(to: .examplePlan)),
            "moveCount": .number(catalog.moves.count),
            "stopAdvice": .text(catalog.stopAdvice),
        ]
    }

    /// A move as a line of a list: its small figure's marker, name, link, phase, areas, equipment and dose.
    static func moveSummary(_ move: Exercise, from page: SitePath, catalog: Catalog, figures: SiteFigures) -> TemplateFields {
        [
            "id": .text(move.id),
            "thumbMarker": .text(figures.thumbMarker(move.id)),
            "name": .text(move.name),
            "href": .text(page.href(to: .exercise(move.id))),
            "phase": .text(phaseTitle(move.phase, catalog: catalog)),
            "areas": .text(list(move.areas.map(\.title))),
            "equipment": .text(equipmentText(move)),
            "dose": .text(move.dose.text),
        ]
    }

    /// The three phases in session order, each with its moves.
    static func phases(from page: SitePath, catalog: Catalog, moves: [Exercise], figures: SiteFigures) -> TemplateValue {
        .list(Phase.allCases.enumerated().map { index, phase in
            let phaseMoves = moves.filter { $0.phase == phase }
            return [
                "number": .number(index + 1),
                "id": .text(phase.rawValue),
                "title": .text(phaseTitle(phase, catalog: catalog)),
                "titleLower": .text(phaseTitle(phase, catalog: catalog).lowercased()),
                "summary": .text(catalog.phases[phase]?.summary ?? ""),
                "count": .number(phaseMoves.count),
                "movesWord": phaseMoves.count == 1 ? "move" : "moves",
                "hasMoves": .flag(!phaseMoves.isEmpty),
                "moves": .list(phaseMoves.map { .object(moveSummary($0, from: page, catalog: catalog, figures: figures)) }),
            ]
        })
    }

    /// The phase's title from the catalog ("Dynamic warm-up"), or a plain default.
    static func phaseTitle(_ phase: Phase, catalog: Catalog) -> String {
        catalog.title(of: phase)
    }

    /// "body weight", "a resistance band or dumbbells", "a foam roller or a chair".
    static func equipmentText(_ move: Exercise) -> String {
        let ways = move.ways.map(wayEquipment)
        var seen: [String] = []
        for way in ways where !seen.contains(way) { seen.append(way) }
        return seen.joined(separator: " or ")
    }

    /// "body weight", "a resistance band", "a chair and dumbbells".
    static func wayEquipment(_ way: Way) -> String {
        guard !way.isBodyWeight else { return "body weight" }
        return list(way.equipment.map(article))
    }

    static func article(_ equipment: Equipment) -> String {
        switch equipment {
        case .resistanceBand: "a resistance band"
        case .dumbbells: "dumbbells"
        case .foamRoller: "a foam roller"
        case .chair: "a chair"
        }
    }

    /// "standing or sitting".
    static func positions(_ positions: [Position]) -> String {
        let words = positions.map { position in
            switch position {
            case .standing: "standing"
            case .sitting: "sitting"
            case .lying: "lying down"
            case .kneeling: "on all fours or kneeling"
            }
        }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// Items with the separator that follows each in a sentence: ", ", " and " or nothing.
    ///
    /// Templates insert it unescaped (`{{{separator}}}`): Markdown escaping trims
    /// the spaces around a value, which would glue the words together.
    static func inline(_ items: [TemplateFields]) -> TemplateValue {
        .list(items.enumerated().map { index, item in
            var item = item
            item["separator"] = index == items.count - 1 ? "" : index == items.count - 2 ? " and " : ", "
            return .object(item)
        })
    }

    /// "neck, upper back and shoulders".
    static func list(_ items: [String]) -> String { sentenceList(items) }

    /// "Neck": a title with a capital first letter, for headings and navigation.
    static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
