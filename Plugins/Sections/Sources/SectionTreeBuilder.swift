import ReportKit

/// Assembles headings, cue sections and inline items, fed in text order, into the section tree,
/// deciding each one's parent and level and recording what is irregular about its place.
///
/// A heading's level comes from the document: the first style seen is the top level, and a style
/// nests below the open headings whose style ranks above it in GB/T 9704-2012; a gap in that order
/// is a skipped level. A `1` of an open style right after a heading that announces sub-parts (ends
/// in 亮点/如下/：, or has no text of its own) starts a list nested under it, one deep; that list
/// ends when its numbering stops continuing.
struct SectionTreeBuilder {
    /// What a heading brings to the tree.
    struct HeadingInput {
        var marker: NumberedMarker
        var title: Range<Int>
        var headEnd: Int
        var role: String
        var mentionedRoles: Set<String>
        var announcesSubParts: Bool
        var runsOn: Bool
    }

    /// What an inline item brings to the tree.
    struct ItemInput {
        var marker: InlineMarker
        var title: Range<Int>
        var role: String
        var opensLine: Bool
        var followsColon: Bool
    }

    private struct Draft {
        var section: Section
        var children: [Int] = []
    }

    private struct OpenHeading {
        var draft: Int
        /// nil for a cue section.
        var style: MarkerStyle?
        var number: Int
        var rank: Int
        var level: Int
        var nestedUnderSameStyle: Bool
        var announcesSubParts: Bool
        var hasBody: Bool
        var mentionedRoles: Set<String>
        var childNumbering = SiblingNumberings()
    }

    private struct OpenItem {
        var draft: Int
        var family: InlineFamily
        var number: Int
        var level: Int
        var endsWithLine: Bool
    }

    /// How deep inline items may nest, so that a run of `：一是` cannot deepen the tree without end.
    static let itemDepthLimit = 4

    private let scalars: [Unicode.Scalar]
    private var drafts: [Draft] = []
    private var roots: [Int] = []
    private var headings: [OpenHeading] = []
    private var items: [OpenItem] = []
    private var topNumbering = SiblingNumberings()
    private var topRank: Int?
    private var lastLineEndsWithColon = false

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// Whether an open section already says it is about `role`, so a cue of that role opens nothing new.
    func covers(_ role: String) -> Bool {
        headings.contains { $0.mentionedRoles.contains(role) }
    }

    /// Whether a section is open for inline items to belong to.
    var hasOpenSection: Bool { !headings.isEmpty }

    mutating func addHeading(_ input: HeadingInput) {
        let marker = input.marker
        closeItems(from: 0, at: marker.start)
        let restartsNestedList = closeSectionsBefore(input)
        let rank = marker.style.standardRank
        topRank = topRank ?? rank
        let headSpan = Span(marker.start, input.title.upperBound)
        var anomalies: [SectionAnomaly] = []
        let level: Int
        let inNestedRun = headings.last?.style == marker.style
        if let parent = headings.last {
            if inNestedRun {
                level = parent.level + 1
                if restartsNestedList {
                    anomalies.append(SectionAnomaly(kind: .nestedSameLevel, expected: nil, found: marker.number, span: headSpan))
                }
            } else {
                let gap = max(1, rank - parent.rank)
                level = parent.level + gap
                if gap > 1, parent.style != nil, !parent.childNumbering.hasSeen(marker.style) {
                    anomalies.append(SectionAnomaly(kind: .levelSkipped, expected: parent.level + 1, found: level, span: headSpan))
                }
            }
            if let anomaly = headings[headings.count - 1].childNumbering.record(marker.number, style: marker.style, span: headSpan) {
                anomalies.append(anomaly)
            }
        } else {
            level = 1
            if let anomaly = topNumbering.record(marker.number, style: marker.style, span: headSpan) {
                anomalies.append(anomaly)
            }
        }
        let draft = append(Section(
            level: level, marker: scalars.string(marker.start..<marker.end), number: marker.number,
            title: scalars.string(input.title), span: Span(marker.start, input.headEnd), kind: .heading,
            role: input.role, anomalies: anomalies))
        headings.append(OpenHeading(
            draft: draft, style: marker.style, number: marker.number, rank: rank, level: level,
            nestedUnderSameStyle: inNestedRun, announcesSubParts: input.announcesSubParts, hasBody: input.runsOn,
            mentionedRoles: input.mentionedRoles))
    }

    /// Closes the open headings the new one does not belong under; true when it starts a list
    /// nested under an open heading of its own style.
    private mutating func closeSectionsBefore(_ input: HeadingInput) -> Bool {
        let marker = input.marker
        guard let same = headings.lastIndex(where: { $0.style == marker.style }) else {
            closeHeadingsRanked(below: marker, at: marker.start)
            return false
        }
        let open = headings[same]
        if same == headings.count - 1, marker.number == 1, !open.nestedUnderSameStyle,
           open.announcesSubParts || !open.hasBody || lastLineEndsWithColon {
            return true
        }
        if open.nestedUnderSameStyle,
           let outer = headings[..<same].lastIndex(where: { $0.style == marker.style }),
           marker.number != open.number + 1 || leavesNestedRun(input, outer: headings[outer]) {
            closeHeadings(from: outer, at: marker.start)
        } else {
            closeHeadings(from: same, at: marker.start)
        }
        return false
    }

