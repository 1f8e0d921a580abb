/// Phrases that hold a number and are no metric (三重一大, 十四五, 1+10), found from the number inside them.
public final class SetPhraseTable: Sendable {
    private struct Anchor: Sendable {
        let scalars: [Unicode.Scalar]
        let offset: Int
    }

    /// Each phrase under the first numeral or digit it holds, with that scalar's offset.
    private let anchors: ScalarIndex<[Anchor]>
    let ordinalPrefixes: ScalarPhraseSet<Bool>
    let notUnits: ScalarPhraseSet<Bool>

    public init(phrases: [String], ordinalPrefixes: [String], notUnits: [String] = []) {
        var anchors: [Unicode.Scalar: [Anchor]] = [:]
        for phrase in phrases {
            let scalars = Array(phrase.unicodeScalars)
            guard let offset = scalars.firstIndex(where: NumberReader.startsNumber) else { continue }
            anchors[scalars[offset], default: []].append(Anchor(scalars: scalars, offset: offset))
        }
        self.anchors = ScalarIndex(anchors.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } })
        self.ordinalPrefixes = ScalarPhraseSet(ordinalPrefixes)
        self.notUnits = ScalarPhraseSet(notUnits)
    }

    /// Whether a word that makes the number before it no metric (周年) is written at `start`.
    func isNotUnit(at start: Int, in text: [Unicode.Scalar]) -> Bool {
        notUnits.match(at: start, in: text) != nil
    }

    /// The end of the set phrase whose first number starts at `start`, if one is written there.
    func phraseEnd(numberAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard let candidates = anchors[text[start]] else { return nil }
        for anchor in candidates {
            let origin = start - anchor.offset
            guard origin >= 0, origin + anchor.scalars.count <= text.count else { continue }
            if text[origin..<(origin + anchor.scalars.count)].elementsEqual(anchor.scalars) { return origin + anchor.scalars.count }
        }
        return nil
    }

    /// Whether the number at `start` follows 第, 周, 〔 or another word that makes it no count.
    func followsOrdinalPrefix(_ start: Int, in text: [Unicode.Scalar]) -> Bool {
        ordinalPrefixes.match(endingAt: start, in: text, floor: max(0, start - 4)) != nil
    }
}
