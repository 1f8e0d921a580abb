/// The page furniture a government web site wraps around a report, as it survives a copy into text: the
/// label–value block at the top (索引号, 发布机构, 发布日期, 信息名称, …), a date split over lines
/// ("2025" "03/28" "12:05"), and chrome lines such as 扫一扫在手机打开当前页, 附件下载>>, 【打印】【关闭】.
///
/// The tables below are the whole of what is recognised; a reviewer who meets a new label or chrome line
/// adds it here.
enum PageFurniture {
    /// What a label's value says about the report.
    enum Meaning: Hashable, Sendable {
        case issuer, published, written, title, source, other
    }

    /// The labels of the header block and what their values mean.
    static let labels: [String: Meaning] = [
        "发布机构": .issuer, "发文机关": .issuer, "发文单位": .issuer,
        "发布日期": .published, "发布时间": .published, "公开日期": .published, "日期": .published,
        "时间": .published,
        "成文日期": .written, "成文时间": .written,
        "信息名称": .title, "标题": .title,
        "来源": .source, "信息来源": .source,
        "索引号": .other, "信息分类": .other, "主题分类": .other, "体裁分类": .other, "组配分类": .other,
        "服务对象": .other, "文号": .other, "发文字号": .other, "生效日期": .other, "废止日期": .other,
        "有效性": .other, "时效": .other, "公开方式": .other, "公开范围": .other, "公开时限": .other,
        "关键词": .other, "主题词": .other, "浏览次数": .other, "访问量": .other, "作者": .other,
        "所属机构": .other, "所属主题": .other, "信息类别": .other, "发布者": .other, "编辑": .other,
        "点击数": .other, "阅读次数": .other,
    ]

    /// Words a chrome line is made of, once brackets, arrows and separators are taken out.
    static let chromeWords: [String] = [
        "扫一扫在手机打开当前页", "在手机打开当前页", "扫一扫", "附件下载", "相关链接", "相关文件", "相关阅读",
        "打印本页", "打印", "关闭窗口", "关闭本页", "关闭", "返回顶部", "返回", "收藏", "分享到", "分享",
        "字体", "字号", "默认", "大", "中", "小", "微信", "微博", "视力保护色", "保护视力色",
        "在手机上查看当前页面", "在手机上打开当前页", "手机查看", "手机浏览", "二维码",
    ]

    /// Beginnings of chrome lines that carry more after them (breadcrumbs, neighbour links).
    static let chromePrefixes: [String] = [
        "当前位置", "您当前的位置", "您的位置", "首页>", "上一篇", "下一篇", "责任编辑", "【责任编辑", "分享到",
    ]

    /// Decoration around chrome words.
    private static let chromeDecoration: Set<Unicode.Scalar> = [
        "【", "】", "[", "]", "<", ">", "»", "›", "|", ":", "：", "·", "•", "、", "/", " ", "\t", "(", ")",
    ]

    /// The chrome words and prefixes as scalars, and the scalars any of them starts with: most report
    /// lines are told apart by their first scalar that is not decoration.
    private static let chromeWordScalars = chromeWords.map { Array($0.unicodeScalars) }
    private static let chromePrefixScalars = chromePrefixes.map { Array($0.unicodeScalars) }
    private static let chromeFirstScalars = Set((chromeWordScalars + chromePrefixScalars).compactMap(\.first))

    /// What the removed furniture said.
    struct Found: Equatable, Sendable {
        /// The first value given for each meaning.
        var values: [Meaning: String] = [:]
        /// A date standing alone in the header, often split over lines, as `YYYY-MM-DD`.
        var webDate: String?
    }

    /// Short lines (a title above the header) the header scan passes over and keeps, at most.
    private static let keptLinesInHeader = 2

    /// The report's own lines and what the furniture around them said. The 信息名称 title stays as the
    /// first line, since it is the report's title, and so does a title standing above the header; every
    /// other header line and the chrome go.
    static func strip(_ lines: [String]) -> (body: [String], found: Found) {
        var found = Found()
        var kept: [Int] = []
        var start = 0
        var scan = 0
        header: while scan < lines.count {
            let line = lines[scan]
            if line.utf8.count > longestFurnitureLine {
                break header
            } else if isChrome(line) {
                scan += 1
            } else if let (date, used) = webDate(in: lines, at: scan) {
                found.webDate = found.webDate ?? date
                scan += used
            } else if let label = bareLabel(line) {
                let next: String? = scan + 1 < lines.count ? lines[scan + 1] : nil
                if let next, isValue(next) {
                    record(label, next, in: &found)
                    scan += 2
                } else {
                    scan += 1
                }
            } else if let pairs = labelledPairs(in: line) {
                for (label, value) in pairs { record(label, value, in: &found) }
                scan += 1
            } else if kept.count < keptLinesInHeader, isValue(line), line.count <= 60 {
                kept.append(scan)
                scan += 1
                continue
            } else {
                break header
            }
            start = scan
        }
        var end = lines.count
        while end > start, isChrome(lines[end - 1]) { end -= 1 }
        var body = kept.filter { $0 < start }.map { lines[$0] } + lines[start..<end]
        if let title = found.values[.title], body.first != title { body.insert(title, at: 0) }
        return (body, found)
    }

