import ReportKit
import SectionsProcessor
import Testing

@Suite("Cost in the length of the text")
struct LinearTimeTests {
    /// A stretch of report with every construct the splitter reads, and some that tempt it to look back.
    static let block = """
    一、强化制度建设
    （一）完善议事规则。全年召开局务会议八次。一是规范程序；二是公开结果。
    1.落实会前学法
    三、工作亮点
    一、审批提速。办理时限明显压缩。
    二、存在的问题
    虽有进展，但还存在一些问题和不足，主要表现在：一是力量薄弱；二是手段单一。
    2025年，我局将重点做好以下工作：一方面，健全机制。一是完善制度；另一方面，强化培训。一是集中轮训。
    \(String(repeating: "各科室按季度报送进展情况并动态更新工作台账，", count: 40))
    \(String(repeating: "一是：", count: 30))

    """

    static func bestTime(of text: String) -> Duration {
        let splitter = ShippedSplitter.splitter
        return (0..<3).map { _ in ContinuousClock().measure { _ = splitter.split(text) } }.min()!
    }

    @Test("eight times the text takes about eight times as long, not sixty-four")
    func linear() {
        let small = String(repeating: Self.block, count: 40)
        let large = String(repeating: Self.block, count: 320)
        let ratio = Self.bestTime(of: large) / Self.bestTime(of: small)
        #expect(ratio < 20, "8× the text took \(ratio)× as long")
    }

    @Test("one long run of restarted lists does not deepen the tree without end")
    func boundedDepth() {
        let text = String(repeating: "一、要点如下\n", count: 2000) + String(repeating: "一是：", count: 2000)
        let depth = ShippedSplitter.split(text).flattened.map(\.level).max() ?? 0
        #expect(depth <= 8)
    }
}
