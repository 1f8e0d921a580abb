import ReportKit

/// Sentences a report says twice: each later run of repeated sentences becomes one `dedupe.repeated-passage` finding.
struct RepeatedPassages: Sendable {
    /// Sentences with fewer content characters are set phrases, not passages.
    let minimumCharacters: Int

    func findings(in text: ScalarText) -> [Finding] {
        findings(in: text, sentences: TextScan(text).sentences)
    }

    func findings(in text: ScalarText, sentences passages: [TextScan.Passage]) -> [Finding] {
        var firstSeen: [Int64: Int] = [:]
        let sentences = passages.map(\.span)
        var runs: [(repeat: Span, original: Span, lastOriginal: Int)] = []
        for (index, passage) in passages.enumerated() {
            let sentence = passage.span
            guard passage.length >= minimumCharacters else { continue }
            guard let original = firstSeen[passage.key] else {
                firstSeen[passage.key] = index
                continue
            }
            if let last = runs.last, last.repeat.end <= sentence.start, last.lastOriginal == original - 1,
               Self.adjacent(sentences, before: index, run: last.repeat) {
                runs[runs.count - 1] = (Span(last.repeat.start, sentence.end),
                                        Span(last.original.start, sentences[original].end), original)
            } else {
                runs.append((sentence, sentences[original], original))
            }
        }
        return runs.map { run in
            Finding(rule: "dedupe.repeated-passage", severity: .warning,
                    message: "本段文字在报告中重复出现：与第\(run.original.start)–\(run.original.end)字相同",
                    span: run.repeat, excerpt: Self.excerpt(text, run.repeat))
        }
    }

    private static func adjacent(_ sentences: [Span], before index: Int, run: Span) -> Bool {
        index > 0 && sentences[index - 1].end == run.end
    }

    static func excerpt(_ text: ScalarText, _ span: Span) -> String {
        span.length <= 60 ? text[span] : text[Span(span.start, span.start + 60)] + "…"
    }
}
