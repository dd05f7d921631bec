// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The template folders, templates/<target>/: compiled in by the EmbedTemplates plugin, so
/// no sources or resources of their target.
let templateFolders = ((try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/templates")) ?? [])
    .filter { !$0.hasSuffix(".swift") && !$0.hasPrefix(".") }.sorted()

let package = Package(
    name: "genpeer",
    products: [
        .library(name: "GenPeerKit", targets: ["GenPeerKit"]),
        .executable(name: "genpeer", targets: ["genpeer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CSystem"),
        // The bundled templates, compiled into the executable: the EmbedTemplates plugin turns
        // every templates/<target>/<name>.mustache into Swift source, so genpeer needs no file
        // beside it.
        .target(
            name: "GenPeerTemplates",
            path: "templates",
            exclude: templateFolders,
            sources: ["BundledTemplates.swift"],
            plugins: ["EmbedTemplates"]
        ),
        .plugin(name: "EmbedTemplates", capability: .buildTool()),
        .target(
            name: "GenPeerKit",
            dependencies: [
                "CLibXML2",
                "CSystem",
                "GenPeerTemplates",
            ]
        ),
        .executableTarget(
            name: "genpeer",
            dependencies: [
                "GenPeerKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(
            name: "GenPeerKitTests",
            dependencies: ["GenPeerKit", "CPseudoTerminal", .product(name: "Ink", package: "Ink")]
        ),
    ]
)
