import Foundation

/// A tab of a warm Chromium, in a browser context of its own so that it gets a renderer process of its own:
/// a page that hangs or crashes stops only the plan it prints. The tab the browser opened with is the one
/// page of its default context (`context` empty).
package struct ChromiumPage: Sendable {
    let context: String
    let target: String
    let session: String
    /// The page's main frame, whose document each plan replaces.
    let frame: String
}

extension ChromiumSession {
    /// Opens a blank page in a new browser context and attaches to it (flattened session), with page events on.
    package func newPage(deadline: Date) throws(DevToolsError) -> ChromiumPage {
        let context = try pipe.call("Target.createBrowserContext", ["disposeOnDetach": true], deadline: deadline)["browserContextId"] as? String ?? ""
        guard !context.isEmpty else { throw .failed("Target.createBrowserContext", message: "no browserContextId in the reply") }
        let target = try pipe.call("Target.createTarget", ["url": "about:blank", "browserContextId": context], deadline: deadline)["targetId"] as? String ?? ""
        return try attach(to: target, context: context, deadline: deadline)
    }

    /// The blank tab the browser opened with, attached like `newPage`: at start-up it is there already, while making
    /// a context and a tab is work the first plan would wait for. A new page when there is none.
    package func firstPage(deadline: Date) throws(DevToolsError) -> ChromiumPage {
        // The tab is listed once the browser has made it, a moment after it answers.
        let patience = min(deadline, Date().addingTimeInterval(2))
        repeat {
            let targets = try pipe.call("Target.getTargets", deadline: deadline)["targetInfos"] as? [DevToolsPipe.Message] ?? []
            if let tab = targets.first(where: { $0["type"] as? String == "page" && $0["attached"] as? Bool != true }),
               let target = tab["targetId"] as? String {
                return try attach(to: target, context: "", deadline: deadline)
            }
            usleep(10_000)
        } while Date() < patience
        return try newPage(deadline: deadline)
    }

    private func attach(to target: String, context: String, deadline: Date) throws(DevToolsError) -> ChromiumPage {
        let session = try pipe.call("Target.attachToTarget", ["targetId": target, "flatten": true], deadline: deadline)["sessionId"] as? String ?? ""
        pipe.watch(session)
        try pipe.call("Page.enable", session: session, deadline: deadline)
        try pipe.call("Page.setLifecycleEventsEnabled", ["enabled": true], session: session, deadline: deadline)
        let tree = try pipe.call("Page.getFrameTree", session: session, deadline: deadline)
        guard let frame = (tree["frameTree"] as? DevToolsPipe.Message)?["frame"] as? DevToolsPipe.Message, let id = frame["id"] as? String else {
            throw .failed("Page.getFrameTree", message: "no main frame in the reply")
        }
        return ChromiumPage(context: context, target: target, session: session, frame: id)
    }

    /// Closes a page and its browser context, waiting at most `seconds`; a page that does not answer is left to `close()`.
    package func closePage(_ page: ChromiumPage, seconds: TimeInterval = 2) {
        pipe.unwatch(page.session)
        let deadline = Date().addingTimeInterval(seconds)
        _ = try? pipe.call("Target.closeTarget", ["targetId": page.target], deadline: deadline)
        if !page.context.isEmpty {
            _ = try? pipe.call("Target.disposeBrowserContext", ["browserContextId": page.context], deadline: deadline)
        }
    }

    /// Puts `html` into `page` as a new document, waits for that document's load event, and prints it as its CSS `@page` rule says.
    ///
    /// The page is given the HTML itself (`Page.setDocumentContent`) rather
    /// than sent to a file: a navigation costs the browser process a new
    /// document and frame host each time (about a fifth of a plan's CPU), and
    /// the document has no address from which a relative reference could
    /// reach a file. The load waited for is the one that follows this
    /// document's `Page.documentOpened`, never one of the page's previous
    /// document, whose load was waited for before it was printed.
    ///
    /// - Throws: `DevToolsError` naming the step that failed or ran out of time.
    package func pdf(of html: String, on page: ChromiumPage, deadline: Date) throws(DevToolsError) -> Data {
        pipe.clearEvents(of: page.session)
        do {
            // Parsing runs inside this command: a page that never stops (a script that spins) keeps it from answering.
            try pipe.call("Page.setDocumentContent", ["frameId": page.frame, "html": html], session: page.session, deadline: deadline)
        } catch {
            switch error {
            case .timedOut: throw .timedOut("loading the page")
            case let .failed(_, message): throw .failed("loading the page", message: message)
            case .browserGone: throw error
            }
        }
        try pipe.event("Page.documentOpened", session: page.session, what: "loading the page", deadline: deadline) { params in
            (params["frame"] as? DevToolsPipe.Message)?["id"] as? String == page.frame
        }
        try pipe.event("Page.lifecycleEvent", session: page.session, what: "loading the page", deadline: deadline) { params in
            params["name"] as? String == "load" && params["frameId"] as? String == page.frame
        }
        let printed = try pipe.call("Page.printToPDF", [
            "printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false,
            "transferMode": "ReturnAsBase64",
        ], session: page.session, deadline: deadline)
        guard let base64 = printed["data"] as? String, let data = Data(base64Encoded: base64), data.starts(with: Data("%PDF".utf8)) else {
            throw .failed("Page.printToPDF", message: "the reply holds no PDF")
        }
        return data
    }
}
