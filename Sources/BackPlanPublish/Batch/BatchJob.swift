import BackPlanCore
import Foundation

/// The work of one roster row: plan, render in memory, write into the person's folder.
///
/// A value shared by every worker: it holds only immutable inputs, so rows
/// run in parallel without locks, each with its own libcmark calls.
package struct BatchJob: Sendable {
    let publisher: PlanPublisher
    let settings: BatchSettings
    let output: OutputFolder
    /// With `--skip-existing`: the newest modification time of the roster and inputs.
    let inputsModified: Date?

    package init(publisher: PlanPublisher, settings: BatchSettings, inputsModified: Date? = nil) {
        self.publisher = publisher
        self.settings = settings
        self.output = OutputFolder(path: settings.output)
        self.inputsModified = inputsModified
    }

    /// Plans and writes one row; never throws, a problem becomes the row's failure.
    package func run(_ row: RosterRow, rosterFile: String) -> BatchRowResult {
        let preferences: Preferences
        switch row.preferences {
        case .failure(let error):
            return BatchRowResult(row: row.number, folder: row.folder, seed: nil, outcome: .failed(error.description))
        case .success(let value):
            preferences = value
        }
        guard let folder = row.folder else {
            preconditionFailure("a roster row that parsed has a name, hence a folder")
        }
        let settings = settings.planSettings(folder: folder)
        let result = { (outcome: BatchRowResult.Outcome) in
            BatchRowResult(row: row.number, folder: folder, seed: settings.seed, outcome: outcome)
        }
        do {
            if let inputsModified, isComplete(folder, newerThan: inputsModified, formats: settings.formats) {
                return result(.skipped)
            }
            let files = try publisher.files(for: preferences, settings: settings)
            _ = try output.write(files.map { ("\(folder)/\($0.path)", $0.data) })
            return result(.written(files.map(\.path)))
        } catch {
            return result(.failed("\(rosterFile):\(row.number): \(error)"))
        }
    }

    /// Whether every file of the person is there and at least as new as the inputs.
    private func isComplete(_ folder: String, newerThan date: Date, formats: [OutputFormat]) -> Bool {
        formats.allSatisfy { format in
            guard let url = try? output.url(for: "\(folder)/\(format.fileName)"),
                  let modified = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            else { return false }
            return modified >= date
        }
    }
}
