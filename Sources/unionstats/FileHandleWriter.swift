import Foundation

enum FileHandleWriter {
    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
