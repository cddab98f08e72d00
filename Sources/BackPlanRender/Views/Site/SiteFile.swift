/// One file of the site, rendered in memory: its path under the site folder and its text.
package struct SiteFile: Equatable, Sendable {
    package var path: SitePath
    package var text: String

    package init(path: SitePath, text: String) {
        self.path = path
        self.text = text
    }
}
