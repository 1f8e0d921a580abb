import AuditProcessor
import ReportKit
import Testing

/// A text that must raise a rule and one like it that must not, with the metadata both are read with.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let raising: String
    let clean: String
    var meta = Metadata()

    var testDescription: String { rule }
}

@Suite("Each text rule raises on its defect and stays quiet on correct Chinese")
struct TextRuleTests {
    static let cases: [RuleCase] = [
        RuleCase(rule: "text.doubled-word",
                 raising: "局机关干部积积极参加普法志愿服务，效果明显。",
                 clean: "组织干部学习习近平法治思想，落实高台县县级资金管理办法，梳理法律法规规章，层层压实责任，扎扎实实推进“一规划两纲要”。"),
        RuleCase(rule: "text.doubled-word",
                 raising: "认真学习《中华人民共和国中华人民共和国种子法》。",
                 clean: "认真学习《中华人民共和国种子法》，人人参与，天天坚持。"),
        RuleCase(rule: "text.doubled-word",
                 raising: "落实党政主要领导主要负责人述法制度。",
                 clean: "落实党政主要负责人述法制度。"),
        RuleCase(rule: "text.doubled-word",
                 raising: "开展送法入户活动；开展送法入户活动；效果良好。",
                 clean: "开展送法入户活动；开展法律咨询活动；效果良好。"),
        RuleCase(rule: "text.repeated-passage",
                 raising: "一、强化学习\n组织全体干部到田间地头宣讲种子管理政策，发放明白纸一千余份，群众反响良好。\n二、优化服务\n全年走访合作社，组织全体干部到田间地头宣讲种子管理政策，发放明白纸一千余份，群众反响良好。",
                 clean: "一、强化学习\n学习《中华人民共和国行政处罚法》《中华人民共和国行政许可法》。\n二、优化服务\n宣传《中华人民共和国行政处罚法》《中华人民共和国行政许可法》。"),
        RuleCase(rule: "text.repeated-passage",
                 raising: "一、强化学习\n局党组带头学法，坚持把重大行政决策合法性审查作为必经程序，全年审查文件九件。\n二、下一步打算\n局党组带头学法，坚持把重大行政决策合法性审查作为必经程序，全年审查文件九件。",
                 clean: "2023年，全局上下以习近平新时代中国特色社会主义思想为指导，推进法治政府建设。\n二、下一步打算\n2024年，我局将继续以习近平新时代中国特色社会主义思想为指导，推进法治政府建设。"),
        RuleCase(rule: "text.unbalanced-brackets",
                 raising: "修订印发了《青禾县农资经营管理办法，明确了各环节要求。",
                 clean: "修订印发了《青禾县农资经营管理办法(试行)》，开展“放心农资下乡”活动。"),
        RuleCase(rule: "text.unbalanced-brackets",
                 raising: "开展“放心农资下乡活动，发放资料。",
                 clean: "1)开展放心农资下乡活动，发放资料。"),
        RuleCase(rule: "text.halfwidth-punctuation",
                 raising: "全年开展培训三次，覆盖全部股室，参训干部反响良好。执法案卷全部合格,群众满意度较高。组织专题学习两次，效果明显。",
                 clean: "全年开展培训三次,覆盖全部股室,参训干部反响良好。执法案卷全部合格,群众满意度较高。组织专题学习两次,效果明显。"),
        RuleCase(rule: "text.stray-space",
                 raising: "坚持依法决策 ，严格执行集体讨论制度。",
                 clean: "青禾县农业农村局党组书记、局长 王某某\n坚持依法决策，严格执行集体讨论制度。"),
        RuleCase(rule: "text.stray-space",
                 raising: "开展“送法下乡” 活动，发放资料。",
                 clean: "一、 加强组织领导\n(二) 规范执法行为。"),
        RuleCase(rule: "text.unbalanced-brackets",
                 raising: "全年组织干部职工集中学习党内法规和国家法律，重点学习了《中华人民共和国\n行政处罚法，效果良好。",
                 clean: "全年组织干部职工集中学习党内法规和国家法律，重点学习了《中华人民共和国\n行政处罚法》，效果良好。"),
        RuleCase(rule: "text.outdated-term",
                 raising: "深入开展法制宣传进乡村活动。",
                 clean: "深入开展法治宣传进乡村活动，重大执法决定一律经法制审核。"),
        RuleCase(rule: "text.date-forms",
                 raising: "结合“12.4”国家宪法日开展宣传。下一步将利用“12・4”国家宪法日集中宣讲。",
                 clean: "结合“12・4”国家宪法日开展宣传。下一步将利用“12・4”国家宪法日集中宣讲，经费增长12.4%。"),
    ]

    @Test("the raising text raises the rule, the clean one does not", arguments: cases)
    func rule(_ example: RuleCase) {
        #expect(AuditFixtures.rules(example.raising, meta: example.meta).contains(example.rule))
        #expect(!AuditFixtures.rules(example.clean, meta: example.meta).contains(example.rule))
    }

    @Test("a doubled word points at both halves")
    func doubledSpan() throws {
        let text = "局机关干部积积极参加。"
        let finding = try #require(AuditFixtures.findings(AuditFixtures.document(text)).first { $0.rule == "text.doubled-word" })
        #expect(finding.excerpt == "积积")
        #expect(finding.span == Span(5, 7))
    }
}

@Suite("Citations, quantities and form")
struct CitationQuantityFormTests {
    static let year2023 = Metadata(issuer: "青禾县农业农村局", year: 2023)

