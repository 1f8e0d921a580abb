import ReportKit
import Testing

@Suite("The fixtures against their gold lists")
struct FixtureGoldTests {
    @Test("counts: Chinese numerals, 余/约/近/达, 人(次), thousands separators, 其中")
    func counts() throws {
        expectMetrics(try Shipped.fixture("01-counts.txt"), [
            Gold("十二次", 12, "次", counted: "党组理论学习中心组学法会议"),
            Gold("8期", 8, "期", counted: "执法人员业务培训班"),
            Gold("420余人次", 420, "人次", "余", counted: "执法骨干", approx: true),
            Gold("3场(次)", 3, "场次", counted: "专题辅导"),
            Gold("约260人(次)", 260, "人次", "约", counted: "参训干部", approx: true),
            Gold("58名", 58, "名", counted: "执法人员"),
            Gold("达96.5%", 96.5, "%", "达", .percent, counted: "考试通过率", normalized: 0.965),
            Gold("1200册", 1200, "册", counted: "《市场监管常用法律法规汇编》"),
            Gold("17个", 17, "个", counted: "咨询台"),
            Gold("近两千人次", 2000, "人次", "近", counted: "群众咨询", approx: true),
            Gold("1.2万余份", 12000, "份", "余", counted: "宣传手册", approx: true),
            Gold("1,386件", 1386, "件", counted: "消费投诉"),
            Gold("86.4万元", 86.4, "万元", nil, .money, counted: "经济损失", normalized: 864_000),
            Gold("213件", 213, "件", "共", counted: "各类违法案件"),
            Gold("97件", 97, "件", "其中", counted: "食品安全案件"),
            Gold("38件", 38, "件", "其中", counted: "价格违法案件"),
            Gold("5件", 5, "件", counted: "移送司法机关"),
        ])
    }

    @Test("money, growth, ratios, ranges, 成 and 百分之")
    func money() throws {
        expectMetrics(try Shipped.fixture("02-money.txt"), [
            Gold("2.35亿元", 2.35, "亿元", nil, .money, counted: "上级专项资金", normalized: 235_000_000),
            Gold("1.9亿元", 1.9, "亿元", nil, .money, counted: nil, normalized: 190_000_000),
            Gold("23.7%", 23.7, "%", nil, .growth, counted: "上级专项资金", normalized: 0.237),
            Gold("5600万元", 5600, "万元", nil, .money, counted: "科技经费", normalized: 56_000_000),
            Gold("2.14%", 2.14, "%", nil, .ratio, counted: "研发经费投入强度", normalized: 0.0214),
            Gold("310多家", 310, "家", "多", counted: "企业", approx: true),
            Gold("超过1.8亿元", 1.8, "亿元", "超过", .money, counted: "减免税额", approx: true, normalized: 180_000_000),
            Gold("9.2%", 9.2, "%", nil, .growth, counted: "规模以上工业增加值", normalized: 0.092),
            Gold("3.5个百分点", 3.5, "个百分点", nil, .growth, counted: "高新技术产业产值", normalized: 0.035),
            Gold("3至5万元", 3, "万元", "至", .money, counted: "奖补", approx: true, normalized: 30_000),
            Gold("5-7名", 5, "名", "至", counted: "专家", approx: true),
            Gold("达九成以上", 9, "成", "达", .percent, counted: "农户参保率", approx: true, normalized: 0.9),
            Gold("约为百分之六十二", 62, "%", "约为", .percent, counted: "农业保险赔付率", approx: true, normalized: 0.62),
        ])
    }

    @Test("years, dates, document numbers, ordinals, weekdays, set phrases, titles and codes are no metrics")
    func exclusions() throws {
        expectMetrics(try Shipped.fixture("03-exclusions.txt"), [])
    }

    @Test("a whole report: 均达 over two rates, a 卷 count, 仅有 and 不少于")
    func report() throws {
        expectMetrics(try Shipped.fixture("04-report.txt"), [
            Gold("6次", 6, "次", counted: "法治建设工作"),
            Gold("均达100%", 100, "%", "均达", .percent, counted: "主要负责人述法覆盖率", normalized: 1),
            Gold("均达100%", 100, "%", "均达", .percent, counted: "班子成员参学率", normalized: 1),
            Gold("27件", 27, "件", counted: "行政规范性文件"),
            Gold("140余条", 140, "条", "余", counted: "修改意见", approx: true),
            Gold("达91.3%", 91.3, "%", "达", .percent, counted: "采纳率", normalized: 0.913),
            Gold("2轮", 2, "轮", counted: "案卷评查"),
            Gold("300卷", 300, "卷", "共", counted: "执法案卷"),
            Gold("仅有2名", 2, "名", "仅有", counted: "专职工作人员"),
            Gold("不少于500人次", 500, "人次", "不少于", counted: "基层调解员", approx: true),
        ])
    }
}
