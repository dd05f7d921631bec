import FuzzSupport
import GenPeerKit

/// libFuzzer's entry point: one input through DocumentReader with the format forced to json, so
/// that every input reaches the JSON reader (JSONDocumentReader, Foundation's JSONDecoder) and the
/// model's decoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.read(Fuzz.data(bytes, size), as: .json)
    return 0
}