    static let cases: [RuleCase] = [
        RuleCase(rule: "citation.repealed", raising: "组织学习《合同法》《技术合同法》。", clean: "组织学习《民法典》合同编。", meta: year2023),
        RuleCase(rule: "citation.near-miss", raising: "宣传《中华人民共和国行政许可》。", clean: "宣传《中华人民共和国行政许可法》和《青禾县农资经营管理办法》。",
                 meta: year2023),
        RuleCase(rule: "citation.inconsistent-name",
                 raising: "学习《法治社会建设实施纲要(2020—2025年)》。对照《法治社会建设实施纲要(2020-2025年)》自查。",
                 clean: "学习《中华人民共和国行政处罚法》。对照《行政处罚法》自查。", meta: year2023),
        RuleCase(rule: "form.missing-signature", raising: "一、工作情况\n全年开展培训三次。\n2024年2月6日",
                 clean: "一、工作情况\n全年开展培训三次。\n青禾县农业农村局\n2024年2月6日", meta: year2023),
        RuleCase(rule: "form.missing-date", raising: "一、工作情况\n全年开展培训三次。\n青禾县农业农村局",
                 clean: "一、工作情况\n全年开展培训三次。\n青禾县农业农村局\n二〇二四年二月六日", meta: year2023),
        RuleCase(rule: "form.date-format", raising: "全年开展培训三次。\n青禾县农业农村局\n2024年02月06日",
                 clean: "全年开展培训三次。\n青禾县农业农村局\n2024年2月6日", meta: year2023),
        RuleCase(rule: "form.late-publication", raising: "全年开展培训三次。\n青禾县农业农村局\n2024年4月8日",
                 clean: "全年开展培训三次。\n青禾县农业农村局\n2024年3月8日", meta: year2023),
        RuleCase(rule: "consistency.place-kind", raising: "促进我县农业高质量发展。", clean: "促进我市农业高质量发展。",
                 meta: Metadata(issuer: "青禾市农业农村局", year: 2023)),
        RuleCase(rule: "consistency.year", raising: "青禾县农业农村局2023年法治政府建设工作报告\n2022年，我局坚持依法行政，扎实推进法治政府建设各项工作。",
                 clean: "青禾县农业农村局2023年法治政府建设工作报告\n2023年，我局坚持依法行政，扎实推进法治政府建设各项工作。", meta: year2023),
    ]

    @Test("the raising text raises the rule, the clean one does not", arguments: cases)
    func rule(_ example: RuleCase) {
        #expect(AuditFixtures.rules(example.raising, meta: example.meta).contains(example.rule))
        #expect(!AuditFixtures.rules(example.clean, meta: example.meta).contains(example.rule))
    }

    @Test("a repealed law cited before it was repealed is no finding")
    func citedWhileInForce() {
        #expect(!AuditFixtures.rules("组织学习《合同法》。", meta: Metadata(year: 2019)).contains("citation.repealed"))
    }

    @Test("a county's report may speak of its city, a city's may not call itself a county")
    func placeKinds() {
        #expect(!AuditFixtures.rules("落实我市部署，我县积极推进。", meta: Metadata(issuer: "青禾县农业农村局")).contains("consistency.place-kind"))
        #expect(!AuditFixtures.rules("规范市场秩序。", meta: Metadata(issuer: "青禾市市场监督管理局")).contains("consistency.place-kind"))
    }

    @Test("next year's plan written with the year covered")
    func nextStepsYear() {
        let text = "一、工作情况\n全年开展培训三次。\n二、下一步工作打算\n2023年，我局将继续加强学习。"
        let sections = AuditFixtures.sections([("一、工作情况", "achievements"), ("二、下一步工作打算", "next-steps")], in: text)
        let document = AuditFixtures.document(text, meta: Metadata(year: 2023), sections: sections)
        #expect(AuditFixtures.findings(document).contains { $0.rule == "consistency.year" && $0.excerpt == "2023年" })
        let fine = AuditFixtures.document(text.replacingOccurrences(of: "2023年，我局将", with: "2024年，我局将"), meta: Metadata(year: 2023), sections: sections)
        #expect(!AuditFixtures.findings(fine).contains { $0.rule == "consistency.year" })
    }

    @Test("余 and 多 after a number that is not round", arguments: [
        ("开展入户宣传25余次。", "25余次", 25.0, true),
        ("解决实际问题9余件。", "9余件", 9, true),
        ("开展入户宣传30余次。", "30余次", 30, false),
        ("开展入户宣传十余次。", "十余次", 10, false),
        ("发放资料1.1万余份。", "1.1万余份", 11000, false),
        ("历时3个多月。", "3个多月", 3, false),
    ])
    func approxNotRound(text: String, written: String, value: Double, raises: Bool) {
        let metric = AuditFixtures.metric(written, in: text, value: value, unit: nil, approx: true)
        #expect(AuditFixtures.rules(text, metrics: [metric]).contains("quantity.approx-not-round") == raises)
    }

    @Test("people counted with an object unit", arguments: [
        ("现有科技特派员65个，其中新增3人。", "65个", "个", true),
        ("聘请法律顾问3个。", "3个", "个", true),
        ("现有科技特派员65名。", "65名", "名", false),
        ("建成专家工作站3个。", "3个", "个", false),
        ("办理人大代表建议15件。", "15件", "件", false),
    ])
    func personUnit(text: String, written: String, unit: String, raises: Bool) {
        let value = Double(written.filter(\.isNumber)) ?? 0
        let metric = AuditFixtures.metric(written, in: text, value: value, unit: unit)
        #expect(AuditFixtures.rules(text, metrics: [metric]).contains("quantity.person-unit") == raises)
    }
}
