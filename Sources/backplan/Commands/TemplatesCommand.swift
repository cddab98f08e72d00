import ArgumentParser
import BackPlanPublish

/// `backplan templates export DIR`.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the Mustache templates plans and pages are rendered from.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the default templates into a folder to customise them.",
            discussion: "Edit the copies, then pass the folder with --templates; a file there replaces the default of the same name, so delete the ones you keep as they are."
        )

        @Argument(help: ArgumentHelp("Folder to copy the templates into.", valueName: "dir"))
        var folder: String

        @Flag(name: .long, help: "Replace files that already exist.")
        var force = false

        func run() throws {
            for url in try TemplateExport.export(to: folder, overwrite: force) {
                print(PlanCommand.display(url))
            }
        }
    }
}
