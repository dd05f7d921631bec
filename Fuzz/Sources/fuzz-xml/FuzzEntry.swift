import FuzzSupport
import GenPeerKit

/// libFuzzer's entry point: one input through DocumentReader with the format forced to xml, so
/// that every input reaches the libxml2-based XML reader and the model's decoding (XMLNodeDecoder).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.read(Fuzz.data(bytes, size), as: .xml)
    return 0
}
