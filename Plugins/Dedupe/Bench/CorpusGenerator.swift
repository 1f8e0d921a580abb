import Foundation

/// A seeded splitmix64 generator, so every run of the benchmark builds the same corpus.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One report of the labelled corpus: its text and the family (base report and its variants) it belongs to.
struct LabelledReport {
    var name: String
    var text: String
    var family: Int
    /// The share of sentences edited, for variants; nil for a base, an unrelated report or a re-encoded copy.
    var editFraction: Double?
    var kind: Kind

    enum Kind: String { case base, variant, copy, unrelated }
}

/// Builds a labelled corpus in the genre: base reports, edited variants of them, re-encoded copies, and unrelated reports.
///
/// Unrelated reports are mixed from the same sentence vocabulary (and share a pool of stock
/// sentences with the bases), so they look alike the way reports of one genre do.
struct CorpusGenerator {
    var random: SeededGenerator

    static let subjects = ["我局", "局党组", "各执法科室", "法制审核机构", "县政府办公室", "市司法局", "区市场监管局",
                           "各乡镇人民政府", "综合行政执法大队", "政务服务中心", "信访工作部门", "公共法律服务中心",
                           "区教育局", "市生态环境局", "县卫生健康局", "应急管理局"]
    static let verbs = ["深入推进", "全面落实", "扎实开展", "持续深化", "认真组织", "严格执行", "稳步推行", "大力加强",
                        "不断完善", "切实抓好", "积极探索", "统筹推动", "着力规范", "系统梳理"]
    static let objects = ["行政执法三项制度", "重大行政决策合法性审查", "规范性文件备案审查", "法治宣传教育", "行政复议体制改革",
                          "政务公开标准化建设", "法治化营商环境建设", "矛盾纠纷多元化解", "执法人员资格管理", "公平竞争审查",
                          "证明事项告知承诺制", "包容审慎监管", "政府法律顾问制度", "安全生产专项整治", "食品安全监督抽检",
                          "行政许可事项清单管理", "涉企行政检查", "基层法治示范创建"]
    static let results = ["全年共开展专题培训%d场次", "累计办理各类案件%d件", "审查各类文件%d件", "覆盖群众%d万人次",
                          "按期办结率达到%d%%", "组织联合执法检查%d次", "发放宣传资料%d份", "化解矛盾纠纷%d起",
                          "制定完善制度%d项", "参训人员达%d人次", "收到意见建议%d条", "整改问题线索%d个"]
    static let tails = ["取得了明显成效", "群众满意度进一步提升", "为高质量发展提供了法治保障", "执法行为更加规范",
                        "形成了一批可复制的经验", "有效防范了法律风险", "推动各项工作迈上新台阶", "得到上级部门充分肯定",
                        "依法行政水平稳步提高", "基础工作更加扎实"]
    static let headings = ["主要工作成效", "健全依法决策机制", "严格规范公正文明执法", "强化行政权力监督", "加强法治宣传教育",
                           "存在的问题和不足", "下一步工作计划", "推进政务公开", "化解社会矛盾纠纷", "加强组织领导"]
    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    static let places = ["东川", "西岭", "南湖", "北塘", "青石", "白沙", "云溪", "临江", "松原", "桃源", "石门", "安平"]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    mutating func sentence() -> String {
        let result = String(format: pick(Self.results), Int.random(in: 3...980, using: &random))
        if Bool.random(using: &random) {
            return "\(pick(Self.subjects))\(pick(Self.verbs))\(pick(Self.objects))，\(result)，\(pick(Self.tails))。"
        }
        return "在\(pick(Self.objects))方面，\(pick(Self.subjects))\(pick(Self.verbs))\(pick(Self.objects))，\(result)。"
    }

