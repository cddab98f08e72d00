/// A problem while writing output or running a helper program, with the path it is about.
public struct PublishError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case cannotWrite(String)
        case cannotRead(String)
        case unsafePath
        case notUTF8
        case invalid(String)
        /// The folder holds the plan of another person (`name`, plan `planID`), which writing would replace.
        case otherPersonsPlan(name: String, planID: String, newName: String)
    }

    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .cannotWrite(let reason): "\(path): cannot write: \(reason)"
        case .cannotRead(let reason): "\(path): cannot read: \(reason)"
        case .unsafePath: "\(path): refusing to write outside the output folder"
        case .notUTF8: "\(path): the file is not UTF-8 text"
        case .invalid(let message): "\(path): \(message)"
        case let .otherPersonsPlan(name, planID, newName):
            "\(path): this folder holds the plan of \(name) (plan \(planID)); writing \(newName)'s plan would replace it. Give another --output, or --force to replace it"
        }
    }
}
