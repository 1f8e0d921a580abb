/// Report texts written for these tests, in the style of a bureau's annual rule-of-law report.
enum Fixtures {
    static let transportParagraphs = [
        "某市交通运输局2024年法治政府建设情况报告",
        "一、主要工作进展",
        "（一）健全依法决策机制。局党组把重大行政决策程序规定落到实处，全年提交集体讨论的事项共17项，每项均经过公众参与、专家论证、风险评估和合法性审查四道关口，没有一项未经审查即上会。",
        "（二）规范道路运输执法。我们把执法记录仪配到每一个路面执法小组，推行说理式执法文书，全年办理道路运输违法案件412件，当场纠正轻微违法行为的比例提高到百分之六十以上。",
        "（三）推进政务公开。局网站开设法治建设专栏，按季度更新行政许可和行政处罚结果，群众来电咨询的平均答复时间由五个工作日缩短到三个工作日。",
        "（四）加强队伍培训。组织执法人员参加网上法律知识考试两轮，举办桥梁养护、出租汽车管理、危险货物运输三个专题的业务讲座，参训人员累计达到860人次。",
        "二、存在的不足",
        "基层执法力量仍然偏弱，部分乡镇交通管理站只有两名在编人员，执法车辆老化；少数执法人员对新修订的法规掌握不够扎实，办案中还有文书填写不规范的情况。",
        "三、下一步打算",
        "明年我局将把执法案卷评查作为常规工作，每半年抽查一次；同时推动交通运输综合执法改革向乡镇延伸，争取年底前完成全部执法站点的标准化建设。",
        "某市交通运输局",
        "2025年1月20日",
    ]

    static var transport: String { transportParagraphs.joined(separator: "\n") }

    /// The transport report re-sent with edits: a sentence changed, numbers changed, a paragraph added, two swapped.
    static var transportEdited: String {
        var paragraphs = transportParagraphs
        paragraphs[2] = paragraphs[2].replacingOccurrences(of: "17项", with: "19项")
        paragraphs[3] = "（二）规范道路运输执法。我们把执法记录仪配到每一个路面执法小组，推行说理式执法文书，全年办理道路运输违法案件436件，对首次轻微违法的经营者一律先行教育提醒。"
        paragraphs.swapAt(4, 5)
        paragraphs.insert("（五）化解行政争议。对涉及本局的行政复议和诉讼案件逐件复盘，负责人出庭应诉率保持在百分之百。", at: 6)
        return paragraphs.joined(separator: "\n")
    }

    static let forestryParagraphs = [
        "某县林业和草原局关于2024年度法治政府建设工作的报告",
        "一、年度工作情况",
        "一是守住林地红线。我局会同自然资源部门开展林地变更调查，对发现的毁林开垦线索全部建立台账，逐一实地核查，能够当年整改的当年销号。",
        "二是抓好森林防火宣传。在进山路口设置固定宣传牌，利用赶集日向群众发放防火明白卡，并在清明前后安排护林员加密巡山频次。",
        "三是推行包容审慎监管。对苗木经营户的轻微违规行为先行告知、限期改正，只有逾期不改的才立案处理，全年没有引发一起行政复议。",
        "二、问题和打算",
        "林业执法与乡镇综合执法之间的衔接机制还没有理顺，移送案件的标准不够统一。下一年我们准备与司法局联合制定案件移送清单，并组织一次跨部门的联合演练。",
        "某县林业和草原局",
        "2025年2月8日",
    ]

    static var forestry: String { forestryParagraphs.joined(separator: "\n") }

    /// A paragraph the forestry report borrows, nearly verbatim, from the transport report (one number changed).
    static var forestryWithBorrowedParagraph: String {
        var paragraphs = forestryParagraphs
        paragraphs.insert(transportParagraphs[4].replacingOccurrences(of: "五个工作日", with: "七个工作日"), at: 5)
        return paragraphs.joined(separator: "\n")
    }

    static let repeatedSentence = "我们坚持每月召开一次执法工作例会，逐项研究疑难案件的处理意见。"

    /// A report that says one sentence in two places.
    static var forestryWithRepeat: String {
        var paragraphs = forestryParagraphs
        paragraphs[3] += repeatedSentence
        paragraphs[6] = repeatedSentence + paragraphs[6]
        return paragraphs.joined(separator: "\n")
    }

    /// The transport report with its paragraph `index + 2` replaced by a line of its own: a text no other index gives.
    static func distinct(_ index: Int) -> String {
        var paragraphs = transportParagraphs
        paragraphs[index + 2] = "（\(index + 1)）本段为第\(index + 1)份测试报告独有的内容，记录该单位当年开展执法检查和案卷评查的具体安排。"
        return paragraphs.joined(separator: "\n")
    }
}
