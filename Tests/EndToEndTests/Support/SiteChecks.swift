import Foundation

/// Checks over a written site folder: relative links and HTML5 validity.
enum SiteChecks {
    /// Every `href` and `src` value of an HTML page, in order.
    static func links(in html: String) -> [String] {
        let pattern = #/\s(?:href|src)="([^"]*)"/#
        return html.matches(of: pattern).map { String($0.output.1) }
    }

    /// Relative links of every page that do not lead to a file of the site, as "page: link".
    ///
    /// Absolute http(s) links are allowed only as canonical links; a link
    /// starting with "/" would break the site on a sub-path or file://.
    static func brokenLinks(in scratch: ScratchFolder, site: String, pages: [String]) throws -> [String] {
        var broken: [String] = []
        for page in pages {
            let html = try scratch.read(site + "/" + page)
            let folder = (page as NSString).deletingLastPathComponent
            for link in links(in: html) {
                if link.hasPrefix("https://") || link.hasPrefix("http://") {
                    if !html.contains("<link rel=\"canonical\" href=\"\(link)\">") { broken.append("\(page): \(link) is absolute") }
                    continue
                }
                if link.hasPrefix("#") { continue }
                let path = String(link.prefix { $0 != "#" && $0 != "?" })
                if path.hasPrefix("/") || path.contains(":") {
                    broken.append("\(page): \(link) is not relative")
                    continue
                }
                let target = ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
                if target.hasPrefix("..") || !scratch.exists(site + "/" + target) { broken.append("\(page): \(link) does not resolve") }
            }
        }
        return broken
    }

    /// The HTML checker script beside the tests.
    static let checker = Backplan.packageRoot.appendingPathComponent("Tests/Tools/check_html.py")

    /// Whether `python3` with html5lib is there; the validity tests skip without it.
    static let hasHTML5Lib: Bool = {
        guard toolExists("python3"), let result = try? python(["-c", "import html5lib"]) else { return false }
        return result.status == 0
    }()

    /// Runs the checker over `pages` of the site; its output lists one problem a line.
    static func validate(_ pages: [String], in scratch: ScratchFolder, site: String) throws -> Backplan.Result {
        try python([checker.path] + pages.map { scratch.url.appendingPathComponent(site + "/" + $0).path })
    }

    static func python(_ arguments: [String]) throws -> Backplan.Result {
        try ChildProcess.run(tool: "python3", arguments)
    }
}
