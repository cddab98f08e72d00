import Foundation

/// A tab of a warm Chromium, in a browser context of its own so that it gets a renderer process of its own:
/// a page that hangs or crashes stops only the plan it prints. The tab the browser opened with is the one
/// page of its default context (`context` empty).
package struct ChromiumPage: Sendable {
    let context: String
    let target: String
    let session: String
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
    /// a context and a tab costs a few hundred milliseconds of a loaded machine. A new page when there is none.
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
        return ChromiumPage(context: context, target: target, session: session)
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

    /// Loads `file` into `page`, waits for the load event of that very navigation, and prints it as its CSS `@page` rule says.
    ///
    /// The load waited for is the one of this navigation (its frame and
    /// `loaderId`), never a late one of the page's previous document.
    ///
    /// - Throws: `DevToolsError` naming the step that failed or ran out of time.
    package func pdf(of file: URL, on page: ChromiumPage, deadline: Date) throws(DevToolsError) -> Data {
        pipe.clearEvents(of: page.session)
        let navigation = try pipe.call("Page.navigate", ["url": file.absoluteString], session: page.session, deadline: deadline)
        if let error = navigation["errorText"] as? String, !error.isEmpty {
            throw .failed("loading the page", message: error)
        }
        // Only a same-document navigation has no loaderId; a file never loads that way.
        guard let frame = navigation["frameId"] as? String, let loader = navigation["loaderId"] as? String else {
            throw .failed("loading the page", message: "Page.navigate named no frame and loader: \(navigation)")
        }
        try pipe.event("Page.lifecycleEvent", session: page.session, what: "loading the page", deadline: deadline) { params in
            params["name"] as? String == "load" && params["frameId"] as? String == frame && params["loaderId"] as? String == loader
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
