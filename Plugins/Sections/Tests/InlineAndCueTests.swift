import ReportKit
import SectionsProcessor
import Testing

@Suite("Inline items and cue-phrase sections")
struct InlineAndCueTests {
    @Test("一是…二是… inside a paragraph become inline items of the heading they are in")
    func inlineItemsInParagraph() {
        let text = """
        一、工作举措
        全年围绕三方面发力。一是健全制度，修订议事规则。二是加强培训，组织集中轮训。三是严格考核，纳入年度目标。
        二、存在的问题
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、工作举措",
            "  · 一是健全制度，修订议事规则",
            "  · 二是加强培训，组织集中轮训",
            "  · 三是严格考核，纳入年度目标",
            "二、存在的问题",
        ])
    }

    @Test("items are never taken for numbered headings, and 统一是 is not an item")
    func itemsAreNotHeadings() {
        let text = """
        一、规范执法
        （一）统一标准。执法尺度统一是群众的期待。一是制定裁量基准；二是公开执法流程。
        （二）强化监督
        """
        let sections = ShippedSplitter.split(text)
        #expect(sections.flattened.filter { $0.kind == .heading }.map(\.marker) == ["一、", "（一）", "（二）"])
        #expect(ShippedSplitter.outline(text) == [
            "一、规范执法",
            "  （一）统一标准",
            "    · 一是制定裁量基准",
            "    · 二是公开执法流程",
            "  （二）强化监督",
        ])
    }

    @Test("一方面…另一方面… hold their own 一是 lists, which restart inside each")
    func nestedItemLists() {
        let text = """
        一、项目管理
        一方面，简化申报流程。一是压缩材料；二是延长受理时间。另一方面，加强过程监管。一是开展中期检查；二是组织绩效评价；三是公开验收结果。
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、项目管理",
            "  · 一方面简化申报流程",
            "    · 一是压缩材料",
            "    · 二是延长受理时间",
            "  · 另一方面加强过程监管",
            "    · 一是开展中期检查",
            "    · 二是组织绩效评价",
            "    · 三是公开验收结果",
        ])
    }

    @Test("a line that starts with 一是 acts as a sub-heading over the lines below it")
    func lineStartItemsActAsSubHeadings() throws {
        let text = """
        一、下一步打算
        一是深化学法用法。
        坚持会前学法，全年不少于十次。
        二是提升执法质效。
        推行说理式执法。
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、下一步打算",
            "  · 一是深化学法用法",
            "  · 二是提升执法质效",
        ])
        let first = try #require(ShippedSplitter.split(text).first?.children.first)
        #expect(ScalarText(text)[first.span] == "一是深化学法用法。\n坚持会前学法，全年不少于十次。")
    }

    @Test("items in a run-on line end with the line; the paragraph after belongs to the heading")
    func midLineItemsEndWithTheLine() throws {
        let text = """
        一、主要做法
        全年抓了两件事：一是建章立制；二是强化培训。
        此外，还配合完成上级交办事项。
        """
        let heading = try #require(ShippedSplitter.split(text).first)
        let second = try #require(heading.children.last)
        #expect(ScalarText(text)[second.span] == "二是强化培训。")
        #expect(ScalarText(text)[heading.span].hasSuffix("交办事项。"))
    }

    @Test("a paragraph opening with 还存在…问题和不足…： is a top-level problems section")
    func problemsCue() {
        let text = """
        一、履职情况
        （一）带头学法
        （二）依法决策
        全年决策事项均经合法性审查。
        虽然工作取得一定进展，但还存在一些问题和不足，主要表现在：一是学习不够系统；二是督查不够有力。
        二、下一步工作打算
        （一）加强学习
        """
        #expect(ShippedSplitter.outline(text, roles: true) == [
            "一、履职情况 {achievements}",
            "  （一）带头学法 {other}",
            "  （二）依法决策 {other}",
            "» 虽然工作取得一定进展，但还存在一些问题和不足，主要表现在 {problems}",
            "  · 一是学习不够系统 {other}",
            "  · 二是督查不够有力 {other}",
            "二、下一步工作打算 {next-steps}",
            "  （一）加强学习 {other}",
        ])
    }

    @Test("20XX年,我局将…以下工作: opens a next-steps section; ASCII punctuation works as well")
    func nextStepsCue() {
        let text = """
        一、规范执法
        全年办理案件八件。
        2025年,我局将继续加强组织领导,重点做好以下工作:一是完善制度;二是强化培训。
        """
        #expect(ShippedSplitter.outline(text, roles: true) == [
            "一、规范执法 {other}",
            "» 2025年,我局将继续加强组织领导,重点做好以下工作 {next-steps}",
            "  · 一是完善制度 {other}",
            "  · 二是强化培训 {other}",
        ])
    }

    @Test("a short unnumbered line such as 下一步工作打算 heads the numbered items below it")
    func ownLineCue() {
        let text = """
        一、工作成效
        （一）制度建设
        下一步工作打算
        （一）持续抓好学习。
        （二）着力规范执法。
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、工作成效",
            "  （一）制度建设",
            "» 下一步工作打算",
            "  （一）持续抓好学习",
            "  （二）着力规范执法",
        ])
    }

    @Test("a cue under a heading that already names its role opens nothing")
    func coveredCue() {
        let text = """
        一、存在的问题
        对照上级要求，仍存在一些差距：一是力量不足；二是手段单一。
        二、下一步计划
        2025年，我局将重点抓好以下几项工作：一是健全机制。
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、存在的问题",
            "  · 一是力量不足",
            "  · 二是手段单一",
            "二、下一步计划",
            "  · 一是健全机制",
        ])
    }

    @Test("将 in a past-tense sentence is no cue")
    func pastTenseIsNoCue() {
        let text = """
        一、主要举措
        2024年，我局将法治建设纳入年度考核。一是细化指标；二是季度通报。
        """
        #expect(ShippedSplitter.outline(text) == [
            "一、主要举措",
            "  · 一是细化指标",
            "  · 二是季度通报",
        ])
    }

    @Test("the preamble's 现将…报告如下： and a report title naming a plan open no cue section")
    func preambleIsNoCue() {
        let text = """
        某镇2025年工作计划
        现将本单位推进法治建设存在的问题及整改情况报告如下：
        一、整改情况
        """
        #expect(ShippedSplitter.outline(text) == ["一、整改情况"])
    }

    @Test("主要存在以下问题： after the achievements opens a problems section")
    func problemsAnnouncedWithLeadIn() {
        let text = """
        一、主要成效
        全年办结复议案件九件。
        对照考核要求，主要存在以下几方面问题：一是队伍年龄偏大；二是经费保障不足。
        """
        #expect(ShippedSplitter.outline(text, roles: true) == [
            "一、主要成效 {achievements}",
            "» 对照考核要求，主要存在以下几方面问题 {problems}",
            "  · 一是队伍年龄偏大 {other}",
            "  · 二是经费保障不足 {problems}",
        ])
    }

    @Test("a report without numbers splits at its cues")
    func unnumberedReport() {
        let text = """
        某区城管局2024年依法行政工作总结
        一年来，我局主要做了以下几方面工作：
        一是规范执法程序。全面推行说理式执法。
        二是强化队伍培训。组织执法人员轮训两期。
        但也存在一些不足：一是执法车辆老旧；二是协管人员流动大。
        下一步，我局将重点抓好以下工作：一是更新执法装备；二是稳定协管队伍。
        某区城市管理局
        2025年1月8日
        """
        #expect(ShippedSplitter.outline(text, roles: true) == [
            "» 一年来，我局主要做了以下几方面工作 {achievements}",
            "  · 一是规范执法程序 {other}",
            "  · 二是强化队伍培训 {other}",
            "» 但也存在一些不足 {problems}",
            "  · 一是执法车辆老旧 {other}",
            "  · 二是协管人员流动大 {other}",
            "» 下一步，我局将重点抓好以下工作 {next-steps}",
            "  · 一是更新执法装备 {other}",
            "  · 二是稳定协管队伍 {other}",
        ])
    }

    @Test("a cue with nothing after it before the next heading governs nothing and is dropped")
    func emptyCueDropped() {
        let text = """
        某区司法局2024年法治政府建设工作报告
        2024年，我局围绕中心工作，主要做了以下工作：
        一、强化执法监督
        二、深化普法宣传
        """
        #expect(ShippedSplitter.outline(text) == ["一、强化执法监督", "二、深化普法宣传"])
    }

    @Test("other ways reports lead into their problems, causes and plans", arguments: [
        ("当前工作中存在的主要问题：", "problems"),
        ("产生这些问题的原因主要有：", "causes"),
        ("新的一年，我们将着力抓好以下工作：", "next-steps"),
        ("在今后的工作中，我局将重点做好以下几点：", "next-steps"),
    ])
    func cuePhrasings(sentence: String, role: String) throws {
        let text = "一、工作成效\n全年办结案件十件。\n\(sentence)一是甲；二是乙。"
        let cue = try #require(ShippedSplitter.split(text).last)
        #expect(cue.kind == .cue)
        #expect(cue.role == role)
        #expect(cue.children.count == 2)
    }

    @Test("inline_items = false leaves items out")
    func itemsSwitchedOff() {
        var configuration = SectionSplitter.Configuration()
        configuration.inlineItems = false
        let splitter = SectionSplitter(phrases: ShippedSplitter.phrases, configuration: configuration)
        let sections = splitter.split("一、做法\n一是建制度；二是抓培训。")
        #expect(sections.flattened.map(\.kind) == [.heading])
    }
}
