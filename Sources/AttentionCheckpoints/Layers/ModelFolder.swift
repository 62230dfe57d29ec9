import Foundation

/// A Hugging Face model folder, whose files are looked up by name.
struct ModelFolder {
    let url: URL

    /// The file `name` in the folder, or nil if there is none.
    func file(_ name: String) -> URL? {
        let file = url.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// The file `name` in the folder.
    ///
    /// - Throws: ``CheckpointError/missingFile(_:folder:)`` if there is none.
    func requiredFile(_ name: String) throws -> URL {
        guard let file = file(name) else { throw CheckpointError.missingFile(name, folder: url.path) }
        return file
    }
}
