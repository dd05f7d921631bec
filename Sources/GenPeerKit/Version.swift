/// genpeer's version, as `genpeer --version` prints it.
public enum GenPeerVersion {
    public static let current = "0.2.0"
}
