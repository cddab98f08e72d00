import BackPlanCore
import Foundation

extension OutputFolder {
    /// Whom the plan in `plan.json` was made for, and its plan id; nil when there is none or it is not a BackPlan plan.
    ///
    /// plan.json is the file every default run writes, and it names its
    /// person, so it tells one person's folder from another's.
    func planOwner() throws(PublishError) -> (name: String, planID: String)? {
        let url = try url(for: OutputFormat.json.fileName)
        guard let data = FileManager.default.contents(atPath: url.path),
              let document = try? JSONDecoder().decode(OwnerDocument.self, from: data),
              document.schema.hasPrefix("backplan.plan/")
        else { return nil }
        return (document.person.name, document.plan_id)
    }

    /// Refuses to write `person`'s plan over a plan made for someone else; the same person's changed plan may replace theirs.
    ///
    /// Two `plan` runs into one folder for two people used to leave only the
    /// second, silently; a clinic would lose the first person's handout.
    /// `shownAs` is the folder as the user gave it, for the message.
    func checkOwner(isNot person: String, shownAs folder: String) throws(PublishError) {
        guard let owner = try planOwner(), owner.name != person else { return }
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + OutputFormat.json.fileName
        throw PublishError(path: path, problem: .otherPersonsPlan(name: owner.name, planID: owner.planID, newName: person))
    }
}

/// The fields of plan.json that say whose plan it is.
private struct OwnerDocument: Decodable {
    struct Person: Decodable { let name: String }
    let schema: String
    let plan_id: String
    let person: Person
}
