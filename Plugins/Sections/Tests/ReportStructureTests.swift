import Foundation
import ReportKit
import ReportKitTesting
import SectionsProcessor
import Testing

@Suite("The structure of whole reports")
struct ReportStructureTests {
    static let misordered = """
    某县自然资源局2023年法治政府建设工作报告
    县人民政府:
    2023年,我局坚持依法行政,各项工作稳步推进,现将有关情况报告如下。
    一、强化责任落实,抓牢学法主阵地。年初即制定学法清单,明确专人负责。
    1.落实会前学法。局务会前集中学习法规十二次。
    2.组织考法测试。全员参加网上考试。
    三、工作亮点
    一、不动产登记提速。办理时限压缩到三个工作日。
    二、执法程序更加规范。案卷评查优秀率明显提高。
    三、普法形式更加多样。开展送法下乡活动。
    二、存在的问题
    基层执法力量仍较薄弱。
    三、下一步工作打算
    一是完善制度;二是强化培训。

    某县自然资源局
    2024年1月26日


    """

    @Test("a misordered top level with a nested 一、二、三、 list: nesting by numbering and every anomaly")
    func misorderedReport() {
        #expect(ShippedSplitter.outline(Self.misordered) == [
            "一、强化责任落实,抓牢学法主阵地",
            "    1.落实会前学法 [level-skipped 2→3]",
            "    2.组织考法测试",
            "三、工作亮点 [skipped 2→3]",
            "  一、不动产登记提速 [nested-same-level -→1]",
            "  二、执法程序更加规范",
            "  三、普法形式更加多样",
            "二、存在的问题 [out-of-order 4→2]",
            "三、下一步工作打算 [repeated 4→3]",
            "  · 一是完善制度",
            "  · 二是强化培训",
        ])
    }

    @Test("a number that continues both the nested list and the outer one goes out when its title is another part")
    func nestedRunEndsAtAnotherPart() {
        let text = """
        一、主要做法
        二、制度建设
        三、工作亮点
        一、审批时限再压缩
        二、执法案卷全数字化
        三、工作成效显著
        四、存在的问题
        """
        #expect(ShippedSplitter.outline(text, roles: true) == [
            "一、主要做法 {achievements}",
            "二、制度建设 {other}",
            "三、工作亮点 {achievements}",
            "  一、审批时限再压缩 {other} [nested-same-level -→1]",
            "  二、执法案卷全数字化 {other}",
            "  三、工作成效显著 {achievements}",
            "四、存在的问题 {problems}",
        ])
    }

    @Test("preamble and addressee are no section; the last section stops before the signature")
    func preambleAndSignature() throws {
        let sections = ShippedSplitter.split(Self.misordered)
        let text = ScalarText(Self.misordered)
        #expect(text[sections[0].span].hasPrefix("一、强化责任落实"))
        let last = try #require(sections.last)
        #expect(text[last.span] == "三、下一步工作打算\n一是完善制度;二是强化培训。")
    }

    @Test("page furniture after the signature date is left out as well")
    func pageFurnitureAfterSignature() throws {
        let text = """
        二、下一步打算
        持续深化普法宣传。
        某市司法局
        2025年3月4日
        扫一扫在手机打开当前页
        相关链接>>
        """
        let last = try #require(ShippedSplitter.split(text).last)
        #expect(ScalarText(text)[last.span] == "二、下一步打算\n持续深化普法宣传。")
    }

    @Test("signature dates in the forms reports use", arguments: [
        "2025年3月4日", "2025 年 3 月 4 日", "２０２５年３月４日", "二〇二五年三月四日", "2025年3月", "2025-03-04", "2025.3.4",
        "某市司法局办公室　2025年3月4日",
    ])
    func signatureDates(date: String) throws {
        let text = "一、工作打算\n持续深化普法宣传。\n\n某市司法局\n\(date)\n"
        let last = try #require(ShippedSplitter.split(text).last)
        #expect(ScalarText(text)[last.span] == "一、工作打算\n持续深化普法宣传。")
    }

    @Test("a short last line that is a heading or an item is no issuer")
    func shortLastLinesAreBody() throws {
        let text = "一、下一步打算\n一是强化宣传\n二是加强培训\n某县司法局\n2025年1月3日"
        let last = try #require(ShippedSplitter.split(text).last)
        #expect(ScalarText(text)[last.span] == "一、下一步打算\n一是强化宣传\n二是加强培训")
    }

    @Test("a report without signature ends its last section with the text", arguments: [
        "一、履职情况\n全年主持专题学法六次。\n",
        "一、履职情况\n全年主持专题学法六次。",
    ])
    func noSignature(text: String) throws {
        let last = try #require(ShippedSplitter.split(text).last)
        #expect(ScalarText(text)[last.span] == "一、履职情况\n全年主持专题学法六次。")
    }

    @Test("spans start at the marker, nest inside their parent and follow each other")
    func spansNest() {
        let sections = ShippedSplitter.split(Self.misordered)
        let text = ScalarText(Self.misordered)
        func check(_ siblings: [Section], within parent: Span?) {
            var previousEnd = parent?.start ?? 0
            for section in siblings {
                if let parent { #expect(parent.contains(section.span)) }
                #expect(section.span.start >= previousEnd)
                if section.kind != .cue { #expect(text[section.span].hasPrefix(section.marker)) }
                #expect(text[section.span].contains(section.title))
                previousEnd = section.span.end
                check(section.children, within: section.span)
            }
        }
        check(sections, within: nil)
    }

    @Test("roles come from the phrase table, the first phrase in the title deciding")
    func roles() {
        let text = """
        一、2023年推进法治建设的主要举措和成效
        二、党政主要负责人履行推进法治建设第一责任人职责情况
        三、存在问题及下一步工作计划
        （一）存在问题
        （二）原因分析
        （三）下一步工作计划
        四、其他事项
        五、2024年推进法治政府建设的主要安排
        """
        #expect(ShippedSplitter.outline(text, roles: true) == [
            "一、2023年推进法治建设的主要举措和成效 {achievements}",
            "二、党政主要负责人履行推进法治建设第一责任人职责情况 {first-responsible}",
            "三、存在问题及下一步工作计划 {problems}",
            "  （一）存在问题 {problems}",
            "  （二）原因分析 {causes}",
            "  （三）下一步工作计划 {next-steps}",
            "四、其他事项 {other}",
            "五、2024年推进法治政府建设的主要安排 {next-steps}",
        ])
    }

    @Test("the processor fills document.sections through the pipeline")
    func throughThePipeline() async throws {
        let pipeline = EmbeddedPipeline([ShippedSplitter.splitter])
        let result = await pipeline.feed("一、总体情况\n（一）组织领导\n二、存在的问题\n")
        #expect(result.outcome == .processed)
        #expect(result.document.sections.map(\.title) == ["总体情况", "存在的问题"])
        #expect(result.document.provenance.map(\.processor) == ["sections"])
        let json = try #require(String(data: try result.document.jsonData(), encoding: .utf8))
        #expect(json.contains("\"kind\" : \"heading\""))
    }
}
