import Foundation

/// How numbers appear in progress lines and tables.
public enum Formatting {
    /// Seconds with millisecond precision: `0.021`, `12.345`.
    public static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// A ratio with two significant decimals: `4.10`.
    public static func ratio(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }

    /// Decimal megabytes (10^6 bytes) from KiB, one decimal: ``ru_maxrss`` is in KiB on Linux.
    public static func megabytes(kibibytes: Int) -> String { megabytes(bytes: kibibytes * 1024) }

    /// Decimal megabytes (10^6 bytes), one decimal.
    public static func megabytes(bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }
}
