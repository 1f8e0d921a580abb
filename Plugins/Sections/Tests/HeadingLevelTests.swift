import ReportKit
import SectionsProcessor
import Testing

@Suite("Numbered headings and their levels")
struct HeadingLevelTests {
    @Test("the four GB/T 9704 levels on lines of their own nest in order")
    func fourLevels() {
        let text = """
        一、主要工作
        （一）完善制度体系
        1.梳理内部规定
        （1）清理旧文件
        （2）公布清理结果
        2.建立审查台账
        （二）强化执法监督
        二、下步安排
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、主要工作",
            "  （一）完善制度体系",
            "    1.梳理内部规定",
            "      （1）清理旧文件",
            "      （2）公布清理结果",
            "    2.建立审查台账",
            "  （二）强化执法监督",
            "二、下步安排",
        ])
    }

    @Test("full- and half-width forms, with or without a space, are the same style",
          arguments: [
            ["(一)", "（二）", "(三）"],
            ["1.", "2、", "3．"],
            ["１．", "２. ", "3、 "],
            ["（1）", "(2)", "⑶"],
          ])
    func widthVariants(markers: [String]) {
        let lines = ["一、总体情况"] + markers.enumerated().map { "\($1)子项\($0 + 1)" }
        let sections = ShippedSplitter.split(lines.joined(separator: "\n"))
        #expect(sections.count == 1)
        #expect(sections.first?.children.map(\.number) == [1, 2, 3])
        #expect(sections.first?.children.map(\.title) == ["子项1", "子项2", "子项3"])
        #expect(sections.first?.children.allSatisfy { $0.anomalies.filter { $0.kind != .levelSkipped }.isEmpty } == true)
    }

    @Test("circled numbers and ⑴ nest below （1）-level and 1.-level headings")
    func circledAndParenthesizedDigits() {
        let text = """
        一、执法监督
        （一）案卷评查
        1.评查范围
        ⑴行政处罚案卷
        ①简易程序
        ②普通程序
        ⑵行政检查案卷
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、执法监督",
            "  （一）案卷评查",
            "    1.评查范围",
            "      ⑴行政处罚案卷",
            "        ①简易程序",
            "        ②普通程序",
            "      ⑵行政检查案卷",
        ])
    }

    @Test("a report that starts at （一） has （一） as its top level")
    func startsBelowTheTop() {
        let text = """
        县水利局：
        （一）健全决策程序。全年召开局务会议十二次。
        1.落实合法性审查。所有合同均经法律顾问把关。
        （二）规范行政执法。执法人员全部持证上岗。
        """
        #expect(ShippedSplitter.outline(text) == [
            "（一）健全决策程序",
            "  1.落实合法性审查",
            "（二）规范行政执法",
        ])
    }

    @Test("a run-on heading ends at the first 。 and its span runs over the paragraph")
    func runOnHeading() throws {
        let text = "一、夯实基础工作，深化机关学法用法。年初印发学法计划，全年集中学法十次。\n二、存在的问题"
        let sections = ShippedSplitter.split(text)
        let first = try #require(sections.first)
        #expect(first.title == "夯实基础工作，深化机关学法用法")
        #expect(ScalarText(text)[first.span] == "一、夯实基础工作，深化机关学法用法。年初印发学法计划，全年集中学法十次。")
        #expect(sections.map(\.title) == ["夯实基础工作，深化机关学法用法", "存在的问题"])
    }

    @Test("a ：close to the marker ends a short heading; a later one does not")
    func colonEndsShortHeading() {
        let text = """
        一、主要做法：全年围绕三项重点开展工作。
        二、关于进一步规范涉企行政检查行为、切实减少对经营主体多头检查和重复检查的主要做法：统一检查计划。
        """
        #expect(ShippedSplitter.split(text).map(\.title) == [
            "主要做法",
            "关于进一步规范涉企行政检查行为、切实减少对经营主体多头检查和重复检查的主要做法：统一检查计划",
        ])
    }

    @Test("a title that starts with digits is not a 1.-level heading")
    func titleStartingWithDigits() {
        let text = """
        一、2024年法治建设开展情况
        （一）2024年度学法安排
        1.2024年学法计划
        二、2025年工作打算
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、2024年法治建设开展情况",
            "  （一）2024年度学法安排",
            "    1.2024年学法计划",
            "二、2025年工作打算",
        ])
    }

    @Test("decimals, dates and list numbers inside sentences are not headings")
    func notHeadings() {
        let text = """
        一、资金使用情况
        1.5万元用于购置执法记录仪，其余用于培训。
        2023.12月底前全部完成。
        12.4国家宪法日当天开展集中宣传。
        全年重点做了三件事：1、修订制度；2、开展培训；3、组织考核。
        2024年3月起施行新规程。
        """
        #expect(ShippedSplitter.outline(text) == ["一、资金使用情况"])
    }

    @Test("Markdown marks around a heading are not part of it")
    func markdownMarks() {
        let text = "## 一、基本情况\n**（一）机构设置**\n正文。"
        #expect(ShippedSplitter.outline(text) == ["一、基本情况", "  （一）机构设置"])
    }

    @Test("a level left out between parent and child is marked once, on the first child")
    func levelSkipped() {
        let text = """
        一、强化组织保障
        1.调整领导小组
        2.明确责任分工
        （一）健全工作机制
        1.建立例会制度
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、强化组织保障",
            "    1.调整领导小组 [level-skipped 2→3]",
            "    2.明确责任分工",
            "  （一）健全工作机制",
            "    1.建立例会制度",
        ])
    }

    @Test("skipped, repeated and out-of-order numbers among siblings are marked")
    func siblingNumbering() {
        let text = """
        一、甲项工作
        三、乙项工作
        三、丙项工作
        二、丁项工作
        （一）子项
        （三）子项
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、甲项工作",
            "三、乙项工作 [skipped 2→3]",
            "三、丙项工作 [repeated 4→3]",
            "二、丁项工作 [out-of-order 4→2]",
            "  （一）子项",
            "  （三）子项 [skipped 2→3]",
        ])
    }
}
