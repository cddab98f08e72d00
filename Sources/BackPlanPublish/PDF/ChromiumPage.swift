import Foundation

/// A tab of a warm Chromium, in a browser context of its own so that it gets a renderer process of its own:
/// a page that hangs or crashes stops only the plan it prints.
package struct ChromiumPage: Sendable {
    let context: String
    let target: String
    let session: String
}

extension ChromiumSession {
    /// Opens a blank page and attaches to it (flattened session), with page events on.
    package func newPage(deadline: Date) throws(DevToolsError) -> ChromiumPage {
        let context = try pipe.call("Target.createBrowserContext", ["disposeOnDetach": true], deadline: deadline)["browserContextId"] as? String ?? ""
        guard !context.isEmpty else { throw .failed("Target.createBrowserContext", message: "no browserContextId in the reply") }
        let target = try pipe.call("Target.createTarget", ["url": "about:blank", "browserContextId": context], deadline: deadline)["targetId"] as? String ?? ""
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
        _ = try? pipe.call("Target.disposeBrowserContext", ["browserContextId": page.context], deadline: deadline)
    }

    /// Loads `file` into `page`, waits for its load event, and prints it as its CSS `@page` rule says.
    ///
    /// - Throws: `DevToolsError` naming the step that failed or ran out of time.
    package func pdf(of file: URL, on page: ChromiumPage, deadline: Date) throws(DevToolsError) -> Data {
        var navigation: DevToolsPipe.Message = [:]
        // A page just opened in a new browser context sometimes answers net::ERR_FILE_NOT_FOUND for a file
        // that is there (seen with 4 pages opened at once, Chromium 156): tried again twice before giving up.
        for attempt in 1...3 {
            pipe.clearEvents(of: page.session)
            navigation = try pipe.call("Page.navigate", ["url": file.absoluteString], session: page.session, deadline: deadline)
            guard let error = navigation["errorText"] as? String, !error.isEmpty else { break }
            guard attempt < 3, error == "net::ERR_FILE_NOT_FOUND", FileManager.default.fileExists(atPath: file.path), Date() < deadline else {
                throw .failed("loading the page", message: error)
            }
            usleep(100_000)
        }
        // The load of this navigation (its loaderId), never a late one of the blank page the tab opened with.
        let loader = navigation["loaderId"] as? String
        try pipe.event("Page.lifecycleEvent", session: page.session, what: "loading the page", deadline: deadline) { params in
            params["name"] as? String == "load" && (loader == nil || params["loaderId"] as? String == loader)
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
