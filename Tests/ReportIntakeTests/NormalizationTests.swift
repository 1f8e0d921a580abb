import Foundation
@testable import ReportIntake
import Testing

@Suite struct NormalizationTests {
    @Test func fullWidthDigitsLettersParenthesesAndSpacesFoldButChinesePunctuationStays() {
        let text = "（一）全年办理案件２８件，占比１２．５％；ＡＢｃ　完成。(二)半角,标点:保留!\n"
        #expect(TextNormalizer.normalize(text) == "(一)全年办理案件28件，占比12.5%；ABc 完成。(二)半角,标点:保留!\n")
    }

    @Test func lineEndingsBecomeNewlinesAndBlankLinesAndIndentationGo() {
        let text = "\u{FEFF}  第一行\r\n\r\n\u{3000}\u{3000}第二行\t \r第三\u{200B}行\u{2028}第四行\n\n\n"
        #expect(TextNormalizer.normalize(text) == "第一行\n第二行\n第三行\n第四行\n")
    }

    @Test func spacesInsideALineAreKeptForAudit() {
        #expect(TextNormalizer.normalize("开展技术指导, 把法规知识送到企业。") == "开展技术指导, 把法规知识送到企业。\n")
    }

    @Test func textWithOnlyWhitespaceNormalisesToNothing() {
        #expect(TextNormalizer.normalize(" \n\t\r\n\u{3000}") == "")
    }

    @Test func scrapedPageHeaderAndChromeAreRemovedAndTheTitleKept() {
        #expect(TextNormalizer.normalize(ReportFixtures.scrapedPage) == ReportFixtures.scrapedPageText)
    }

    @Test func aSplitDateAndSourceHeaderAreRemoved() {
        let report = TextNormalizer.normalizeReport(ReportFixtures.splitDatePage)
        #expect(report.lines == [
            "2023年在区委、区政府的领导下，区司法局扎实推进法治政府建设。", "一、主要做法", "组织全区执法人员培训3期，参训人员260人次。",
        ])
        #expect(report.furniture.webDate == "2024-05-17")
        #expect(report.furniture.values == [.source: "北岭区司法局"])
    }

    @Test func headerLabelsWithoutValuesDoNotTakeTheNextLabel() {
        let report = TextNormalizer.normalizeReport("文号\n发布日期\n2024-04-02\n正文第一段。\n")
        #expect(report.lines == ["正文第一段。"])
        #expect(report.furniture.values == [.published: "2024-04-02"])
    }

    @Test func headerPairsOnOneLineOrInTableCellsAreRead() {
        let report = TextNormalizer.normalizeReport("""
            来源：梅岭县水务局 发布时间：2024-02-06 10:12:00 浏览次数：
            索引号\t0001/2024-001\t发布机构\t梅岭县水务局\t信息名称\t梅岭县水务局2023年法治政府建设年度报告
            正文。
            """)
        #expect(report.lines == ["梅岭县水务局2023年法治政府建设年度报告", "正文。"])
        #expect(report.furniture.values == [
            .source: "梅岭县水务局", .published: "2024-02-06 10:12:00", .issuer: "梅岭县水务局",
            .title: "梅岭县水务局2023年法治政府建设年度报告",
        ])
    }

    @Test func aTitleAboveTheHeaderIsKeptAndTheHeaderBelowItRemoved() {
        let report = TextNormalizer.normalizeReport("""
            梅岭县水务局2023年法治政府建设年度报告
            发布时间：2024-02-06 来源：梅岭县水务局 浏览次数：
            【字体：大 中 小】
            2023年，县水务局持续推进依法行政。
            扫一扫在手机上查看当前页面
            """)
        #expect(report.lines == ["梅岭县水务局2023年法治政府建设年度报告", "2023年，县水务局持续推进依法行政。"])
        #expect(report.furniture.values == [.published: "2024-02-06", .source: "梅岭县水务局"])
    }

    @Test func shortOpeningLinesOfAPlainReportStay() {
        let text = "梅岭县水务局2023年法治政府建设年度报告\n县政府：\n2023年，县水务局持续推进依法行政。\n"
        #expect(TextNormalizer.normalize(text) == text)
    }

    @Test func chromeInsideTheReportIsNotTouched() {
        let text = "一、总体情况\n打印机采购3台，关闭违规站点2个。\n二、下一步\n加强管理。\n【打印】 【关闭】\n"
        #expect(TextNormalizer.normalize(text) == "一、总体情况\n打印机采购3台，关闭违规站点2个。\n二、下一步\n加强管理。\n")
    }
}
