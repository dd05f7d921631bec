// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "genpeer-bench",
    targets: [
        .target(name: "BenchKit"),
        .testTarget(name: "BenchKitTests", dependencies: ["BenchKit"]),
    ]
)
