import Foundation

/// The data folder holds the database and private keys: only its owner may enter it.
public enum DataDirectory {
    public static func prepare(_ path: String) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            try manager.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    }
}
