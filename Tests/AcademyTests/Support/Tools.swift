import Foundation

/// Real command-line tools (openssl, rsvg-convert, zbarimg) that tests cross-check against.
enum Tools {
    /// The full path of an executable found in PATH (or the usual folders), or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool to completion with its output going to files (no pipe can fill up); returns status and stdout.
    static func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (Int32, Data) {
        let outURL = folder.appendingPathComponent("tool.out")
        let errURL = folder.appendingPathComponent("tool.err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try Data(contentsOf: outURL))
    }
}
