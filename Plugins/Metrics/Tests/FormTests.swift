import MetricsProcessor
import ReportKit
import Testing

@Suite("Forms of numbers, units and qualifiers")
struct FormTests {
    @Test("Chinese numerals and mixed forms read as their value", arguments: [
        ("参与群众两千三百人次。", 2300.0, "人次"),
        ("新招录一百二十名辅警。", 120, "名"),
        ("召开会议十四次。", 14, "次"),
        ("培训一百零五人。", 105, "人"),
        ("培训骨干一万二千人。", 12_000, "人"),
        ("受众4.5万人。", 45_000, "人"),
        ("培训农民1.36万人(次)。", 13_600, "人次"),
        ("开展巡查3至5次。", 3, "次"),
        ("开展巡查3-5次。", 3, "次"),
        ("开展巡查三至五次。", 3, "次"),
        ("奖补1至2万元。", 1, "万元"),
        ("出动执法车辆4200余台次。", 4200, "台次"),
        ("办理案件 12 件。", 12, "件"),
        ("培训群众百余人。", 100, "人"),
        ("法制股仅有一名工作人员。", 1, "名"),
        ("从六个方面推进。", 6, "个"),
    ])
    func values(text: String, value: Double, unit: String) throws {
        let metric = try #require(Shipped.scan(text).first)
        #expect(metric.value == value)
        #expect(metric.unit == unit)
    }

    @Test("a number with 万 and no unit is a count without a unit")
    func withoutUnit() throws {
        let metric = try #require(Shipped.scan("惠及群众4.2万，覆盖全县。").first)
        #expect(metric.value == 42_000)
        #expect(metric.unit == nil)
        #expect(metric.counted == "群众")
        #expect(Shipped.scan("千万不能放松，服务群众一万。").isEmpty)
    }

    @Test("money is normalised to yuan exactly", arguments: [
        ("经费4.5万元。", 45_000.0),
        ("研发投入6.48亿元。", 648_000_000),
        ("扣除额5200万元。", 52_000_000),
        ("奖励12,800元。", 12_800),
        ("资金2.8亿元。", 280_000_000),
        ("资金三万元。", 30_000),
        ("专项资金两千万元。", 20_000_000),
        ("奖补1300余万元。", 13_000_000),
    ])
    func money(text: String, yuan: Double) throws {
        let metric = try #require(Shipped.scan(text).first)
        #expect(metric.kind == .money)
        #expect(metric.normalized == yuan)
    }

    @Test("what is counted: a quoted name inside the phrase, a list before 等N项, a phrase after the unit")
    func counted() {
        #expect(Shipped.scan("去冬今春共举办“法治夜校”讲座36期。").first?.counted == "“法治夜校”讲座")
        #expect(Shipped.scan("开展送法进企业、进社区、进校园等5项。").first?.counted == "送法进企业、进社区、进校园")
        #expect(Shipped.scan("修订《议事规则》《考勤办法》等9项制度。").first?.counted == "制度")
        #expect(Shipped.scan("全局43名干部全部参加考试。").first?.counted == "干部")
        #expect(Shipped.scan("聘请2名律师担任法律顾问。").first?.counted == "律师")
    }

    @Test("growth and ratio cues decide the kind of a share")
    func kinds() {
        #expect(Shipped.scan("营业收入同比提高4.2%。").first?.kind == .growth)
        #expect(Shipped.scan("案件数量下降了12%。").first?.kind == .growth)
        #expect(Shipped.scan("整改完成率92.86%。").first?.kind == .ratio)
        #expect(Shipped.scan("线上办理占比达75%。").first?.kind == .ratio)
        #expect(Shipped.scan("培训合格率100%。").first?.kind == .percent)
        #expect(Shipped.scan("产值是上年的1.5倍。").first?.kind == .ratio)
        #expect(Shipped.scan("有三分之二的村达标。").first?.kind == .ratio)
        #expect(Shipped.scan("有三分之二的村达标。").first?.normalized == 2.0 / 3.0)
    }

    @Test("均达 over several rates gives one metric each; the option turns it off")
    func sharedRates() {
        let text = "干部参学率、考试参考率和合格率均达100%。"
        #expect(Shipped.scan(text).map(\.counted) == ["考试参考率", "合格率"])
        var configuration = MetricScanner.Configuration()
        configuration.splitSharedRates = false
        #expect(MetricScanner(tables: Shipped.tables, configuration: configuration).scan(text).count == 1)
    }

    @Test("spans count scalars, the text is the claim as written, a qualifier by the number beats one opening the clause")
    func spans() throws {
        let text = "𠀀全年累计开展活动60余场次。"
        let metric = try #require(Shipped.scan(text).first)
        #expect(metric.text == "60余场次")
        #expect(ScalarText(text)[metric.span] == "60余场次")
        #expect(metric.span == Span(9, 14))
        #expect(metric.qualifier == "余")
        #expect(Shipped.scan("全年累计开展活动60场次。").first?.qualifier == "累计")
    }
}
