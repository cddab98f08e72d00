import BackPlanRender
import Foundation

/// Copies the default templates out for editing.
public enum TemplateExport {
    /// Writes every default template into `folder`; refuses to replace existing files unless `overwrite`.
    public static func export(to folder: String, overwrite: Bool) throws -> [URL] {
        let output = OutputFolder(path: folder)
        let files = TemplateSet.defaults.sorted { $0.key < $1.key }
        if !overwrite {
            for (name, _) in files where FileManager.default.fileExists(atPath: try output.url(for: name).path) {
                throw PublishError(path: try output.url(for: name).path, problem: .invalid("already exists; pass --force to replace it"))
            }
        }
        return try output.write(files.map { ($0.key, Data($0.value.utf8)) })
    }
}
