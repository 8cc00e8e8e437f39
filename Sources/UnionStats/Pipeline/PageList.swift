/// The pages of an input folder, in the order they are processed (by the bytes
/// of their names): every file but `manifest.csv` and dot files. The names are
/// kept in one block (`FolderNames`): a path string and a closure per page took
/// about 200 bytes a page for as long as the run, 20 MB for 100,000 pages.
public struct PageList: RandomAccessCollection, Sendable {
    public let folder: String
    private let names: FolderNames

    public init(folder: String) throws {
        self.folder = folder
        names = try FolderNames(folder, excluding: ["manifest.csv"])
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { names.count }

    /// The page's file name.
    public func name(_ i: Int) -> String { names[i] }

    /// The page's path.
    public subscript(i: Int) -> String { FilePaths.join(folder, names[i]) }
}
