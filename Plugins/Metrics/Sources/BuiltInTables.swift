/// The tables reportd ships, used when no table is found beside the config file.
extension MetricTables {
    /// config/metrics.toml as shipped; a test keeps the two identical.
    public static let builtInTable = """
# Tables of the metrics processor: a reviewer may edit them.
# reportd reads this file at start-up and on SIGHUP (named by `tables` in [processors.metrics]).
# A number becomes a metric only when a unit of this file follows it (after 万/亿 and 余/多).

# The units a number may carry. A key is the unit as written; the longest one that
# fits wins (场次 before 场, 万元 before 元).
[units]
# Things counted. value is the number as read, 万 and 亿 included (1.1万余份 is 11000 份).
count = [
    "次", "人次", "名", "人", "位", "家", "家次", "户", "户次", "个", "项", "件", "件次", "起",
    "宗", "期", "场", "场次", "台次", "车次", "架次", "艘次", "班次", "期次", "批", "批次", "轮",
    "份", "册", "本", "张", "幅", "块", "篇", "篇次", "条", "条次", "部", "套", "台", "辆", "处",
    "所", "座", "支", "队", "组", "届", "节", "学时", "课时", "小时", "分钟", "天", "个工作日",
    "工作日", "周", "个月", "年", "平方米", "公里", "亩", "吨", "分", "票", "卷",
]
# Money, with the factor to yuan: `normalized` is the value in yuan.
money = { "元" = 1.0, "千元" = 1e3, "万元" = 1e4, "百万元" = 1e6, "千万元" = 1e7, "亿元" = 1e8, "万亿元" = 1e12 }
# Shares, with the factor to a fraction: `normalized` of 92.86% is 0.9286, of 八成 0.8.
percent = { "%" = 0.01, "‰" = 0.001, "个百分点" = 0.01, "成" = 0.1 }
# Multiples (3倍): a ratio, or growth after a growth cue.
multiple = ["倍"]
# A whole number from 1000 to 2999 before one of these is a year, not a metric (2024年, 2021—2025年).
years = ["年", "年度", "年底", "年初", "年末", "年上半年", "年下半年"]

# Other ways of writing a unit, and the unit they stand for.
[units.forms]
"人(次)" = "人次"
"场(次)" = "场次"
"家(次)" = "家次"
"户(次)" = "户次"
"件(次)" = "件次"
"人/次" = "人次"
"场/次" = "场次"

# Words that bound or qualify a number. The value is `approx`: true when the number is a
# bound or an estimate rather than exact.
[qualifiers]
# Words that end in a qualifier but are none (下达 is no 达, 中共 no 共).
not = [
    "下达", "送达", "传达", "抵达", "到达", "表达", "通达", "转达", "直达", "最近", "附近", "邻近",
    "就近", "中共", "公共", "共同", "共享", "共建", "共治", "共产党", "共青团", "共识", "认可",
    "许可", "制约", "节约", "预约", "签约", "履约", "赶超",
]

# Right before the number.
[qualifiers.before]
"近" = true
"约" = true
"大约" = true
"约为" = true
"超" = true
"超过" = true
"逾" = true
"将近" = true
"接近" = true
"突破" = true
"不少于" = true
"不低于" = true
"不超过" = true
"至少" = true
"多达" = false
"高达" = false
"达" = false
"达到" = false
"累计" = false
"累计达" = false
"共" = false
"共计" = false
"合计" = false
"总计" = false
"均达" = false
"均达到" = false
"均为" = false
"其中" = false
"可" = false
"仅" = false
"仅有" = false
"仅为" = false

# Right after the number (余, 多) or after its unit (以上, 左右).
[qualifiers.after]
"余" = true
"多" = true
"以上" = true
"左右" = true
"以内" = true
"以下" = true
"有余" = true

# Opening the clause the number stands in (其中农业27项, 累计选派…126人次), when none of the
# above stands next to the number.
[qualifiers.clause]
"其中" = false
"累计" = false
"共计" = false
"合计" = false
"总计" = false
"共" = false

[cues]
# A share right after one of these (同比增长12.5%, 提高2个百分点) is growth.
growth = [
    "增长", "同比增长", "环比增长", "增加", "提高", "同比提高", "提升", "上升", "下降", "同比下降",
    "减少", "降低", "增幅", "降幅", "增速", "增长率", "回落", "压缩", "缩短",
]
# A share right after one of these (投入强度1.66%, 整改完成率92.86%, 占比30%) is a ratio;
# so is one in a clause holding 占 (约占全社会研发投入的八成).
ratio = ["投入强度", "强度", "完成率", "整改率", "占比", "比重", "比例", "占", "占到"]

# Phrases that hold a number and are no metric: slogans, plans, meetings, memorial days.
[not_metrics]
phrases = [
    "三重一大", "一规划两纲要", "六稳六保", "六稳", "六保", "五五普法", "六五普法", "七五普法",
    "八五普法", "九五普法", "七五", "八五", "十二五", "十三五", "十四五", "十五五", "1+10",
    "逢九必讲", "一岗双责", "三会一课", "两个确立", "两个维护", "四个意识", "四个自信", "四个全面",
    "三项制度", "八项规定", "三个代表", "五位一体", "三位一体", "两学一做", "三严三实", "两个责任",
    "最多跑一次", "一件事一次办", "十八大", "十九大", "二十大", "十八届", "十九届", "二十届",
    "四下基层", "三下乡", "千家万户", "七台河", "十分", "五个一", "三个一批", "两个全覆盖",
    "一带一路", "12345", "12348", "96178",
]
# A number right before one of these is no metric (建党100周年, 三年行动计划, 五年来).
before = ["周年", "年行动", "年攻坚", "年规划", "年计划", "年来", "年以来", "年间"]
# A number right after one of these is an ordinal, a weekday or a vague amount.
after = ["第", "周", "星期", "礼拜", "每周", "数", "几", "若", "〔", "[", "〕", "]", "No.", "NO."]

[counted]
# Verbs that end the phrase a number counts: what follows the last of them before the number
# (召开党组会议十四次 → 党组会议), or what comes before the first after it (31名干部全部参加).
verbs = [
    "召开", "开展", "组织", "举办", "举行", "发放", "印发", "印制", "制定", "出台", "审查", "审核",
    "提出", "办理", "受理", "办结", "完成", "梳理", "公布", "公开", "挽回", "抽取", "抽查", "发现",
    "下达", "选派", "带动", "兑现", "接待", "参与", "参加", "投入", "走访", "签订", "申报", "推荐",
    "认定", "新认定", "新增", "聘请", "研究", "建立", "建成", "设立", "发布", "发表", "刊发",
    "推送", "解决", "化解", "调解", "处理", "查处", "检查", "排查", "整改", "清理", "废止", "保留",
    "征集", "收到", "采纳", "答复", "回复", "实施", "覆盖", "惠及", "入库", "备案", "登记", "评审",
    "验收", "获得", "争取", "拨付", "安排", "部署", "设置", "制作", "录制", "宣讲", "解答", "接受",
    "涉及", "达到", "增至", "增加", "减少", "约占", "通过", "负责", "推动", "编印", "评选", "表彰",
    "命名", "挂牌", "授牌", "培育", "引进", "吸引", "立案", "作出", "收集", "立项", "扩容到",
    "达成", "共有", "现有", "拥有", "选聘", "培养", "组建", "成立", "打造", "创建", "核实", "列入",
    "纳入", "归集", "进行", "延期", "批准", "申领", "出具", "列席", "配备", "发生", "主持", "讲授",
    "撰写", "压缩", "仅有", "只有", "确保", "获", "张贴", "监管", "落实", "担任", "兼任", "培训",
    "轮训", "查办", "给予", "用于", "从事", "评查", "开通", "上线", "收录", "提供", "形成",
    "印发了",
]
# A verb followed by one of these is part of a noun (完成率, 培训班, 负责人, 投入强度).
noun_endings = [
    "率", "额", "数", "量", "值", "费", "面", "度", "强度", "性", "者", "人", "员", "班", "会",
    "中心", "基地", "机构", "活动", "折页", "资料", "教材", "课程", "课件",
]
# Units that count occasions: a verb right before the number is part of what is counted
# (开展技术政策宣讲10期 → 技术政策宣讲), not left off as it is before 入库7家. So is one
# before money or a share (研发投入达6.48亿元 → 研发投入).
occasions = ["次", "期", "场", "场次", "轮", "批", "批次", "人次", "家次", "户次", "件次", "篇次", "条次"]
# Words that link a phrase to its number (总数为38家), left off its end.
links = [
    "为", "是", "有", "获", "达", "至", "到", "了", "的", "控制在", "约", "近", "超", "占", "已",
    "可", "到位", "同比", "较上年", "比上年", "较去年", "比去年", "较上年度", "由", "均", "均在",
    "在", "每年", "每月", "每季度", "每人",
]
# Words that end a counted phrase read after the unit (31名干部全部参加 → 干部).
stops = [
    "的", "均", "全部", "都", "已", "分别", "精准", "和", "与", "及", "并", "兼职", "以上", "左右",
    "全年", "依法", "进行", "开展", "用于", "累计",
]
# Words at the front of a counted phrase that are not part of it.
leading = [
    "全年", "年内", "今年", "今年以来", "目前", "截至目前", "去年", "本年度", "年度", "一年来",
    "先后", "分别", "还", "并", "同时", "此外", "另外", "新", "又", "已", "共", "累计", "其中",
    "对", "向", "为", "与", "和", "及", "到", "全部", "全县", "全市", "全区", "全省", "全州",
    "全局", "计划", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
]
"""
}
