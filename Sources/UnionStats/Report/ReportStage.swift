/// Writes `output/reports/YYYY-MM.txt` from the figures and tables (STUB: owned by the report work).
public enum ReportStage {
    public static func run(figuresPath: String, tablesDir: String, reportsDir: String) throws {}
}
