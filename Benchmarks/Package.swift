// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "genpeer-bench",
    products: [
        .executable(name: "genpeer-bench", targets: ["genpeer-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "BenchKit"),
        .executableTarget(name: "genpeer-bench-spawn"),
        .executableTarget(
            name: "genpeer-bench",
            dependencies: [
                "BenchKit",
                "genpeer-bench-spawn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "BenchKitTests", dependencies: ["BenchKit"]),
    ]
)
