import AuditProcessor
import ReportKit
import Testing

@Suite("Structure and required content")
struct StructureContentTests {
    @Test("each anomaly the sections step left becomes its rule's finding", arguments: [
        (SectionAnomaly.Kind.skipped, "structure.sibling-skipped"),
        (.repeated, "structure.sibling-repeated"),
        (.outOfOrder, "structure.sibling-order"),
        (.levelSkipped, "structure.level-skipped"),
        (.nestedSameLevel, "structure.nested-same-level"),
    ])
    func anomalies(kind: SectionAnomaly.Kind, rule: String) {
        let text = "一、加强学习\n三、规范执法\n全年办理案件。"
        let plain = Section(level: 1, marker: "三、", number: 3, title: "规范执法", span: Span(7, 21))
        var marked = plain
        marked.anomalies = [SectionAnomaly(kind: kind, expected: 2, found: 3, span: Span(7, 13))]
        let raised = AuditFixtures.findings(AuditFixtures.document(text, sections: [marked]))
        #expect(raised.map(\.rule) == [rule] + AuditFixtures.rules(text))
        #expect(raised.first { $0.rule == rule }?.excerpt == "三、规范执法")
        #expect(!AuditFixtures.rules(text, sections: [plain]).contains(rule))
    }

    /// The clean report with one heading and its text taken out.
    static func without(_ heading: String, upTo next: String) -> (String, [Section]) {
        let text = AuditFixtures.clean
        let start = text.range(of: heading)!.lowerBound
        let end = text.range(of: next)!.lowerBound
        let cut = String(text[..<start] + text[end...])
        let headings = AuditFixtures.cleanSections.filter { $0.heading != heading }
        return (cut, AuditFixtures.sections(headings, in: cut))
    }

    @Test("each required item left out of an annual report is missing", arguments: [
        ("二、党政主要负责人履行推进法治建设第一责任人职责情况", "三、存在的不足及原因", "content.missing-first-responsible"),
        ("四、2024年工作安排", "\n\n青禾县", "content.missing-next-steps"),
    ])
    func missingItem(heading: String, next: String, rule: String) {
        let (text, sections) = Self.without(heading, upTo: next)
        let findings = AuditFixtures.findings(AuditFixtures.document(text, meta: AuditFixtures.cleanMeta, sections: sections))
        #expect(findings.filter { $0.rule.hasPrefix("content.") }.map(\.rule) == [rule])
        #expect(findings.first { $0.rule == rule }?.severity == .warning)
    }

    @Test("problems and their causes: no section and no word of them is missing, a word in passing is weaker")
    func problemsAndCauses() {
        let (text, sections) = Self.without("三、存在的不足及原因", upTo: "四、2024年工作安排")
        let missing = AuditFixtures.findings(AuditFixtures.document(text, meta: AuditFixtures.cleanMeta, sections: sections))
        #expect(Set(missing.filter { $0.rule.hasPrefix("content.") }.map(\.rule)) == ["content.missing-problems", "content.missing-causes"])
        let passing = text.replacingOccurrences(of: "案卷评查全部合格。", with: "案卷评查全部合格，但执法力量仍有不足，原因是人员偏少。")
        let weaker = AuditFixtures.findings(AuditFixtures.document(passing, meta: AuditFixtures.cleanMeta,
                                                                   sections: AuditFixtures.sections(AuditFixtures.cleanSections.filter { $0.role != "problems" }, in: passing)))
        #expect(weaker.filter { $0.rule.hasPrefix("content.") }.map(\.severity) == [.info, .info])
    }

    @Test("a personal 述法 report owes none of the annual report's sections")
    func personalReport() {
        let text = "青禾县农业农村局党组书记、局长 王某某\n根据工作安排，现述法如下：\n一、履职情况\n带头学法，全年主持专题学法4次。"
        let sections = AuditFixtures.sections([("一、履职情况", "achievements")], in: text)
        let rules = AuditFixtures.rules(text, meta: Metadata(issuer: "青禾县农业农村局", year: 2023), sections: sections)
        #expect(!rules.contains { $0.hasPrefix("content.") })
    }
}

@Suite("Arithmetic and completeness, read from the metrics")
struct ArithmeticTests {
    static func counts(_ text: String, _ items: [(String, Double, String)]) -> [Metric] {
        items.map { AuditFixtures.metric($0.0, in: text, value: $0.1, unit: $0.2) }
    }

