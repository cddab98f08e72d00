import ArgumentParser
import BackPlanCore
import BackPlanPublish

/// `backplan catalog list|show|validate|figures`.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Browse and check the exercise catalog.",
        subcommands: [List.self, Show.self, Validate.self, Figures.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the moves, optionally filtered.")

        @OptionGroup var catalog: CatalogOption

        @Option(help: "Only moves good for this area.")
        var area: Area?

        @Option(help: "Only moves that can use this equipment.")
        var equipment: Equipment?

        @Option(help: "Only moves of this phase.")
        var phase: Phase?

        @Flag(help: "Print JSON (the catalog schema of the spec) instead of a table.")
        var json = false

        func run() throws {
            let catalog = try catalog.load()
            let moves = catalog.moves(area: area, equipment: equipment, phase: phase)
            if json {
                print(catalog.json(moves: moves), terminator: "")
            } else {
                print(CatalogText.table(moves), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one move: what it is good for, how to do it, the dose.")

        @OptionGroup var catalog: CatalogOption

        @Argument(help: ArgumentHelp("The move's id, as `catalog list` prints it.", valueName: "id"))
        var id: String

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let catalog = try catalog.load()
            guard let move = catalog.move(id: id) else {
                let hint = catalog.suggestion(for: id).map { " Did you mean '\($0)'?" } ?? ""
                throw CommandError("no move with id '\(id)'.\(hint) Run `backplan catalog list` to see all ids.")
            }
            print(json ? catalog.json(move: move) : CatalogText.details(move, catalog: catalog), terminator: "")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a catalog file and summarise it.")

        @Argument(help: ArgumentHelp("The catalog YAML to check.", valueName: "file"))
        var file: String

        func run() throws {
            let catalog = try Catalog(yaml: try Inputs.readText(file, limit: Inputs.catalogLimit), file: file)
            let counts = Phase.allCases.map { phase in "\(catalog.moves(phase: phase).count) \(phase.rawValue)" }
            print("\(file): OK, \(Plural.count(catalog.moves.count, "move")) (\(counts.joined(separator: ", "))), \(Plural.count(catalog.advice.count, "piece", "pieces")) of advice, \(Plural.count(catalog.faq.count, "question"))")
        }
    }

    struct Figures: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every move's figure as an SVG file into a folder.",
            discussion: "Writes DIR/<id>.svg for each move with a figure, and DIR/<id>-<way>.svg for a way with its own (row-dumbbells.svg)."
        )

        @OptionGroup var catalog: CatalogOption

        @Argument(help: ArgumentHelp("Folder to write the SVG files into.", valueName: "dir"))
        var folder: String

        @Flag(name: .long, help: "Print each file written.")
        var verbose = false

        func run() throws {
            let written = try FigureExport.export(try catalog.load(), to: folder)
            if verbose { for url in written { print(PlanCommand.display(url)) } }
        }
    }
}

/// `--catalog FILE` for the catalog subcommands.
struct CatalogOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Use this catalog YAML instead of the built-in one.", valueName: "file"))
    var catalog: String?

    func load() throws -> Catalog {
        guard let catalog else { return .builtIn }
        return try Catalog(yaml: try Inputs.readText(catalog, limit: Inputs.catalogLimit), file: catalog)
    }
}

extension Area: ExpressibleByArgument {}
extension Equipment: ExpressibleByArgument {}
extension Phase: ExpressibleByArgument {}
