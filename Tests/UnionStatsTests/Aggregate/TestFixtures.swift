import XCTest
@testable import UnionStats

/// Fixture files and figure builders shared by the aggregate and report tests.
enum TestFixtures {
    /// Tests/UnionStatsTests/Fixtures, found from this file so Package.swift needs no resources.
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    /// figures.csv built from the seed gold table (see scripts/make-figures-fixture.py).
    static var seedFigures: String { directory + "/figures-seed.csv" }

    static func tempDir(_ name: String) throws -> String {
        try TestScratch.directory(name)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func figure(_ value: Decimal, _ unit: String, metric: String = "职工沟通会", metricID: String = "",
                       kind: MetricKind = .flow, month: String = "2020-11", label: String = "当天",
                       region: String = "北京市/朝阳区", code: String = "110105", qualifier: Qualifier = .exact,
                       per: String = "", doc: String = "a.txt", line: Int = 1, published: String = "2020-11-20",
                       end: String = "") -> Figure {
        Figure(doc: doc, article: 1, headline: "", published: published, source: "劳动午报", line: line,
               raw: "\(value)\(unit)", quantity: Quantity(value: value, unit: unit, qualifier: qualifier, per: per),
               metric: metric, metricID: metricID, kind: kind, region: Region(path: region, code: code),
               organization: "", period: Period(label: label, start: "", end: end, month: month), sentence: "")
    }

    /// Writes figures as a figures.csv the way the normalize stage does.
    static func writeFigures(_ figures: [Figure], to path: String) throws {
        let w = try CSVWriter(path: path, header: Figure.columns, numericColumns: Figure.numericColumns)
        for f in figures { try w.write(f.fields) }
        try w.close()
    }
}
