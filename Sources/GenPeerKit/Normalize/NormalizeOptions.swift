/// What the user says about the peer that the Alibaba document cannot know.
public struct NormalizeOptions: Sendable {
    /// The cloud gateway's address, overriding `InternetIp` / `LocalId`.
    public var remoteAddress: IPv4Address?
    /// The on-premises gateway's own address; `nil` for the target's "default route" form.
    public var localAddress: IPv4Address?
    public var startAction: StartAction
    /// Put ``PresharedKey/redacted`` in the model in place of every (valid) key.
    public var redactsSecrets: Bool

    public init(remoteAddress: IPv4Address? = nil, localAddress: IPv4Address? = nil, startAction: StartAction = .start, redactsSecrets: Bool = false) {
        self.remoteAddress = remoteAddress
        self.localAddress = localAddress
        self.startAction = startAction
        self.redactsSecrets = redactsSecrets
    }
}
