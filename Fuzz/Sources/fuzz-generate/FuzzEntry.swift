import FuzzSupport

/// libFuzzer's entry point: one input through the whole path, as `genpeer FILE --target T`
/// runs it: format detection, parse, normalize, and rendering for every target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.generateAll(Fuzz.data(bytes, size))
    return 0
}

/// Called by libFuzzer once, before the first input: the generators (and so the templates) are
/// made here, so that a binary that cannot find its templates stops before fuzzing.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = Fuzz.generators
    return 0
}
