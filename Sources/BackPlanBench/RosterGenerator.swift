/// Deterministic rosters of any length, varied like a clinic's: areas, equipment, days, minutes, levels.
enum RosterGenerator {
    static let areas = ["neck", "shoulders", "upper-back", "mid-back", "lower-back", "chest"]
    static let equipment = ["", "chair", "resistance-band;chair", "dumbbells", "foam-roller;chair", "resistance-band;dumbbells;foam-roller;chair"]
    static let days = ["", "mon;wed;fri", "tue;thu", "mon;tue;thu;sat", "sat"]

    /// A CSV roster with `rows` people after the header.
    static func csv(rows: Int) -> String {
        var text = "name,start,weeks,days,minutes,areas,equipment,floor,level,pain\n"
        for index in 0..<rows {
            let first = areas[index % areas.count]
            let second = areas[(index / areas.count + index + 1) % areas.count]
            let areaCell = first == second ? first : "\(first);\(second)"
            let minutes = 15 + (index * 7) % 60
            text += "Person \(index + 1),2026-11-30,\(1 + index % 4),\(days[index % days.count]),\(minutes),\(areaCell),"
            text += "\(equipment[index % equipment.count]),\(index % 9 == 4 ? "false" : "true"),\(index % 3 == 0 ? "intermediate" : "beginner"),\(index % 11 == 5 ? "mild" : "none")\n"
        }
        return text
    }
}
