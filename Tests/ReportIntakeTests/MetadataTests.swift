import Foundation
import ReportIntake
import ReportKit
import Testing

@Suite struct MetadataTests {
    @Test func aScrapedPageTakesIssuerAndTitleFromItsHeaderAndTheDateFromItsSignature() throws {
        let document = try ReportFixtures.read(Data(ReportFixtures.scrapedPage.utf8), name: "page.txt")
        #expect(document.meta == Metadata(issuer: "石峰市交通运输局", year: 2023, date: "2024-03-20",
                                          title: "石峰市交通运输局2023年法治政府建设工作报告"))
    }

    @Test func aSignedReportTakesIssuerAndDateFromItsSignatureAndTheYearFromItsTitle() throws {
        let document = try ReportFixtures.read(Data(ReportFixtures.signedReport.utf8), name: "report.txt")
        #expect(document.meta == Metadata(issuer: "青溪县农业农村局", year: 2023, date: "2024-01-26",
                                          title: "青溪县农业农村局2023年度法治政府建设情况报告"))
    }

    @Test func aReportWithNeitherSignatureNorTitleHasNoMetadata() throws {
        let document = try ReportFixtures.read(Data(ReportFixtures.bareReport.utf8), name: "report.txt")
        #expect(document.meta == Metadata())
    }

    @Test func aPageWithoutSignatureFallsBackToItsSourceAndWebDate() throws {
        let document = try ReportFixtures.read(Data(ReportFixtures.splitDatePage.utf8), name: "page.txt")
        #expect(document.meta == Metadata(issuer: "北岭区司法局", year: 2023, date: "2024-05-17", title: nil))
    }

    @Test func thePublicationDateIsUsedWhenThereIsNoSignature() throws {
        let page = "发布机构\n梅岭县水务局\n发布日期\n2024-02-06\n一、总体情况\n全年开展学法12次。\n"
        let document = try ReportFixtures.read(Data(page.utf8), name: "page.txt")
        #expect(document.meta == Metadata(issuer: "梅岭县水务局", year: nil, date: "2024-02-06", title: nil))
    }

    @Test func aPublisherWithoutAPlaceGivesWayToTheSignature() throws {
        let page = "发布机构\n市水务局\n一、总体情况\n完成任务。\n梅岭市水务局\n2024年1月8日\n"
        let document = try ReportFixtures.read(Data(page.utf8), name: "page.txt")
        #expect(document.meta.issuer == "梅岭市水务局")
    }

    @Test func aPersonalReportTakesTheBureauFromItsFirstLineAndTheYearFromItsOpening() throws {
        let text = """
            梅岭县水务局党组书记、局长 陈立新
            按照县委依法治县办的安排，现将本人2023年度履行推进法治建设第一责任人职责情况报告如下：
            一、履职情况
            带头学法4次。
            """
        let document = try ReportFixtures.read(Data(text.utf8), name: "述法.txt")
        #expect(document.meta == Metadata(issuer: "梅岭县水务局", year: 2023, date: nil, title: nil))
    }

    @Test func aSalutationIsNotTheIssuerAndAMonthIsNotTheYearCovered() throws {
        let text = "县政府:\n2024年3月，我局召开法治建设推进会。\n一、主要工作\n完成任务。\n"
        let document = try ReportFixtures.read(Data(text.utf8), name: "a.txt")
        #expect(document.meta == Metadata())
    }

    @Test func aSignatureOnOneLineWithANoteAfterItIsRead() throws {
        let text = "一、总体情况\n完成任务。\n中共梅岭县委办公室 2023年12月5日\n（此件公开发布）\n"
        let document = try ReportFixtures.read(Data(text.utf8), name: "a.txt")
        #expect(document.meta.issuer == "中共梅岭县委办公室")
        #expect(document.meta.date == "2023-12-05")
    }

    @Test(arguments: [
        ("2022年12月20日", "2022-12-20"), ("二〇二二年十二月二十日", "2022-12-20"), ("二○二一年二月八日", "2021-02-08"),
        ("2024年2月29日", "2024-02-29"), ("2023年2月29日", nil), ("2022年13月1日", nil), ("2022年12月", nil),
    ] as [(String, String?)])
    func signatureDatesAreReadInArabicOrChineseNumerals(written: String, expected: String?) throws {
        let text = "一、总体情况\n完成任务。\n梅岭县水务局\n\(written)\n"
        let document = try ReportFixtures.read(Data(text.utf8), name: "a.txt")
        #expect(document.meta.date == expected)
        #expect(document.meta.issuer == (expected == nil ? nil : "梅岭县水务局"))
    }
}
