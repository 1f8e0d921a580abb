/// The phrase table reportd ships, used when no table is found beside the config file.
extension SectionPhrases {
    /// config/sections.toml as shipped; a test keeps the two identical.
    public static let builtInTable = """
# Phrase lists of the sections processor: a reviewer may edit them.
# reportd reads this file at start-up and on SIGHUP (named by `phrases` in [processors.sections]).
#
# In a phrase:
#   …  (or ...)  stands for up to `gap` characters within one sentence (never across 。！？);
#   X            stands for one digit, so 20XX年 matches 2021年 and ２０２１年;
#   full- and half-width punctuation and digits match each other (，and , ：and :).

# Longest stretch a … stands for, in characters (0 to 40).
gap = 10

# Words with which a heading title ends, or a cue sentence leads in, when sub-parts follow:
# a 一、 right after 三、工作亮点 is then read as the first of its sub-items, not a new top level.
lead_ins = ["亮点", "如下", "以下", "几个方面", "几点", "主要表现", "表现在", "主要有", "特色做法"]

# A sentence holding one of these hands the preamble over to the report (现将…情况报告如下：)
# and never opens a cue section, whatever cue phrase it holds.
not_cues = ["报告如下", "汇报如下", "述法如下", "报告于后", "现将"]

# The role of a section, read from its heading title (or an inline item's first clause).
# When phrases of several roles occur in one title, the one that comes first decides;
# a title with none of them gets the role "other".
[roles]
achievements = [
    "举措", "成效", "完成情况", "工作情况", "履职情况", "开展情况", "进展情况", "建设情况",
    "主要做法", "主要工作", "工作成果", "取得的成绩", "工作亮点",
]
problems = ["存在的问题", "存在问题", "问题和不足", "不足", "差距", "短板", "薄弱环节"]
causes = ["原因"]
next-steps = [
    "下一步", "下一年度", "20XX年工作计划", "20XX年工作打算", "20XX年度工作计划", "20XX年工作思路",
    "工作打算", "工作计划", "打算", "今后", "工作思路", "工作安排", "主要安排", "工作重点", "努力方向",
]
first-responsible = ["第一责任人", "述法", "主要负责人履行"]

# Phrases that open a section with no number. The phrase must stand in a paragraph's first
# sentence, and that sentence must end with ：, or hold a lead-in (above) right before 一是…,
# or be a short line on its own. A cue whose role an open heading already names (a
# "还存在…问题" paragraph under 二、存在的问题) opens nothing new.
[cues]
achievements = ["主要做了…工作", "开展了以下…工作", "主要工作如下", "主要做法如下", "取得了以下…成效"]
problems = [
    "还存在…问题", "还存在…不足", "还存在…差距", "还存在…短板", "还存在…薄弱",
    "仍存在…问题", "仍存在…不足", "仍存在…差距", "仍存在…短板", "仍存在…薄弱",
    "也存在…问题", "也存在…不足", "仍然存在…问题", "仍然存在…不足", "主要存在…问题",
    "存在以下…问题", "存在着…问题", "存在的问题", "存在问题", "问题和不足", "存在的不足",
    "存在的主要问题", "存在的困难和问题", "主要问题和不足",
]
causes = ["究其原因", "原因分析", "原因主要", "问题的原因", "问题产生的原因"]
next-steps = [
    "20XX年,我…将", "20XX年,本…将", "20XX年,全…将", "下一步,我…将", "今后,我…将",
    "新的一年,我…将", "新的一年里,我…将", "下一阶段,我…将", "今后的工作中,我…将",
    "重点做好以下", "重点抓好以下", "下一步工作打算", "下一步工作计划", "下一步打算", "下一步计划",
    "今后工作打算", "下一步工作思路", "20XX年工作打算", "20XX年工作计划", "20XX年工作思路",
]
first-responsible = ["履行…第一责任人职责情况"]
"""

    /// ``builtInTable``, compiled.
    public static let builtIn: SectionPhrases = {
        do {
            return try SectionPhrases(toml: builtInTable)
        } catch {
            preconditionFailure("the built-in phrase table does not load: \(error)")
        }
    }()
}