    @Test("parts that do not add up to their total")
    func totals() {
        let wrong = "全年共受理申请30件，其中种植类12件，养殖类9件，加工类5件。"
        #expect(AuditFixtures.rules(wrong, metrics: Self.counts(wrong, [("30件", 30, "件"), ("12件", 12, "件"), ("9件", 9, "件"), ("5件", 5, "件")]))
            .contains("arithmetic.total-mismatch"))
        let right = "全年共受理申请30件，其中种植类12件，养殖类10件，加工类8件。"
        #expect(!AuditFixtures.rules(right, metrics: Self.counts(right, [("30件", 30, "件"), ("12件", 12, "件"), ("10件", 10, "件"), ("8件", 8, "件")]))
            .contains("arithmetic.total-mismatch"))
        let partial = "全年培训干部300人，其中执法人员120人，新录用人员40人。"
        #expect(!AuditFixtures.rules(partial, metrics: Self.counts(partial, [("300人", 300, "人"), ("120人", 120, "人"), ("40人", 40, "人")]))
            .contains("arithmetic.total-mismatch"))
    }

    @Test("sums of money are compared in yuan, whatever unit each is written in")
    func moneyTotals() {
        func money(_ written: String, _ yuan: Double, in text: String) -> Metric {
            AuditFixtures.metric(written, in: text, value: yuan, unit: written.hasSuffix("亿元") ? "亿元" : "万元", kind: .money, normalized: yuan)
        }
        for (county, raises) in [("500万元", true), ("1000万元", false)] {
            let text = "全年争取资金1.2亿元，其中省级资金8000万元，市级资金3000万元，县级资金\(county)。"
            let metrics = [money("1.2亿元", 1.2e8, in: text), money("8000万元", 8e7, in: text), money("3000万元", 3e7, in: text),
                           money(county, county == "500万元" ? 5e6 : 1e7, in: text)]
            #expect(AuditFixtures.rules(text, metrics: metrics).contains("arithmetic.total-mismatch") == raises, "\(county)")
        }
    }

    @Test("a rate that its numerator and denominator do not give, to the precision written")
    func rates() {
        let template = "督查发现问题14个，已整改13个，整改完成率RATE%。"
        for (rate, raises) in [("92.86", false), ("92.9", false), ("93", false), ("92.85", true), ("95", true)] {
            let text = template.replacingOccurrences(of: "RATE", with: rate)
            let metrics = Self.counts(text, [("14个", 14, "个"), ("13个", 13, "个")])
                + [AuditFixtures.metric("\(rate)%", in: text, value: Double(rate)!, unit: "%", kind: .ratio, normalized: Double(rate)! / 100)]
            #expect(AuditFixtures.rules(text, metrics: metrics).contains("arithmetic.rate-mismatch") == raises, "\(rate)")
        }
    }

    @Test("a rate after two counts of different things, or shared by several rates, is not checked against them")
    func unrelatedCounts() {
        let text = "办理人大代表建议15件、政协委员提案11件，办复率和满意率均为100%。"
        let rate = AuditFixtures.metric("均为100%", in: text, value: 100, unit: "%", kind: .percent, normalized: 1)
        let metrics = Self.counts(text, [("15件", 15, "件"), ("11件", 11, "件")]) + [rate, rate]
        #expect(!AuditFixtures.rules(text, metrics: metrics).contains { $0.hasPrefix("arithmetic.") })
    }

    @Test("a growth rate the two figures cannot give")
    func growth() {
        for (rate, raises) in [("12.5", false), ("20", true)] {
            let text = "技术合同成交额达1.35亿元，较上年1.2亿元同比增长\(rate)%。"
            let metrics = [
                AuditFixtures.metric("1.35亿元", in: text, value: 1.35e8, unit: "亿元", kind: .money, normalized: 1.35e8),
                AuditFixtures.metric("1.2亿元", in: text, value: 1.2e8, unit: "亿元", kind: .money, normalized: 1.2e8),
                AuditFixtures.metric("\(rate)%", in: text, value: Double(rate)!, unit: "%", kind: .growth, normalized: Double(rate)! / 100),
            ]
            #expect(AuditFixtures.rules(text, metrics: metrics).contains("arithmetic.growth-mismatch") == raises, "\(rate)")
        }
    }

    @Test("a claim that all is done next to figures that say otherwise")
    func completeness() {
        let text = "反馈问题20个，已整改到位18个，整改完成率90%。目前，问题已全部整改到位。"
        let metrics = Self.counts(text, [("20个", 20, "个"), ("18个", 18, "个")])
            + [AuditFixtures.metric("90%", in: text, value: 90, unit: "%", kind: .ratio, normalized: 0.9)]
        let finding = AuditFixtures.findings(AuditFixtures.document(text, metrics: metrics)).first { $0.rule == "consistency.completeness-claim" }
        #expect(finding?.excerpt == "问题已全部整改到位")
        let done = "反馈问题20个，已整改到位20个，整改完成率100%。目前，问题已全部整改到位。"
        let doneMetrics = Self.counts(done, [("20个", 20, "个")]) + [AuditFixtures.metric("20个", in: done, value: 20, unit: "个", occurrence: 1)]
            + [AuditFixtures.metric("100%", in: done, value: 100, unit: "%", kind: .ratio, normalized: 1)]
        #expect(!AuditFixtures.rules(done, metrics: doneMetrics).contains("consistency.completeness-claim"))
    }

    @Test("figures of an earlier year in the year's report are worth a look, comparisons are not")
    func earlierYearFigures() {
        let text = "引导企业加大投入。2021年研发投入达6.5亿元。2023年研发投入较2022年增长10%。"
        let metrics = [AuditFixtures.metric("6.5亿元", in: text, value: 6.5e8, unit: "亿元", kind: .money, normalized: 6.5e8)]
        let findings = AuditFixtures.findings(AuditFixtures.document(text, meta: Metadata(year: 2023), metrics: metrics))
        #expect(findings.filter { $0.rule == "consistency.year" }.map(\.severity) == [.info])
    }
}
