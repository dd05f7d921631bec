// swift-tools-version:5.4
// libFuzzer targets for genpeer: build and run them with scripts/fuzz (see Fuzz/README.md).
//
// This package is never depended upon, so it may pass unsafe flags. The coverage and sanitizer
// flags that must reach GenPeerKit too (-sanitize=fuzzer,address) come from the command line
// (`-Xswiftc`), which applies them to every target of the build; the fuzz targets themselves
// only add what libFuzzer needs of an executable: no `main` of their own.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM compiles an executable's entry point as
// `<module>_main` and links with `--defsym main=<module>_main`, which fails for a fuzz target,
// whose `main` is libFuzzer's ("undefined symbol fuzz_xml_main").
import PackageDescription

/// A fuzz target's single file defines `LLVMFuzzerTestOneInput` and no entry point: libFuzzer's
/// runtime, linked in by `-sanitize=fuzzer`, brings `main`.
let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
/// The toolchain's own lld: Debian's gold prints hundreds of harmless "cannot export local symbol"
/// warnings for AddressSanitizer's symbols.
let fuzzLink: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "genpeer-fuzz",
    dependencies: [
        // Named: a path dependency's identity is otherwise its folder's name, which differs
        // between clones (CI clones into a folder of its own).
        .package(name: "genpeer", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "GenPeerKit", package: "genpeer")]
        ),
        .executableTarget(name: "fuzz-xml", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget, linkerSettings: fuzzLink),
        .executableTarget(name: "fuzz-json", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget, linkerSettings: fuzzLink),
        .executableTarget(name: "fuzz-generate", dependencies: ["FuzzSupport"], swiftSettings: fuzzTarget, linkerSettings: fuzzLink),
    ]
)
