// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "commune-academy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "academy", targets: ["academy"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Already built for Hummingbird; named here for NIOSingletons (see Sources/academy/Academy.swift).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already built for Hummingbird; named for NIOHTTPTypes (the request-body deadline's channel handler).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // Vapor's streaming multipart parser: linear in the body's size (our own splitter was not), and its only
        // dependencies (swift-nio, swift-collections) are already built for Hummingbird.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // `/metrics` in Prometheus's text format (issue 17): the Swift Server Work Group's Prometheus backend for
        // swift-metrics, which Hummingbird already records request counts and latencies into. Its one other
        // dependency, swift-atomics, is already built for swift-nio.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSystemZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Brotli (Google's reference encoder, Debian's libbrotli): HTML a fifth smaller than gzip for weak links.
        .systemLibrary(
            name: "CBrotli",
            pkgConfig: "libbrotlienc",
            providers: [.apt(["libbrotli-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Cairo (Debian's libcairo2-dev) draws the certificate PDF: A4, the font embedded as a subset, text a PDF
        // reader can select and search. Its FreeType/fontconfig face loads the font by file (Liberation Serif 2,
        // Times New Roman's metrics, every Vietnamese letter).
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo-ft",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(
            name: "Signing",
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "Academy",
            dependencies: [
                "Signing",
                "CSystemZlib",
                "CBrotli",
                "CCmark",
                "CQRencode",
                "CCairo",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Web/Resources")]
        ),
        .executableTarget(
            name: "academy",
            dependencies: [
                "Academy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                "Signing",
            ]
        ),
        .testTarget(
            name: "SigningTests",
            dependencies: ["Signing"]
        ),
        .testTarget(
            name: "AcademyTests",
            dependencies: [
                "Academy",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
