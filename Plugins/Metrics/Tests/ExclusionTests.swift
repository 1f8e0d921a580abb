import Testing

@Suite("What is no metric")
struct ExclusionTests {
    @Test("years, dates, document numbers, ordinals and weekdays", arguments: [
        "2024年，全局工作稳步推进。",
        "2024 年，第 3 次会议召开。",
        "本办法自2021年2月23日起施行。",
        "二〇二一年二月二十三日",
        "2024年度工作要点已印发。",
        "在12.4国家宪法日开展宣传。",
        "“12・4”宪法宣传周启动。",
        "落实2021—2025年规划。",
        "落实2021-2025年规划。",
        "印发通知(秦科发〔2020〕20号)。",
        "依照条例第三条第二款执行。",
        "第五届年会在此举办。",
        "一、主要工作\n(一)加强领导\n1.完善制度\n(1)健全机制",
        "坚持每周四学法，星期三集中办公。",
        "发布日期 2024-03-26 索引号 11441823MB2C71604Q/2024-00037",
        "值班时间12:05，联系电话12345。",
        "建设5G基站。",
        "庆祝建党100周年。",
        "十分重视法治建设。",
        "实施三年行动计划。",
        "五年来，法治建设稳步推进。",
        "统一部署，一体推进，一次性告知。",
        "数十家企业、几十次会议。",
        "发放《关于开展100场宣讲活动的通知》。",
    ])
    func notMetrics(text: String) {
        #expect(Shipped.scan(text).isEmpty, "\(Shipped.scan(text).map(\.text))")
    }

    @Test("set phrases from the table", arguments: [
        "落实三重一大制度", "落实“三重一大”事项", "推进一规划两纲要", "做好六稳六保", "完成七五普法",
        "启动八五普法", "编制十四五规划", "落实1+10政策", "参加逢九必讲", "落实一岗双责", "坚持三会一课",
        "深刻领悟两个确立", "做到两个维护", "落实八项规定", "推行三项制度", "学习二十届三中全会精神",
    ])
    func setPhrases(text: String) {
        #expect(Shipped.scan(text + "。").isEmpty, "\(Shipped.scan(text).map(\.text))")
    }

    @Test("a number beside a set phrase or a title is still one")
    func neighbours() {
        #expect(Shipped.scan("研究“三重一大”事项12次。").map(\.text) == ["12次"])
        #expect(Shipped.scan("学习《宪法》3次。").map(\.text) == ["3次"])
        #expect(Shipped.scan("2024年开展培训5期。").map(\.text) == ["5期"])
    }
}
