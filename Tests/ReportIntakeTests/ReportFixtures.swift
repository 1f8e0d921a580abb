import CoreFoundation
import Foundation
import ReportKitTesting
import ReportIntake
import ReportKit
import ZIPFoundation

/// Made-up reports written for these tests, and the ways to turn them into the files an office receives.
enum ReportFixtures {
    /// A plain report with a title, salutation and a signature; full-width digits and one stray `,`.
    static let signedReport = """
        青溪县农业农村局2023年度法治政府建设情况报告
        县委全面依法治县委员会办公室：
        2023年，青溪县农业农村局在县委、县政府的领导下，紧扣年度法治建设任务，推动各项工作落地见效，现将有关情况报告如下。
        一、主要工作成效
        （一）健全领导机制。局党组召开专题会议６次，研究部署法治建设重点任务。
        （二）规范执法行为。全年办理行政处罚案件２８件，案卷评查合格率100%。
        二、存在的不足
        部分执法人员业务能力有待提升,培训的针对性不够强。
        三、下一步工作打算
        （一）加强学法培训。每季度组织一次集中学法。
        （二）深化普法宣传。围绕“谁执法谁普法”开展进村入户宣讲。

        青溪县农业农村局
        2024年1月26日

        """

    /// `signedReport` as the normalised text: widths folded, blank lines gone, punctuation as written.
    static let signedReportText = """
        青溪县农业农村局2023年度法治政府建设情况报告
        县委全面依法治县委员会办公室：
        2023年，青溪县农业农村局在县委、县政府的领导下，紧扣年度法治建设任务，推动各项工作落地见效，现将有关情况报告如下。
        一、主要工作成效
        (一)健全领导机制。局党组召开专题会议6次，研究部署法治建设重点任务。
        (二)规范执法行为。全年办理行政处罚案件28件，案卷评查合格率100%。
        二、存在的不足
        部分执法人员业务能力有待提升,培训的针对性不够强。
        三、下一步工作打算
        (一)加强学法培训。每季度组织一次集中学法。
        (二)深化普法宣传。围绕“谁执法谁普法”开展进村入户宣讲。
        青溪县农业农村局
        2024年1月26日

        """

    /// A page copied from a government site: label–value header, indented body, a signature dated in
    /// Chinese numerals, trailing chrome.
    static let scrapedPage = """
        索引号
        11530000MB0000000X/2024-00112
        信息分类
        工作报告
        发布机构
        石峰市交通运输局
        文号
        发布日期
        2024-04-02
        信息名称
        石峰市交通运输局2023年法治政府建设工作报告
          2023年，市交通运输局坚持依法行政，全面推进交通运输领域法治建设，各项工作取得新进展。
          一、工作开展情况
          （一）强化组织保障。调整法治建设领导小组，明确分管领导和责任科室。
          （二）严格执法监督。开展执法案卷评查２次，整改问题１１个。
          二、下一步打算
          持续推进执法规范化建设，提升依法行政水平。
        石峰市交通运输局
        二〇二四年三月二十日
        扫一扫在手机打开当前页
        附件下载>>
        相关链接>>
        【打印】【关闭】

        """

    static let scrapedPageText = """
        石峰市交通运输局2023年法治政府建设工作报告
        2023年，市交通运输局坚持依法行政，全面推进交通运输领域法治建设，各项工作取得新进展。
        一、工作开展情况
        (一)强化组织保障。调整法治建设领导小组，明确分管领导和责任科室。
        (二)严格执法监督。开展执法案卷评查2次，整改问题11个。
        二、下一步打算
        持续推进执法规范化建设，提升依法行政水平。
        石峰市交通运输局
        二〇二四年三月二十日

        """

    /// A page whose header is a date split over three lines and a 来源 line; no signature.
    static let splitDatePage = """
        2024
        05/17
        09:30
        来源:
        北岭区司法局
        扫一扫在手机打开当前页
        2023年在区委、区政府的领导下，区司法局扎实推进法治政府建设。
        一、主要做法
        组织全区执法人员培训3期，参训人员260人次。
        附件下载>>

        """

    /// A report with no title, no signature and no year of its own.
    static let bareReport = """
        今年以来，局机关持续推进依法行政，各项工作有序开展。
        一、学法用法情况
        全年组织集中学法8次，参学人员210人次。
        二、执法监督情况
        开展执法检查15次，发现并整改问题9个。

        """

    /// The reports above by a short name, for parameterised tests.
    static let reports: [String: String] = [
        "signed": signedReport, "scraped": scrapedPage, "split-date": splitDatePage, "bare": bareReport,
    ]

    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(
        CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

    static func read(_ data: Data, name: String, options: IntakeOptions = IntakeOptions()) throws(IntakeError)
        -> Document {
        try ReportReader(options: options).read(data, name: name, received: Date(timeIntervalSince1970: 0))
    }

    /// The error reading `data` gives, or nil when it reads.
    static func failure(_ data: Data, name: String, options: IntakeOptions = IntakeOptions()) -> IntakeError? {
        do {
            _ = try read(data, name: name, options: options)
            return nil
        } catch {
            return error
        }
    }

    /// The text as a simple HTML page, one `<p>` per line, escaped.
    static func htmlPage(_ text: String) -> Data {
        let paragraphs = text.split(separator: "\n").map { "<p>\(escapeXML(String($0)))</p>" }.joined(separator: "\n")
        return Data("""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>报告</title></head>
            <body>
            \(paragraphs)
            </body></html>
            """.utf8)
    }

    /// UTF-8 bytes re-encoded as UTF-16 LE with a byte-order mark.
    static func utf16WithBOM(_ utf8: Data) -> Data {
        Data([0xFF, 0xFE]) + String(decoding: utf8, as: UTF8.self).data(using: .utf16LittleEndian)!
    }

    /// The text as Markdown, its first line a level-1 heading.
    static func markdown(_ text: String) -> Data {
        Data(("# " + text).utf8)
    }

    /// The text as a .docx, one paragraph per line, each line split over two runs.
    static func docx(_ text: String) throws -> Data {
        let paragraphs = text.split(separator: "\n").map { line -> String in
            let half = line.index(line.startIndex, offsetBy: line.count / 2)
            return "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                + escapeXML(String(line[..<half])) + "</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>"
                + escapeXML(String(line[half...])) + "</w:t></w:r></w:p>"
        }.joined()
        return try docx(body: paragraphs)
    }

    /// A .docx whose document part has `body` inside `<w:body>`.
    static func docx(body: String, extraEntries: [(String, Data)] = []) throws -> Data {
        try DocxFixture.docx(body: body, extraEntries: extraEntries)
    }

    /// A deflated ZIP archive of the entries.
    static func zip(_ entries: [(String, Data)]) throws -> Data {
        try DocxFixture.zip(entries)
    }

    static func escapeXML(_ text: String) -> String {
        DocxFixture.escapeXML(text)
    }
}

/// Reproducible bytes that look like nothing, from a SplitMix64 sequence.
struct NoiseBytes {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ count: Int, excluding excluded: Set<UInt8> = []) -> Data {
        var data = Data()
        while data.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            let byte = UInt8(truncatingIfNeeded: mixed ^ (mixed >> 31))
            if !excluded.contains(byte) { data.append(byte) }
        }
        return data
    }
}