    /// When a number continues both the nested list and the list around it (三、工作亮点 一、二、三、
    /// then 四、), the title decides: a role of its own, other than the announcing heading's, is a
    /// part of the report (四、存在的问题), not one more highlight.
    private func leavesNestedRun(_ input: HeadingInput, outer: OpenHeading) -> Bool {
        input.marker.number == outer.number + 1 && input.role != RoleTable.fallback
            && input.role != drafts[outer.draft].section.role
    }

    /// Opens a top-level section at a cue phrase, closing every open section. A cue that is closed
    /// before anything follows its sentence (a preamble's `…主要做了以下工作：` right before `一、`)
    /// governs nothing and is dropped.
    mutating func addCue(_ cue: CueLine, start: Int, runsOn: Bool, mentionedRoles: Set<String>) {
        closeItems(from: 0, at: start)
        closeHeadings(from: 0, at: start)
        let draft = append(Section(
            level: 1, marker: "", number: nil, title: scalars.string(cue.title), span: Span(start, cue.headEnd),
            kind: .cue, role: cue.role))
        headings.append(OpenHeading(
            draft: draft, style: nil, number: 0, rank: topRank ?? MarkerStyle.chineseEnumeration.standardRank, level: 1,
            nestedUnderSameStyle: false, announcesSubParts: true, hasBody: runsOn,
            mentionedRoles: mentionedRoles.union([cue.role])))
    }

    mutating func addItem(_ input: ItemInput) {
        guard let heading = headings.last else { return }
        headings[headings.count - 1].hasBody = true
        let marker = input.marker
        let nestsInOpenItem = items.last?.family == marker.family && marker.number == 1 && input.followsColon
            && items.count < Self.itemDepthLimit
        if !nestsInOpenItem, let same = items.lastIndex(where: { $0.family == marker.family }) {
            if marker.number != items[same].number + 1,
               let outer = items[..<same].lastIndex(where: { $0.family == marker.family }),
               marker.number == items[outer].number + 1 {
                closeItems(from: outer, at: marker.start)
            } else {
                closeItems(from: same, at: marker.start)
            }
        }
        let level = (items.last?.level ?? heading.level) + 1
        let draft = append(Section(
            level: level, marker: scalars.string(marker.start..<marker.end), number: marker.number,
            title: scalars.string(input.title), span: Span(marker.start, input.title.upperBound), kind: .inline,
            role: input.role))
        items.append(OpenItem(draft: draft, family: marker.family, number: marker.number, level: level,
                              endsWithLine: !input.opensLine))
    }

    /// A line of text that is not a heading: the innermost open section has a body.
    mutating func noteBody() {
        if !headings.isEmpty { headings[headings.count - 1].hasBody = true }
    }

    /// The line ending at `contentEnd` is over: items that started inside it end with it.
    mutating func endLine(contentEnd: Int) {
        lastLineEndsWithColon = contentEnd > 0 && ScalarClass.isColon(scalars[contentEnd - 1])
        while let last = items.last, last.endsWithLine {
            close(last.draft, at: contentEnd)
            items.removeLast()
        }
    }

    /// Closes everything at `end` and hands back the tree.
    mutating func finish(at end: Int) -> [Section] {
        closeItems(from: 0, at: end)
        closeHeadings(from: 0, at: end)
        return roots.map(assemble)
    }

    private mutating func closeHeadingsRanked(below marker: NumberedMarker, at position: Int) {
        let rank = marker.style.standardRank
        while let top = headings.last {
            if top.style == nil {
                let restartsUnderCue = rank == top.rank && marker.number == 1 && topNumbering.hasSeen(marker.style)
                if rank > top.rank || restartsUnderCue { return }
            } else if top.rank < rank {
                return
            }
            popHeading(at: position)
        }
    }

    private mutating func closeHeadings(from index: Int, at position: Int) {
        while headings.count > index {
            popHeading(at: position)
        }
    }

    private mutating func popHeading(at position: Int) {
        let heading = headings.removeLast()
        if heading.style == nil, !heading.hasBody, drafts[heading.draft].children.isEmpty, roots.last == heading.draft {
            roots.removeLast()
            return
        }
        close(heading.draft, at: position)
    }

    private mutating func closeItems(from index: Int, at position: Int) {
        while items.count > index {
            close(items.removeLast().draft, at: position)
        }
    }

    private mutating func close(_ draft: Int, at position: Int) {
        let start = drafts[draft].section.span.start
        drafts[draft].section.span = Span(start, scalars.trimmedEnd(max(position, start), floor: start))
    }

    private mutating func append(_ section: Section) -> Int {
        drafts.append(Draft(section: section))
        let index = drafts.count - 1
        if let parent = items.last?.draft ?? headings.last?.draft {
            drafts[parent].children.append(index)
        } else {
            roots.append(index)
        }
        return index
    }

    private func assemble(_ index: Int) -> Section {
        var section = drafts[index].section
        section.children = drafts[index].children.map(assemble)
        return section
    }
}