    /// A report as paragraphs: a title, numbered sections of a few paragraphs each, and a signature.
    mutating func report(stock: [String], stockShare: Double) -> [String] {
        let issuer = "\(pick(Self.places))县\(pick(Self.subjects).replacingOccurrences(of: "我局", with: "司法局"))"
        var paragraphs = ["\(issuer)\(Int.random(in: 2019...2024, using: &random))年法治政府建设工作报告"]
        for section in 0..<Int.random(in: 5...8, using: &random) {
            paragraphs.append("\(Self.numerals[section])、\(pick(Self.headings))")
            for _ in 0..<Int.random(in: 2...3, using: &random) {
                var sentences: [String] = []
                for _ in 0..<Int.random(in: 2...4, using: &random) {
                    sentences.append(Double.random(in: 0..<1, using: &random) < stockShare ? pick(stock) : sentence())
                }
                paragraphs.append(sentences.joined())
            }
        }
        paragraphs.append(issuer)
        paragraphs.append("\(Int.random(in: 2020...2025, using: &random))年\(Int.random(in: 1...12, using: &random))月\(Int.random(in: 1...28, using: &random))日")
        return paragraphs
    }

    /// `paragraphs` with about `fraction` of the sentences replaced, removed, added to or given new numbers,
    /// and sometimes two paragraphs swapped.
    mutating func variant(of paragraphs: [String], fraction: Double) -> [String] {
        var edited = paragraphs.map { paragraph -> String in
            let sentences = paragraph.split(separator: "。", omittingEmptySubsequences: true).map { String($0) + "。" }
            guard sentences.count > 1 || paragraph.hasSuffix("。") else { return paragraph }
            var out: [String] = []
            for sentence in sentences {
                guard Double.random(in: 0..<1, using: &random) < fraction else { out.append(sentence); continue }
                switch Int.random(in: 0..<5, using: &random) {
                case 0, 1: out.append(self.sentence())
                case 2: break
                case 3: out.append(sentence); out.append(self.sentence())
                default: out.append(renumbered(sentence))
                }
            }
            return out.joined()
        }.filter { !$0.isEmpty }
        if Double.random(in: 0..<1, using: &random) < 0.3, edited.count > 6 {
            let a = Int.random(in: 2..<(edited.count - 2), using: &random)
            let b = Int.random(in: 2..<(edited.count - 2), using: &random)
            edited.swapAt(a, b)
        }
        return edited
    }

    mutating func renumbered(_ sentence: String) -> String {
        var out = ""
        var inNumber = false
        for character in sentence {
            if character.isASCII, character.isNumber {
                if !inNumber { out += String(Int.random(in: 1...999, using: &random)) }
                inNumber = true
            } else {
                inNumber = false
                out.append(character)
            }
        }
        return out
    }

    /// The same text as another encoding or layout would give it: full-width digits, CRLF, indented paragraphs.
    static func reencoded(_ paragraphs: [String]) -> String {
        let text = paragraphs.map { "\u{3000}\u{3000}" + $0 }.joined(separator: "\r\n")
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("0"..."9").contains(scalar) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
        }))
    }

    /// `bases` base reports with 1–3 variants each at the given edit fractions, a re-encoded copy of every
    /// fourth base, and `unrelated` reports of mixed sentences; shuffled into an arrival order.
    mutating func corpus(bases: Int, unrelated: Int, fractions: [Double]) -> [LabelledReport] {
        let stock = (0..<400).map { _ in sentence() }
        var reports: [LabelledReport] = []
        for family in 0..<bases {
            let base = report(stock: stock, stockShare: 0.15)
            reports.append(LabelledReport(name: "base-\(family).txt", text: base.joined(separator: "\n"), family: family,
                                          editFraction: nil, kind: .base))
            for index in 0..<Int.random(in: 1...3, using: &random) {
                let fraction = pick(fractions)
                reports.append(LabelledReport(name: "base-\(family)-v\(index).txt",
                                              text: variant(of: base, fraction: fraction).joined(separator: "\n"),
                                              family: family, editFraction: fraction, kind: .variant))
            }
            if family % 4 == 0 {
                reports.append(LabelledReport(name: "base-\(family)-copy.txt", text: Self.reencoded(base), family: family,
                                              editFraction: nil, kind: .copy))
            }
        }
        for index in 0..<unrelated {
            reports.append(LabelledReport(name: "other-\(index).txt",
                                          text: report(stock: stock, stockShare: 0.3).joined(separator: "\n"),
                                          family: bases + index, editFraction: nil, kind: .unrelated))
        }
        reports.shuffle(using: &random)
        return reports
    }
}
