/// The audit table reportd ships, used when no table is found beside the config file.
extension AuditTable {
    /// config/audit.toml as shipped; a test keeps the two identical.
    public static let builtInTable = """
# Rules and tables of the audit processor: a reviewer may edit them.
# reportd reads this file at start-up and on SIGHUP (named by `rules` in [processors.audit]).
#
# Every rule has a stable id. `enabled` switches it, `severity` is "error", "warning" or "info";
# a rule left out of [rules] runs with its defaults (README.md lists them). Some rules take a threshold.

[rules]
"structure.sibling-skipped" = { enabled = true, severity = "warning" }
"structure.sibling-repeated" = { enabled = true, severity = "warning" }
"structure.sibling-order" = { enabled = true, severity = "warning" }
"structure.level-skipped" = { enabled = true, severity = "info" }
"structure.nested-same-level" = { enabled = true, severity = "warning" }
# Required content: a missing item takes the rule's severity; one only mentioned in passing, `mention_severity`.
"content.missing-measures" = { enabled = true, severity = "warning", mention_severity = "info" }
"content.missing-problems" = { enabled = true, severity = "warning", mention_severity = "info" }
"content.missing-causes" = { enabled = true, severity = "warning", mention_severity = "info" }
"content.missing-first-responsible" = { enabled = true, severity = "warning", mention_severity = "info" }
"content.missing-next-steps" = { enabled = true, severity = "warning", mention_severity = "info" }
# A total is checked against its parts when they overshoot it, or fall short with at least `min_parts` parts.
"arithmetic.total-mismatch" = { enabled = true, severity = "error", min_parts = 3 }
"arithmetic.rate-mismatch" = { enabled = true, severity = "error" }
"arithmetic.growth-mismatch" = { enabled = true, severity = "warning" }
"consistency.completeness-claim" = { enabled = true, severity = "error" }
"consistency.year" = { enabled = true, severity = "warning" }
"consistency.place-kind" = { enabled = true, severity = "warning" }
# Units of up to `max_length` characters doubled back to back.
"text.doubled-word" = { enabled = true, severity = "error", max_length = 16 }
# A stretch of at least `min_chars` characters (outside 《》 titles) that comes twice.
"text.repeated-passage" = { enabled = true, severity = "warning", min_chars = 20 }
"text.unbalanced-brackets" = { enabled = true, severity = "error" }
# Half-width ,;:!?" are flagged only while they stay below `max_share` of the report's commas
# (a report written with half-width commas throughout has been converted, not mistyped).
"text.halfwidth-punctuation" = { enabled = true, severity = "warning", max_share = 0.3 }
"text.stray-space" = { enabled = true, severity = "warning" }
"text.date-forms" = { enabled = true, severity = "warning" }
# A wording the current documents have replaced (法制宣传 → 法治宣传); see [text] outdated_terms.
"text.outdated-term" = { enabled = true, severity = "info" }
"citation.repealed" = { enabled = true, severity = "error" }
# Edits (a character left out, added or changed) between a title and a known one.
"citation.near-miss" = { enabled = true, severity = "error", max_distance = 1 }
"citation.inconsistent-name" = { enabled = true, severity = "info" }
# 余 and 多 right after a number want a number that is a multiple of `round_base`.
"quantity.approx-not-round" = { enabled = true, severity = "warning", round_base = 10 }
"quantity.person-unit" = { enabled = true, severity = "warning" }
"form.missing-signature" = { enabled = true, severity = "warning" }
"form.missing-date" = { enabled = true, severity = "warning" }
"form.date-format" = { enabled = true, severity = "info" }
# Published or signed on or after this month and day of the year after the year covered.
"form.late-publication" = { enabled = true, severity = "warning", deadline = "04-01" }

# Which reports are 法治政府建设年度报告 and owe the required content.
[report_type]
# The title (or the first line) holds one of `title_phrases` and one of `title_endings`...
title_phrases = ["法治政府建设", "法治建设", "依法行政", "法治政府"]
title_endings = ["报告", "情况", "总结"]
# ...or, without a title, the text names 法治政府建设 at least `body_mentions` times.
body_mentions = 2
# A title or preamble with one of these is a personal report (述法), not the bureau's annual report.
personal = ["述法", "述职", "本人"]

# The required items of an annual report: a section of one of `roles` (config/sections.toml) has
# it; otherwise a phrase of `mentions` is a passing mention; otherwise it is missing.
[content.measures]
roles = ["achievements"]
mentions = ["主要做法", "主要举措", "工作成效", "取得成效", "工作情况", "开展情况"]
[content.problems]
roles = ["problems"]
mentions = ["存在的问题", "存在问题", "不足", "差距", "短板", "薄弱"]
[content.causes]
roles = ["causes"]
mentions = ["原因"]
[content.first-responsible]
roles = ["first-responsible"]
mentions = ["第一责任人", "主要负责人履行", "述法"]
[content.next-steps]
roles = ["next-steps"]
mentions = ["下一步", "明年", "今后", "新的一年"]

[consistency]
# A claim that everything is done...
completeness_claims = [
    "已全部整改", "全部整改完成", "全部整改到位", "均已整改", "已全部完成整改", "全部完成整改",
    "已全部办结", "全部办结", "均已办结", "已全部落实",
]
# ...contradicted earlier in its paragraph by a share after one of these below 100%...
rate_cues = ["完成率", "整改率", "办结率", "到位率", "销号率", "落实率"]
# ...or by a count after one of these smaller than the count before it. A rate is checked only
# against a count after one of these (整改到位13个 of 问题14个), never two unrelated counts.
done_cues = [
    "整改到位", "已整改", "完成整改", "已完成整改", "已办结", "办结", "已销号", "已落实", "整改", "完成",
    "采纳", "合格", "通过", "解决", "化解", "结案", "答复", "办复", "到位", "验收",
]
# Words that mark the earlier figure of a growth rate (较上年1.2亿元).
previous_cues = ["上年", "去年", "上一年", "同期", "较", "比"]
# The kinds of place an issuer can be; `我县` in a 市's report is a finding.
place_kinds = ["省", "市", "州", "县", "区", "旗", "盟"]
# Words that end an issuer's name after its place (科学技术局, 人民政府).
issuer_words = ["人民政府", "政府", "局", "委员会", "委", "办公室", "办", "厅", "院", "中心"]

[text]
# Doubled characters that are correct Chinese (AA and AABB reduplication).
allowed_doubles = [
    "常常", "人人", "天天", "层层", "处处", "事事", "个个", "年年", "步步", "时时", "刻刻", "家家",
    "户户", "村村", "件件", "条条", "项项", "样样", "种种", "一一", "仅仅", "往往", "渐渐", "纷纷",
    "默默", "稳稳", "牢牢", "紧紧", "深深", "高高", "大大", "多多", "好好", "刚刚", "恰恰", "频频",
    "屡屡", "久久", "源源", "滚滚", "勃勃", "欣欣", "井井", "孜孜", "兢兢", "谆谆", "循循", "切切",
    "实实", "严严", "扎扎", "认认", "真真", "明明", "白白", "清清", "楚楚", "方方", "面面", "点点",
    "滴滴", "重重", "轰轰", "烈烈", "踏踏", "平平", "安安", "干干", "净净", "规规", "矩矩", "堂堂",
    "正正", "细细", "慢慢", "轻轻", "快快", "早早", "悄悄", "暗暗", "隐隐", "片片", "声声", "句句",
    "字字", "心心", "念念", "口口", "代代", "世世", "生生", "息息", "相相", "节节", "级级", "环环",
    "岗岗", "科科", "县县", "市市", "区区", "乡乡", "镇镇", "州州", "省省", "会会", "议议",
    "法法", "月月", "日日", "周周", "次次", "谢谢", "看看", "想想", "试试", "说说", "谈谈", "走走", "问问", "爸爸", "妈妈", "爷爷", "奶奶",
    "哥哥", "姐姐", "弟弟", "妹妹", "叔叔", "娃娃", "宝宝", "星星", "钉钉",
]
# Phrases that read like a doubled word or an ordinal but are correct.
set_phrases = [
    "学习习近平", "县县级", "市市级", "法律法规规章", "一规划两纲要", "部分分局", "会议议程", "会议议题",
    "局务会会议", "局务会会前", "党组会会前", "常务会会议", "工作作风", "管理理念", "治理理念", "建设设施",
    "企业业务", "项目目标", "检查查处", "宣传传统", "理论论述", "人民民主", "科学学会", "科学学科",
    "谁执法谁普法", "一件一件", "一项一项", "一个一个", "一次一次", "一步一步", "一年一年",
    "财政政策", "调解解决", "了解解决", "理解解决", "全部部署", "支部部署", "健全全面", "安全全面",
    "部分分析", "充分分析", "进行行政", "执行行政", "银行行长", "审议议案", "监督督查", "监督督导",
    "为了了解", "除了了解",
]
# Stock wording every report repeats: it does not count towards a repeated passage's length.
stock_phrases = [
    "以习近平新时代中国特色社会主义思想为指导", "习近平新时代中国特色社会主义思想", "习近平法治思想",
    "党的二十大", "党的十九大", "二十届二中、三中全会", "二十届三中全会", "全面依法治国", "法治政府建设",
    "在县委、县政府的坚强领导下", "在市委、市政府的坚强领导下", "营造良好的法治环境", "依法行政",
]
# Two wordings of one thing written back to back (主要领导主要负责人).
redundant_pairs = [
    ["主要领导", "主要负责人"], ["主要负责人", "主要领导"], ["主要负责同志", "主要负责人"],
    ["主要负责人", "主要负责同志"],
]
# Wordings replaced since rule of law (法治) took the place of the legal system (法制) in these
# phrases; 法制审核 and 法制机构 are still the names of the review and its office.
outdated_terms = [
    ["法制宣传", "法治宣传"], ["法制教育", "法治教育"], ["法制保障", "法治保障"], ["法制观念", "法治观念"],
    ["法制意识", "法治意识"], ["法制环境", "法治环境"], ["法制轨道", "法治轨道"], ["法制文化", "法治文化"],
    ["法制思维", "法治思维"],
]
# Days written as month and day: a date written two ways before one of these is a finding (12.4国家宪法日).
day_names = ["宪法日", "宪法宣传周", "消费者权益日", "安全教育日", "减灾日", "禁毒日", "科技活动周", "科普日", "植树节", "劳动节", "国庆节"]

# National laws and regulations the reports cite. `short` lists the names a report may use beside
# the full one; `in_force` and `repealed` are YYYY-MM-DD; `replaced_by` names the successor.
[[laws]]
name = "中华人民共和国宪法"
short = ["宪法"]
in_force = "1982-12-04"
[[laws]]
name = "中华人民共和国民法典"
short = ["民法典"]
in_force = "2021-01-01"
[[laws]]
name = "中华人民共和国科学技术进步法"
short = ["科学技术进步法", "科技进步法"]
in_force = "1993-10-01"
note = "2021年修订，2022年1月1日起施行"
[[laws]]
name = "中华人民共和国促进科技成果转化法"
short = ["促进科技成果转化法", "科技成果转化法"]
in_force = "1996-10-01"
note = "2015年修正，2015年10月1日起施行"
[[laws]]
name = "中华人民共和国科学技术普及法"
short = ["科学技术普及法", "科普法"]
in_force = "2002-06-29"
note = "2024年12月25日修订并施行"
[[laws]]
name = "中华人民共和国个人信息保护法"
short = ["个人信息保护法"]
in_force = "2021-11-01"
[[laws]]
name = "中华人民共和国安全生产法"
short = ["安全生产法"]
in_force = "2002-11-01"
[[laws]]
name = "中华人民共和国食品安全法"
short = ["食品安全法"]
in_force = "2009-06-01"
[[laws]]
name = "中华人民共和国行政处罚法"
short = ["行政处罚法"]
in_force = "1996-10-01"
note = "2021年修订，2021年7月15日起施行"
[[laws]]
name = "中华人民共和国行政许可法"
short = ["行政许可法"]
in_force = "2004-07-01"
[[laws]]
name = "中华人民共和国行政复议法"
short = ["行政复议法"]
in_force = "1999-10-01"
note = "2023年修订，2024年1月1日起施行"
[[laws]]
name = "中华人民共和国行政诉讼法"
short = ["行政诉讼法"]
in_force = "1990-10-01"
[[laws]]
name = "中华人民共和国行政强制法"
short = ["行政强制法"]
in_force = "2012-01-01"
[[laws]]
name = "中华人民共和国国家赔偿法"
short = ["国家赔偿法"]
in_force = "1995-01-01"
[[laws]]
name = "中华人民共和国立法法"
short = ["立法法"]
in_force = "2000-07-01"
[[laws]]
name = "中华人民共和国网络安全法"
short = ["网络安全法"]
in_force = "2017-06-01"
[[laws]]
name = "中华人民共和国数据安全法"
short = ["数据安全法"]
in_force = "2021-09-01"
[[laws]]
name = "中华人民共和国保守国家秘密法"
short = ["保守国家秘密法", "保密法"]
in_force = "1989-05-01"
[[laws]]
name = "中华人民共和国专利法"
short = ["专利法"]
in_force = "1985-04-01"
[[laws]]
name = "中华人民共和国反不正当竞争法"
short = ["反不正当竞争法"]
in_force = "1993-12-01"
[[laws]]
name = "中华人民共和国中小企业促进法"
short = ["中小企业促进法"]
in_force = "2003-01-01"
[[laws]]
name = "中华人民共和国农业技术推广法"
short = ["农业技术推广法"]
in_force = "1993-07-02"
[[laws]]
name = "中华人民共和国公职人员政务处分法"
short = ["公职人员政务处分法", "政务处分法"]
in_force = "2020-07-01"
[[laws]]
name = "中华人民共和国反电信网络诈骗法"
short = ["反电信网络诈骗法"]
in_force = "2022-12-01"
[[laws]]
name = "中华人民共和国政府信息公开条例"
short = ["政府信息公开条例"]
in_force = "2008-05-01"
note = "2019年修订，2019年5月15日起施行"
[[laws]]
name = "优化营商环境条例"
in_force = "2020-01-01"
[[laws]]
name = "重大行政决策程序暂行条例"
in_force = "2019-09-01"
[[laws]]
name = "国家科学技术奖励条例"
in_force = "1999-05-23"
[[laws]]
name = "法治政府建设实施纲要(2021—2025年)"
in_force = "2021-08-11"
[[laws]]
name = "法治政府建设实施纲要(2015—2020年)"
in_force = "2015-12-27"
[[laws]]
name = "法治社会建设实施纲要(2020—2025年)"
in_force = "2020-12-07"
[[laws]]
name = "法治中国建设规划(2020—2025年)"
in_force = "2021-01-10"
[[laws]]
name = "中华人民共和国技术合同法"
short = ["技术合同法"]
in_force = "1987-11-01"
repealed = "1999-10-01"
replaced_by = "中华人民共和国合同法"
[[laws]]
name = "中华人民共和国经济合同法"
short = ["经济合同法"]
in_force = "1982-07-01"
repealed = "1999-10-01"
replaced_by = "中华人民共和国合同法"
[[laws]]
name = "中华人民共和国合同法"
short = ["合同法"]
in_force = "1999-10-01"
repealed = "2021-01-01"
replaced_by = "中华人民共和国民法典"
[[laws]]
name = "中华人民共和国民法通则"
short = ["民法通则"]
in_force = "1987-01-01"
repealed = "2021-01-01"
replaced_by = "中华人民共和国民法典"
[[laws]]
name = "中华人民共和国民法总则"
short = ["民法总则"]
in_force = "2017-10-01"
repealed = "2021-01-01"
replaced_by = "中华人民共和国民法典"
[[laws]]
name = "中华人民共和国物权法"
short = ["物权法"]
in_force = "2007-10-01"
repealed = "2021-01-01"
replaced_by = "中华人民共和国民法典"
[[laws]]
name = "中华人民共和国担保法"
short = ["担保法"]
in_force = "1995-10-01"
repealed = "2021-01-01"
replaced_by = "中华人民共和国民法典"
[[laws]]
name = "中华人民共和国侵权责任法"
short = ["侵权责任法"]
in_force = "2010-07-01"
repealed = "2021-01-01"
replaced_by = "中华人民共和国民法典"
[[laws]]
name = "中华人民共和国食品卫生法"
short = ["食品卫生法"]
in_force = "1995-10-30"
repealed = "2009-06-01"
replaced_by = "中华人民共和国食品安全法"

[quantity]
# Nouns for people: counted with 名, 人 or 位, never with an object unit.
person_nouns = [
    "员", "干部", "职工", "专家", "律师", "人才", "群众", "农民", "农牧民", "党员", "代表", "学生",
    "教师", "老师", "院士", "博士", "志愿者", "工作者", "负责人", "顾问", "骨干", "村民", "居民",
    "市民", "同志", "学者", "法官", "检察官", "警察",
]
# Nouns that end in a person word but count things (委员会, 人员密集场所 are no people).
not_person_nouns = ["委员会", "动员", "员额"]
object_units = ["个", "家", "件", "项", "份", "台", "套", "张", "本", "条", "处", "所", "座", "块", "篇"]

[form]
# The end of a signature's issuer line.
issuer_endings = [
    "局", "委", "委员会", "办", "办公室", "厅", "院", "政府", "中心", "部", "处", "站", "所", "会", "党组",
    "公司", "协会", "学会", "研究所", "管委会",
]
# Page chrome after the signature of a scraped page, left out when the end is read.
chrome = ["附件下载", "相关链接", "扫一扫", "打印本页", "关闭窗口", "分享到", "【打印】", "【关闭】", "责任编辑", "来源:"]
"""
}
