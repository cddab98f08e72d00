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

    /// Whether a row waits on a child process (a PDF engine, sendmail): such rows run on threads of their own, not the pool's.
    var waitsOnChildren: Bool { settings.plan.formats.contains(.pdf) || settings.email?.sendmail != nil }

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
        var settings = settings.planSettings(folder: folder)
        // With --after-dir, a person's log, when there is one, makes their next block.
        let log = self.settings.logPath(folder: folder).flatMap { path in
            (try? FileManager.default.attributesOfItem(atPath: path)).map { (path: path, modified: $0[.modificationDate] as? Date) }
        }
        let result = { [settings] (outcome: BatchRowResult.Outcome) in
            BatchRowResult(row: row.number, folder: folder, seed: settings.seed, outcome: outcome)
        }
        do {
            let sending = self.settings.email?.sendmail != nil
            // With --send, plan.eml only says the message was made; plan.sent, written once sendmail
            // has taken it, says it went out. A run killed while sending leaves plan.eml without it.
            let fileNames = settings.formats.map(\.fileName) + (self.settings.email == nil ? [] : ["plan.eml"])
                + (sending ? [Self.sentRecord] : [])
            if let inputsModified, isComplete(folder, newerThan: max(inputsModified, log?.modified ?? inputsModified), files: fileNames) {
                return result(.skipped)
            }
            if self.settings.email != nil && preferences.email == nil {
                return result(.failed("\(rosterFile):\(row.number): email: is required with --email; give this person an address in the email column"))
            }
            var person = preferences
            if let log {
                let logged = try publisher.logged(preferences, settings: settings, logPath: log.path)
                (person, settings, _) = publisher.nextBlock(after: logged, settings: settings)
            }
            // Planned, rendered and printed once, for the files and the message alike.
            let documents = try publisher.documents(for: person, settings: settings, email: self.settings.email != nil)
            var files = documents.files(settings.formats)
            var message: Data?
            if let email = self.settings.email {
                message = try publisher.message(documents, email: email.message, settings: settings)
                files.append(("plan.eml", message!))
            }
            if sending, self.settings.email?.resend == false, let message, let record = output.wasSent(message, in: folder) {
                // The same plan, sender, recipient and subject: this message went out already; its files are as they were.
                return result(.alreadySent(to: record.recipient, at: record.sentAt))
            }
            if sending {
                // The old record must not vouch for the new message: gone before that is written.
                try AtomicFile.removeFile("\(folder)/\(Self.sentRecord)", inside: output.url)
            }
            _ = try output.write(files.map { ("\(folder)/\($0.path)", $0.data) }, durability: self.settings.durability)
            if let message, let sendmail = self.settings.email?.sendmail {
                do {
                    try sendmail.send(message)
                } catch {
                    // Without plan.eml the row is incomplete, so --skip-existing redoes and resends it.
                    _ = try? AtomicFile.removeFile("\(folder)/plan.eml", inside: output.url)
                    throw error
                }
                if let id = SentRecord.messageID(of: message) {
                    // The recipient as the message names it, from the plan already made (no second planning).
                    let recipient = (try? PlanMessage(settings: self.settings.email!.message, plan: documents.plan).to.display) ?? preferences.email ?? ""
                    let record = SentRecord(messageID: id, recipient: recipient, sentAt: settings.writtenAt)
                    _ = try output.write([("\(folder)/\(Self.sentRecord)", record.data)], durability: self.settings.durability)
                }
            }
            return result(.written(files.map(\.path)))
        } catch {
            return result(.failed("\(rosterFile):\(row.number): \(error)"))
        }
    }

    /// The file that records, after sendmail succeeded, that the person's plan.eml was sent.
    static let sentRecord = SentRecord.fileName

    /// Whether every file of the person is there, not empty, and at least as new as the inputs.
    ///
    /// Files are not flushed one by one, so a power cut before the run's final
    /// sync can leave a renamed file empty: such a person is written again.
    private func isComplete(_ folder: String, newerThan date: Date, files: [String]) -> Bool {
        files.allSatisfy { name in
            guard let url = try? output.url(for: "\(folder)/\(name)"),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                  let modified = attributes[.modificationDate] as? Date,
                  let size = attributes[.size] as? Int
            else { return false }
            return size > 0 && modified >= date
        }
    }
}
