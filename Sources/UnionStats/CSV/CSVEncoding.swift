import Foundation

/// How CSV files are encoded for the spreadsheets that open them.
/// UTF-8 with a BOM is the default: Excel and WPS on Chinese Windows read a
/// CSV without one as GBK (code page 936) and show mojibake.
public enum CSVEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf8"
    case utf8BOM = "utf8-bom"
    case gb18030 = "gb18030"

    /// GB18030 as Foundation on Linux names it (kCFStringEncodingGB_18030_2000).
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)

    var preamble: [UInt8] {
        self == .utf8BOM ? [0xEF, 0xBB, 0xBF] : []
    }

    func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8, .utf8BOM:
            return Array(text.utf8)
        case .gb18030:
            if text.utf8.allSatisfy({ $0 < 0x80 }) { return Array(text.utf8) }
            // GB18030 maps all of Unicode, so this only fails on broken strings.
            return text.data(using: CSVEncoding.foundationGB18030).map { Array($0) } ?? Array(text.utf8)
        }
    }
}
