import ReportKit

/// Every 《…》 title checked against the table of national laws and regulations.
struct CitationRules: AuditRule {
    var readsOnlyText: Bool { true }

    private static let prefix = "中华人民共和国"

    /// One 《…》 title as written and in its comparable form.
    struct Citation {
        let span: Span
        let written: String
        let key: String
    }

    func findings(in report: AuditedReport) -> [Finding] {
        let citations = Self.citations(in: report)
        guard !citations.isEmpty else { return [] }
        let names = report.table.lawNames
        var findings: [Finding] = []
        var lawOf: [Int: Int] = [:]
        for (position, citation) in citations.enumerated() {
            if let index = names.lawByKey[citation.key] ?? names.lawByKey[Self.key(Self.withoutPrefix(citation.key))] {
                lawOf[position] = index
                if let finding = repealed(citation, report.table.laws[index], in: report) { findings.append(finding) }
            } else if let finding = nearMiss(citation, names: names, in: report) {
                findings.append(finding)
            }
        }
        return findings + inconsistentNames(citations, lawOf: lawOf, in: report)
    }

    private func repealed(_ citation: Citation, _ law: AuditTable.Law, in report: AuditedReport) -> Finding? {
        guard let repealedText = law.repealed, let repealed = ISODay(repealedText) else { return nil }
        let reportDay = report.year.map { ISODay(year: $0, month: 12, day: 31) } ?? report.document.meta.date.flatMap(ISODay.init)
        guard let reportDay, repealed <= reportDay else { return nil }
        let successor = law.replacedBy.map { "，已由《\($0)》取代" } ?? ""
        return report.finding("citation.repealed", citation.span,
                              "引用已废止的法律：《\(law.name)》已于\(repealed.chinese)废止\(successor)。")
    }

    private func nearMiss(_ citation: Citation, names: LawNames, in report: AuditedReport) -> Finding? {
        let maxDistance = report.table.setting("citation.near-miss").maxDistance
        let shortened = Self.key(Self.withoutPrefix(citation.key))
        let forms = (shortened == citation.key ? [citation.key] : [citation.key, shortened]).map { Array($0) }
        var best: (law: Int, distance: Int)?
        for name in names.names {
            for form in forms where min(form.count, name.characters.count) >= 4 && abs(form.count - name.characters.count) <= maxDistance {
                let distance = Self.editDistance(form, name.characters, limit: maxDistance)
                if distance >= 1, distance <= maxDistance, distance < (best?.distance ?? .max) { best = (name.law, distance) }
            }
        }
        if best == nil, !report.isEnabled("text.doubled-word"), let undoubled = Self.undoubled(citation.key),
           let law = names.lawByKey[undoubled] {
            best = (law, 1)
        }
        guard let law = best.map({ report.table.laws[$0.law] }) else { return nil }
        return report.finding("citation.near-miss", citation.span,
                              "法规名称疑有误：“\(citation.written)”与《\(law.name)》仅一字之差。")
    }

    private func inconsistentNames(_ citations: [Citation], lawOf: [Int: Int], in report: AuditedReport) -> [Finding] {
        guard report.isEnabled("citation.inconsistent-name") else { return [] }
        var groups: [String: [Int]] = [:]
        for (position, citation) in citations.enumerated() {
            let group = lawOf[position].map { "law:\($0)" } ?? "title:" + Self.key(Self.withoutPrefix(citation.key))
            groups[group, default: []].append(position)
        }
        var findings: [Finding] = []
        for positions in groups.values {
            let firstForm = citations[positions[0]].written
            var accepted: Set<String> = [firstForm]
            if let law = lawOf[positions[0]].map({ report.table.laws[$0] }) {
                accepted.formUnion([law.name, Self.withoutPrefix(law.name)])
            }
            for position in positions.dropFirst() where !accepted.contains(citations[position].written) {
                findings += [report.finding("citation.inconsistent-name", citations[position].span,
                                            "同一文件前后名称不一：前文作《\(firstForm)》，此处作《\(citations[position].written)》。")].compactMap { $0 }
            }
        }
        return findings.sorted { $0.span < $1.span }
    }

    // MARK: reading titles

    static func citations(in report: AuditedReport) -> [Citation] {
        var citations: [Citation] = []
        var open: Int?
        for (index, scalar) in report.scalars.enumerated() {
            switch scalar {
            case "《": open = index
            case "\n": open = nil
            case "》":
                if let start = open, index > start + 1 {
                    let written = report.text(Span(start + 1, index)).filter { $0 != " " && $0 != "\u{3000}" }
                    citations.append(Citation(span: Span(start, index + 1), written: written, key: key(written)))
                }
                open = nil
            default: break
            }
        }
        return citations
    }

    /// The comparable form of a title: no spaces, one kind of bracket and dash.
    static func key(_ title: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in title.unicodeScalars {
            switch scalar {
            case " ", "\u{3000}": continue
            case "（": result.append("(")
            case "）": result.append(")")
            case "-", "–", "－", "―", "~", "～", "‐", "‑", "─": result.append("—")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    static func withoutPrefix(_ name: String) -> String {
        name.hasPrefix(prefix) && name.count > prefix.count ? String(name.dropFirst(prefix.count)) : name
    }

    /// The title with one back-to-back repeat removed, when it has one of two or more characters.
    static func undoubled(_ title: String) -> String? {
        let characters = Array(title)
        for length in stride(from: characters.count / 2, through: 2, by: -1) {
            for start in 0...(characters.count - 2 * length) where characters[start..<start + length] == characters[start + length..<start + 2 * length] {
                return String(characters[..<(start + length)] + characters[(start + 2 * length)...])
            }
        }
        return nil
    }

    /// Levenshtein distance, or `limit + 1` once it exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        // Only the cells within `limit` of the diagonal can lead to a distance within it (Ukkonen),
        // so each row computes 2 × limit + 1 cells instead of one per character of `b`.
        let n = a.count, m = b.count, beyond = limit + 1
        guard abs(n - m) <= limit else { return beyond }
        guard n > 0, m > 0 else { return max(n, m) }
        var previous = [Int](repeating: beyond, count: m + 2)
        var current = previous
        for j in 0...min(m, limit) { previous[j] = j }
        for i in 1...n {
            let low = max(1, i - limit), high = min(m, i + limit)
            current[0] = i <= limit ? i : beyond
            current[low - 1] = low == 1 ? current[0] : beyond
            var rowMinimum = current[low - 1]
            for j in low...high {
                let cell = min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1, beyond)
                current[j] = cell
                rowMinimum = min(rowMinimum, cell)
            }
            current[high + 1] = beyond
            if rowMinimum > limit { return beyond }
            swap(&previous, &current)
        }
        return previous[m]
    }
}
