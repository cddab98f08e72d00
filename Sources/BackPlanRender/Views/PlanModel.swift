import BackPlanCore

/// A plan as a `TemplateModel`: its weeks, sessions, blocks and items are read in place.
///
/// Objects and lists are numbered by their kind and their indices in the
/// plan (week, session, block, item), so handing one to the renderer costs
/// nothing, and a field is worked out only when a template reads it. One
/// model serves one render at a time (`body` is set between plan.md and
/// plan.html).
package final class PlanModel: TemplateModel {
    let plan: Plan
    let catalog: Catalog
    let look: PlanLook
    /// plan.html's `{{{body}}}`: the HTML libcmark made of plan.md, when held as an array (the site's example plan, tests).
    var body: [UInt8]?
    /// plan.html's `{{{body}}}` read where libcmark wrote it, during `withBody(_:_:)`.
    private var borrowedBody: UnsafeBufferPointer<UInt8>?
    private let cardioExamples: String
    /// "Your moves": each move of the plan once, numbered.
    let cards: [PlanCard]
    /// Each card's key (move and equipment), in card order.
    let cardKeys: [String]
    /// A card's number by its move and equipment, for the day lists that refer to it.
    let cardNumbers: PlanCard.Numbers
    /// Each dose's text, made once for the day lists and the cards.
    private let doseTexts = DoseTexts()

    /// The figures and QR codes of the run, made once per move.
    let art: HandoutArt

    package init(plan: Plan, catalog: Catalog, look: PlanLook, art: HandoutArt? = nil) {
        self.plan = plan
        self.catalog = catalog
        self.look = look
        self.art = art ?? HandoutArt(catalog: catalog)
        cardioExamples = catalog.session.cardioExamplesText
        cards = PlanCard.cards(of: plan, catalog: catalog, doseTexts: doseTexts)
        cardKeys = cards.map(\.key)
        cardNumbers = PlanCard.Numbers(cards)
    }

    /// `work` with `{{{body}}}` read from `html` in place, not copied out of libcmark's memory first;
    /// `html` must stay valid until `work` returns.
    func withBody<Result>(_ html: UnsafeBufferPointer<UInt8>, _ work: () -> Result) -> Result {
        borrowedBody = html
        defer { borrowedBody = nil }
        return work()
    }

    /// What `.modelBytes` values stand for.
    private enum Bytes: Int {
        case body, checklist
    }

    package func writeBytes(_ bytes: Int, to output: RenderBuffer) {
        switch Bytes(rawValue: bytes) {
        case .body:
            if let borrowedBody { output.append(borrowedBody) } else { body?.withUnsafeBufferPointer { output.append($0) } }
        case .checklist:
            Checklist.writeElements(plan, planID: look.planID, cards: cardNumbers, to: output)
        case nil:
            preconditionFailure("no bytes numbered \(bytes)")
        }
    }

    /// Whether plan.html carries the checklist: asked for, and there are sessions to tick.
    private var hasChecklist: Bool { look.checklist && !plan.weeks.isEmpty }

    /// The plan itself, the context of plan.md and plan.html.
    package var root: TemplateValue { .modelObject(Number(.root).value) }

    /// What a number stands for; a list's kind is the kind of its items.
    private enum Kind: Int {
        case root, week, session, block, item, note, advice, rule, timeModel, brand
        /// One of a session's remarks (`item` is its index).
        case remark
        /// A card of "Your moves" (`item` is its index), one of its steps and one of its weekly doses (`block` is their index).
        case card, step, cardDose
        /// One reason of "Why this plan" (`item` is its index), for a block made from a log.
        case reason
    }

    /// An object's or a list's number: its kind, whether it is a list, and its indices in the plan.
    private struct Number {
        var kind: Kind
        var isList = false
        var week = 0, session = 0, block = 0, item = 0

        init(_ kind: Kind, list: Bool = false, week: Int = 0, session: Int = 0, block: Int = 0, item: Int = 0) {
            self.kind = kind
            isList = list
            self.week = week
            self.session = session
            self.block = block
            self.item = item
        }

        /// Kind in bits 0-3, list in bit 4, then the week (16 bits), session (8), block (8) and item (26):
        /// room for any plan and catalog (a week has seven sessions, a session three blocks).
        init(_ value: Int) {
            kind = Kind(rawValue: value & 0xF)!
            isList = value & 0x10 != 0
            week = (value >> 5) & 0xFFFF
            session = (value >> 21) & 0xFF
            block = (value >> 29) & 0xFF
            item = (value >> 37) & 0x3FF_FFFF
        }

        var value: Int {
            precondition(week < 0x1_0000 && session < 0x100 && block < 0x100 && item < 0x400_0000, "a plan larger than its numbering")
            return kind.rawValue | (isList ? 0x10 : 0) | week << 5 | session << 21 | block << 29 | item << 37
        }
    }

    package func item(_ index: Int, of list: Int) -> TemplateValue {
        var number = Number(list)
        number.isList = false
        switch number.kind {
        case .week: number.week = index
        case .session: number.session = index
        case .block: number.block = index
        case .item: number.item = index
        case .note, .advice, .rule, .card, .remark, .reason: number.item = index
        case .step, .cardDose: number.block = index
        case .root, .timeModel, .brand: preconditionFailure("no list of \(number.kind)")
        }
        return .modelObject(number.value)
    }

    /// The names `field(_:of:)` answers for each kind, in the order of the tree swift-mustache reads.
    /// Kept beside the `switch`es below; a test checks that every object answers exactly these names
    /// and that README documents them.
    package func fieldNames(of object: Int) -> [TemplateField] {
        let number = Number(object)
        switch number.kind {
        case .root:
            return [
                .name, .title, .planID, .seed, .paper, .start, .end, .startISO, .endISO, .weekCount, .days,
                .minutes, .areas, .equipment, .floor, .level, .pain, .hasExercises, .noExercise, .gentle, .notes,
                .hasNotes, .advice, .rules, .cardioRange, .cardioExamples, .timeModel, .weeks, .cssHeader,
                .cssDates, .cssFooter, .brand, .body, .cards, .hasCards, .largePrint, .siteURL, .hasSiteURL,
                .weeksWord, .note, .hasNote, .clinician, .hasClinician, .review, .hasReview, .reasons, .hasReasons,
                .hasChecklist, .checklistPolicy, .checklistScript,
            ]
        case .week: return [.number, .from, .to, .gridMarker, .sessions]
        case .session:
            return [
                .day, .date, .weekday, .estimatedMinutes, .budgetMinutes, .shorter, .uncovered, .hasUncovered,
                .cardioMinutes, .cardioExamples, .blocks, .kind, .isMobility, .remarks, .hasRemarks,
            ]
        case .block: return [.phase, .title, .isWarmUp, .items]
        case .item: return [.id, .name, .dose, .equipment, .hasEquipment, .position, .seconds, .card]
        case .card:
            return [
                .number, .id, .name, .phase, .phaseTitle, .equipment, .hasEquipment, .position, .steps, .doses,
                .figureMarker, .hasFigure, .figureAlt, .link, .shortLink, .hasLink, .qrMarker,
            ]
        case .step: return [.number, .text]
        case .cardDose: return [.period, .dose]
        case .rule: return [.text]
        case .note: return plan.notes[number.item].fieldNames
        case .advice: return plan.advice[number.item].fieldNames
        case .remark: return plan.weeks[number.week].sessions[number.session].remarks[number.item].fieldNames
        case .reason: return plan.after?.reasons[number.item].fieldNames ?? [.text]
        case .timeModel: return [.secondsPerRep, .restBetweenSets, .restBetweenRounds, .transition]
        case .brand: return [.name, .contact, .hasContact, .logoURI, .hasLogo, .hasLogoSize, .logoWidth, .logoHeight]
        }
    }

    package func field(_ name: TemplateField, of object: Int) -> TemplateValue? {
        let number = Number(object)
        switch number.kind {
        case .root: return rootField(name)
        case .week: return weekField(name, number)
        case .session: return sessionField(name, number)
        case .block: return blockField(name, number)
        case .item: return itemField(name, number)
        case .note: return plan.notes[number.item].field(name)
        case .advice: return plan.advice[number.item].field(name)
        case .rule: return name == .text ? .text(catalog.session.rules[number.item]) : nil
        case .remark: return plan.weeks[number.week].sessions[number.session].remarks[number.item].field(name)
        case .reason: return plan.after.map { $0.reasons[number.item].field(name) } ?? (name == .text ? .text("") : nil)
        case .timeModel: return timeModelField(name)
        case .brand: return look.brand.flatMap { brandField(name, $0) }
        case .card: return cardField(name, number)
        case .step:
            switch name {
            case .number: return .number(number.block + 1)
            case .text: return .text(cards[number.item].steps[number.block])
            default: return nil
            }
        case .cardDose:
            let dose = cards[number.item].doses[number.block]
            switch name {
            case .period: return .text(dose.period)
            case .dose: return .text(dose.dose)
            default: return nil
            }
        }
    }

    private func rootField(_ name: TemplateField) -> TemplateValue? {
        let person = plan.person
        switch name {
        case .name: return .text(person.name)
        case .title: return .text("Back plan for \(person.name)")
        case .planID: return .text(look.planID)
        case .seed: return .text(String(plan.seed))
        case .paper: return .text(look.paper.cssSize)
        case .start: return .text(plan.start.longText)
        case .end: return .text(plan.end.longText)
        case .startISO: return .text(plan.start.iso)
        case .endISO: return .text(plan.end.iso)
        case .weekCount: return .number(person.weeks)
        case .days: return .text(plan.trainingDays.map(\.title).joined(separator: ", "))
        case .minutes: return .number(person.minutes)
        case .areas: return .text(sentenceList(person.areas.map(\.title)))
        case .equipment: return .text(person.equipment.isEmpty ? "none (body weight only)" : sentenceList(person.equipment.map(\.title)))
        case .floor: return .text(person.floor ? "yes" : "no (no lying or kneeling moves)")
        case .level: return .text(person.level.rawValue)
        case .pain: return .text(person.pain.rawValue)
        case .hasExercises: return .flag(!plan.weeks.isEmpty)
        case .noExercise: return .flag(plan.gating == .noExercise)
        case .gentle: return .flag(plan.gating == .gentle)
        case .notes: return .modelList(Number(.note, list: true).value, count: plan.notes.count)
        case .hasNotes: return .flag(!plan.notes.isEmpty)
        case .advice: return .modelList(Number(.advice, list: true).value, count: plan.advice.count)
        case .rules: return .modelList(Number(.rule, list: true).value, count: catalog.session.rules.count)
        case .cardioRange: return .text(catalog.session.cardioMinutes.text)
        case .cardioExamples: return .text(cardioExamples)
        case .timeModel: return .modelObject(Number(.timeModel).value)
        case .weeks: return .modelList(Number(.week, list: true).value, count: plan.weeks.count)
        // Running header and footer of printed pages, as CSS strings.
        case .cssHeader: return .text(HTML.cssString("Back plan for \(person.name)"))
        case .cssDates: return .text(HTML.cssString("\(plan.start.longText) to \(plan.end.longText)"))
        case .cssFooter:
            let brand = look.brand.map { [$0.name, $0.phone].compactMap { $0 }.joined(separator: " · ") }
            return .text(HTML.cssString(["Plan \(look.planID)", brand].compactMap { $0 }.joined(separator: " · ")))
        case .brand: return look.brand == nil ? nil : .modelObject(Number(.brand).value)
        case .body: return body == nil && borrowedBody == nil ? nil : .modelBytes(Bytes.body.rawValue)
        case .cards: return .modelList(Number(.card, list: true).value, count: cards.count)
        case .hasCards: return .flag(!cards.isEmpty)
        case .largePrint: return .flag(look.largePrint)
        case .siteURL: return .text(look.siteURL ?? "")
        case .hasSiteURL: return .flag(look.siteURL != nil)
        case .weeksWord: return .text(Plural.word(person.weeks, "week"))
        case .note: return .text(person.note ?? "")
        case .hasNote: return .flag(person.note != nil)
        case .clinician: return .text(person.clinician ?? "")
        case .hasClinician: return .flag(person.clinician != nil)
        case .review: return .text(person.review?.longText ?? "")
        case .hasReview: return .flag(person.review != nil)
        case .reasons: return .modelList(Number(.reason, list: true).value, count: plan.after?.reasons.count ?? 0)
        case .hasReasons: return .flag(!(plan.after?.reasons.isEmpty ?? true))
        // Only in plan.html, and only when the plan has sessions to log.
        case .hasChecklist: return .flag(hasChecklist)
        case .checklistPolicy: return .text(hasChecklist ? Checklist.policyElement : "")
        case .checklistScript: return hasChecklist ? .modelBytes(Bytes.checklist.rawValue) : .text("")
        default: return nil
        }
    }

    private func cardField(_ name: TemplateField, _ number: Number) -> TemplateValue? {
        // The card's fields read in place: copying a whole card retained each of its strings and lists.
        let card = number.item
        switch name {
        case .number: return .number(cards[card].number)
        case .id: return .text(cards[card].move.id)
        case .name: return .text(cards[card].move.name)
        case .phase: return .text(cards[card].move.phase.rawValue)
        case .phaseTitle: return .text(catalog.title(of: cards[card].move.phase))
        case .equipment: return .text(cards[card].equipment.isEmpty ? "" : sentenceList(cards[card].equipment.map(\.title)))
        case .hasEquipment: return .flag(!cards[card].equipment.isEmpty)
        case .position: return .text(cards[card].positions.map(\.rawValue).joined(separator: " or "))
        case .steps: return .modelList(Number(.step, list: true, item: card).value, count: cards[card].steps.count)
        case .doses: return .modelList(Number(.cardDose, list: true, item: card).value, count: cards[card].doses.count)
        case .figureMarker: return .text(HandoutArt.figureMarker(cardKeys[card]))
        case .hasFigure: return .flag(art.figure(for: cards[card], key: cardKeys[card]) != nil)
        case .figureAlt: return .text(art.figureAlt(for: cards[card]) ?? "")
        case .link: return .text(look.pageLink(of: cards[card].move.id) ?? "")
        case .shortLink:
            guard let url = look.pageLink(of: cards[card].move.id) else { return .text("") }
            // On the site itself the page's path says nothing to a reader: the move's name instead.
            return .text(look.sitePrefix != nil ? cards[card].move.name : String(url.drop { $0 != "/" }.dropFirst(2)))
        case .hasLink: return .flag(look.pageLink(of: cards[card].move.id) != nil)
        // On the site itself a QR code would point at the page being read: none.
        case .qrMarker: return .text(look.sitePrefix == nil ? HandoutArt.qrMarker(cards[card].move.id) : "")
        default: return nil
        }
    }

    private func weekField(_ name: TemplateField, _ number: Number) -> TemplateValue? {
        let week = plan.weeks[number.week]
        switch name {
        case .number: return .number(week.number)
        case .from: return .text(plan.start.adding(days: (week.number - 1) * 7).longText)
        case .to: return .text(plan.start.adding(days: (week.number - 1) * 7 + 6).longText)
        case .gridMarker: return .text(WeekGrid.marker(week: week.number))
        case .sessions: return .modelList(Number(.session, list: true, week: number.week).value, count: week.sessions.count)
        default: return nil
        }
    }

    private func sessionField(_ name: TemplateField, _ number: Number) -> TemplateValue? {
        let sessions = plan.weeks[number.week].sessions
        let session = number.session
        switch name {
        case .day: return .text(sessions[session].date.dayHeading)
        case .date: return .text(sessions[session].date.iso)
        case .weekday: return .text(sessions[session].weekday.rawValue)
        case .estimatedMinutes: return .text(Planner.minutesText(sessions[session].estimatedMinutes))
        case .budgetMinutes: return .number(sessions[session].budgetSeconds / 60)
        case .shorter: return .flag(sessions[session].isShorterThanAsked)
        case .uncovered: return .text(sessions[session].uncoveredAreas.isEmpty ? "" : sentenceList(sessions[session].uncoveredAreas.map(\.title)))
        case .hasUncovered: return .flag(!sessions[session].uncoveredAreas.isEmpty)
        case .cardioMinutes: return .number(sessions[session].cardioMinutes)
        case .cardioExamples: return .text(cardioExamples)
        case .blocks:
            return .modelList(Number(.block, list: true, week: number.week, session: number.session).value, count: sessions[session].blocks.count)
        case .kind: return .text(sessions[session].kind.rawValue)
        case .isMobility: return .flag(sessions[session].kind == .mobility)
        case .remarks:
            return .modelList(Number(.remark, list: true, week: number.week, session: number.session).value, count: sessions[session].remarks.count)
        case .hasRemarks: return .flag(!sessions[session].remarks.isEmpty)
        default: return nil
        }
    }

    private func blockField(_ name: TemplateField, _ number: Number) -> TemplateValue? {
        let block = plan.weeks[number.week].sessions[number.session].blocks[number.block]
        switch name {
        case .phase: return .text(block.phase.rawValue)
        case .title: return .text(catalog.title(of: block.phase))
        case .isWarmUp: return .flag(block.phase == .warmUp)
        case .items:
            let list = Number(.item, list: true, week: number.week, session: number.session, block: number.block)
            return .modelList(list.value, count: block.items.count)
        default: return nil
        }
    }

    private func itemField(_ name: TemplateField, _ number: Number) -> TemplateValue? {
        // The block's items, not the item: copying a whole item retains each of its strings and lists.
        let items = plan.weeks[number.week].sessions[number.session].blocks[number.block].items
        let item = number.item
        switch name {
        case .id: return .text(items[item].id)
        case .name: return .text(items[item].name)
        case .dose: return .text(doseText(items[item].dose))
        case .equipment: return .text(items[item].equipment.isEmpty ? "" : sentenceList(items[item].equipment.map(\.title)))
        case .hasEquipment: return .flag(!items[item].equipment.isEmpty)
        case .position:
            return .text(items[item].positions.count == 1 ? items[item].positions[0].rawValue : items[item].positions.map(\.rawValue).joined(separator: " or "))
        case .seconds: return .number(items[item].estimatedSeconds)
        case .card: return cardNumbers.number(id: items[item].id, equipment: items[item].equipment).map { .number($0) }
        default: return nil
        }
    }

    private func doseText(_ dose: Dose) -> String { doseTexts.text(dose) }

    private func timeModelField(_ name: TemplateField) -> TemplateValue? {
        switch name {
        case .secondsPerRep: .number(TimeModel.standard.secondsPerRep)
        case .restBetweenSets: .number(TimeModel.standard.restBetweenSets)
        case .restBetweenRounds: .number(TimeModel.standard.restBetweenRounds)
        case .transition: .number(TimeModel.standard.transition)
        default: nil
        }
    }

    private func brandField(_ name: TemplateField, _ brand: Brand) -> TemplateValue? {
        switch name {
        case .name: .text(brand.name)
        case .contact: .text(brand.contact)
        case .hasContact: .flag(!brand.contact.isEmpty)
        case .logoURI: .text(logo(brand)?.source ?? "")
        case .hasLogo: .flag(logo(brand) != nil)
        case .hasLogoSize: .flag(logo(brand).map { $0.width > 0 && $0.height > 0 } ?? false)
        case .logoWidth: .number(logo(brand)?.width ?? 0)
        case .logoHeight: .number(logo(brand)?.height ?? 0)
        default: nil
        }
    }

    /// The logo's image: its `data:` URI inline (size unknown, left to CSS), or the linked image if there is one.
    private func logo(_ brand: Brand) -> LinkedPicture? {
        switch look.pictures {
        case .inline: brand.logo.map { LinkedPicture(source: $0.dataURI, width: 0, height: 0) }
        case .linked(let linked): linked[ArtPicture.logoKey]
        }
    }
}
