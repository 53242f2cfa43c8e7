// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "DevCoop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "devcoop", targets: ["devcoop"]),
        .library(name: "IATI", targets: ["IATI"]),
        .library(name: "IATIXML", targets: ["IATIXML"]),
        .library(name: "IATIValidation", targets: ["IATIValidation"]),
        .library(name: "Portfolio", targets: ["Portfolio"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "Tabular", targets: ["Tabular"]),
        .library(name: "Web", targets: ["Web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        // SQLiteBulkWriter reads sqlite-nio's private handle: a new minor version is checked before it is taken.
        .package(url: "https://github.com/vapor/sqlite-nio", .upToNextMinor(from: "1.13.2")),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Without swift-configuration: the server is configured by the command line.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "IATI"),
        .target(name: "Charts"),
        .target(name: "Tabular", dependencies: ["CZlib"]),
        .target(name: "IATIXML", dependencies: ["IATI", "CLibXML2", "CZlib"]),
        .target(
            name: "IATIValidation",
            dependencies: [
                "IATI", "IATIXML", "CLibXML2",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Resources/schemas"), .copy("Resources/codelists"), .copy("Resources/rulesets")]
        ),
        .target(
            name: "Portfolio",
            dependencies: ["IATI", "CZlib"],
            resources: [
                .copy("Resources/country-regions.csv"), .copy("Resources/known-organisations.csv"),
                .copy("Resources/partner-names.csv"),
                .copy("Resources/eurofxref-hist.zip"), .copy("Resources/ilo-dc-strategy-2020-2025.json"),
                .copy("Resources/ilo-dc-reported-figures-2023.json"),
            ]
        ),
        .target(
            name: "Store",
            dependencies: [
                "IATI", "IATIXML", "IATIValidation", "Portfolio",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Web",
            dependencies: [
                "IATI", "IATIXML", "IATIValidation", "Portfolio", "Store", "Charts", "Tabular",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/strings"), .copy("Resources/static"), .copy("Resources/openapi")]
        ),
        .executableTarget(
            name: "devcoop",
            dependencies: [
                "IATI", "IATIXML", "IATIValidation", "Portfolio", "Store", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["CZlib"], path: "Tests/TestSupport"),
        .testTarget(name: "IATITests", dependencies: ["IATI"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "CZlib", "TestSupport"]),
        .testTarget(name: "IATIXMLTests", dependencies: ["IATIXML", "TestSupport"]),
        .testTarget(name: "IATIValidationTests", dependencies: ["IATIValidation", "TestSupport"]),
        .testTarget(name: "PortfolioTests", dependencies: ["Portfolio", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "DevcoopTests", dependencies: ["devcoop", "TestSupport"]),
    ]
)