    private static func record(_ label: String, _ value: String, in found: inout Found) {
        guard let meaning = labels[label], meaning != .other, !value.isEmpty else { return }
        if found.values[meaning] == nil { found.values[meaning] = value }
    }

    /// A label alone on its line, with or without a colon.
    private static func bareLabel(_ line: String) -> String? {
        var text = Substring(line)
        if text.last == ":" || text.last == "：" { text = text.dropLast() }
        let label = String(text.trimmingBlanks)
        return labels[label] == nil ? nil : label
    }

    /// A line that can be the value under a bare label: short, not a label, not prose.
    private static func isValue(_ line: String) -> Bool {
        line.utf8.count <= 300 && !line.contains("。")
            && bareLabel(line) == nil && labelledPairs(in: line) == nil && !isChrome(line)
    }

    /// `label：value` pairs filling a line, as a header row lays them out (`来源：市科技局 发布时间：2025-03-28`),
    /// or tab-separated cells (`索引号\t000014348/2023-00827\t文号\t`). Nil unless the line opens with a label.
    static func labelledPairs(in line: String) -> [(String, String)]? {
        var tokens: [(isLabel: Bool, text: String)] = []
        for cell in line.split(separator: "\t") {
            tokens += labelTokens(in: String(cell.trimmingBlanks))
        }
        guard let first = tokens.first, first.isLabel else { return nil }
        var pairs: [(String, String)] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].isLabel else { index += 1; continue }
            let hasValue = index + 1 < tokens.count && !tokens[index + 1].isLabel
            pairs.append((tokens[index].text, hasValue ? tokens[index + 1].text : ""))
            index += hasValue ? 2 : 1
        }
        return pairs
    }

    /// A cell split into labels (a known label followed by a colon, at the start or after a space, or the
    /// whole cell) and the values between them.
    private static func labelTokens(in cell: String) -> [(isLabel: Bool, text: String)] {
        if let label = bareLabel(cell) { return [(true, label)] }
        // A label is followed by a colon: without one the cell is one value, and most lines of a
        // report are that, so they are not split into characters first.
        guard cell.unicodeScalars.contains(where: { $0 == ":" || $0 == "：" }) else {
            let value = String(cell.trimmingBlanks)
            return value.isEmpty ? [] : [(false, value)]
        }
        let characters = Array(cell)
        var tokens: [(isLabel: Bool, text: String)] = []
        var valueStart = 0
        var index = 0
        while index < characters.count {
            if index == 0 || characters[index - 1] == " ", let label = label(in: characters, at: index) {
                let value = String(String(characters[valueStart..<index]).trimmingBlanks)
                if !value.isEmpty { tokens.append((false, value)) }
                tokens.append((true, label))
                index += label.count + 1
                valueStart = index
            } else {
                index += 1
            }
        }
        let value = String(String(characters[min(valueStart, characters.count)...]).trimmingBlanks)
        if !value.isEmpty { tokens.append((false, value)) }
        return tokens
    }

    /// The label that starts at `index` and is followed by a colon.
    private static func label(in characters: [Character], at index: Int) -> String? {
        for length in 2...4 where index + length < characters.count {
            let colon = characters[index + length]
            guard colon == ":" || colon == "：" else { continue }
            let candidate = String(characters[index..<index + length])
            if labels[candidate] != nil { return candidate }
        }
        return nil
    }

    /// A date standing alone in the header: `2025` `03/28` [`12:05`] over lines, or `2025-03-28 [12:05]` on one.
    private static func webDate(in lines: [String], at index: Int) -> (date: String, lines: Int)? {
        let line = lines[index]
        if let date = ReportDate.whole(line) { return (date, 1) }
        guard line.count == 4, line.allSatisfy({ $0.isASCII && $0.isNumber }), index + 1 < lines.count,
              let date = ReportDate.whole(line + "-" + lines[index + 1].replacingOccurrences(of: "/", with: "-")),
              lines[index + 1].contains(where: { $0 == "/" || $0 == "-" }) else { return nil }
        let hasTime = index + 2 < lines.count && ReportDate.isTime(lines[index + 2])
        return (date, hasTime ? 3 : 2)
    }

    /// In UTF-8 bytes; a longer line is report text, never looked at as furniture.
    private static let longestFurnitureLine = 600

    /// A line of chrome: nothing but chrome words and decoration, or a known chrome beginning.
    static func isChrome(_ line: String) -> Bool {
        guard line.utf8.count <= longestFurnitureLine else { return false }
        if let first = line.unicodeScalars.first(where: { !chromeDecoration.contains($0) }),
           !chromeFirstScalars.contains(first) {
            return false
        }
        let compact = line.unicodeScalars.filter { !chromeDecoration.contains($0) }
        if chromePrefixScalars.contains(where: { compact.starts(with: $0) }) { return true }
        guard !compact.isEmpty else { return line.contains(">>") || line.contains("【") }
        var rest = compact[...]
        while !rest.isEmpty {
            guard let word = chromeWordScalars.first(where: { rest.starts(with: $0) }) else { return false }
            rest = rest.dropFirst(word.count)
        }
        return true
    }
}

extension StringProtocol {
    /// Without spaces or tabs at either end.
    var trimmingBlanks: SubSequence {
        guard let first = firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = lastIndex(where: { $0 != " " && $0 != "\t" }) else { return self[endIndex...] }
        return self[first...last]
    }
}
