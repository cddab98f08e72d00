import Foundation
import PackagePlugin

/// Embeds `Data/` and `Templates/` into the target as generated Swift source.
///
/// Bundle resources are found relative to the executable and break when the
/// binary is copied elsewhere; generated source travels with it.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        let inputs = try ["Data", "Templates"].flatMap { folder in
            try files(under: root.appending(path: folder))
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultResources+Embedded.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) default data and template files",
                executable: try context.tool(named: "EmbedResources").url,
                arguments: [output.path, root.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    private func files(under folder: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator {
            if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
