import ArgumentParser
import BackPlanPublish
import BackPlanRender

/// `backplan site`: the exercise library as a static website.
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write the exercise library as a static website (index, one page per move and area, safety, example plan).",
        discussion: """
            Links are relative, so the folder works as it is: open index.html, or copy the folder \
            to any path of a web server. Give --base-url to add canonical links and sitemap.xml. \
            A rebuild rewrites only the files that changed, and removes pages the catalog no \
            longer has (only files that backplan site wrote, listed in DIR/.backplan-site). \
            The site is written only into a new or empty folder, or one an earlier build wrote; \
            --force writes it beside other files, but a file it did not write is never replaced.
            """
    )

    @OptionGroup var sources: SourceOptions

    @Option(name: .long, help: ArgumentHelp("Folder to write the site into.", valueName: "dir"))
    var output = "Output/site"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The address the site will be published at, for canonical links and sitemap.xml.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("The site's name, shown on every page.", valueName: "text"))
    var title = SiteSettings.defaultTitle

    @Flag(name: .long, help: "Write into a folder that holds other files; none of them is ever replaced.")
    var force = false

    @Flag(name: .long, help: "Say what was written, left unchanged and removed.")
    var verbose = false

    func validate() throws {
        if let baseURL, SiteSettings.normalizedBaseURL(baseURL) == nil {
            throw ValidationError("--base-url '\(baseURL)' is not usable; expected an absolute http or https address without spaces, quotes, query or fragment, such as https://clinic.example/exercises/")
        }
        if title.allSatisfy(\.isWhitespace) || title.contains(where: \.isNewline) {
            throw ValidationError("--title must be one line of text, such as \"Back exercises of the Example Clinic\"")
        }
    }

    func run() throws {
        guard let settings = SiteSettings(title: title, baseURL: baseURL) else {
            throw ValidationError("--base-url '\(baseURL ?? "")' is not usable")
        }
        // A folder already in step with these inputs is told apart before the catalog is parsed.
        let report = try SitePublisher.upToDate(in: output, catalogPath: sources.catalog, templatesPath: sources.templates, settings: settings)
            ?? SitePublisher(inputs: try sources.inputs(), settings: settings).publish(to: output, force: force)
        if verbose {
            for path in report.written { print("wrote \(path)") }
            for path in report.removed { print("removed \(path)") }
            print("\(PlanCommand.display(report.folder)): \(report.summary)")
        } else {
            print(PlanCommand.display(report.folder.appendingPathComponent("index.html")))
        }
    }
}
