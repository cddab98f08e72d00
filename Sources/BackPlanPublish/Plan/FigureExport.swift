import BackPlanCore
import BackPlanRender
import Foundation

/// Writes the catalog's figures as SVG files.
public enum FigureExport {
    /// Writes `<id>.svg` for every move with a figure and `<id>-<way>.svg` for every way with its own,
    /// all together (atomically), with the key poses side by side.
    public static func export(_ catalog: Catalog, to folder: String) throws -> [URL] {
        let files = catalog.moves.flatMap(\.figures).map { name, figure in
            (path: "\(name).svg", data: Data(FigureSVG.svg(figure, style: .poses, idPrefix: name).utf8))
        }
        return try OutputFolder(path: folder).write(files)
    }
}
