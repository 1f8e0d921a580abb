import ReportKit
import ReportKitTesting
import SectionsProcessor
import Testing

/// The tree is split beside dedupe; what the chain files must be the tree of the text the step is given.
@Suite struct SectionsHeadStartTests {
    static let first = "青禾县农业农村局2023年法治政府建设工作报告\n一、主要举措\n(一)压实责任。全年召开会议4次。\n二、存在问题\n执法力量不足。"
    static let second = "青禾县司法局2023年法治政府建设工作报告\n一、基本情况\n二、下一步打算\n(一)加强学习。\n(二)规范执法。"

    @Test func theChainFilesTheTreeOfTheTextAsRead() async {
        let result = await EmbeddedPipeline([ShippedSplitter.splitter]).feed(Self.first)
        #expect(!result.document.sections.isEmpty)
        #expect(result.document.sections == ShippedSplitter.split(Self.first))
    }

    @Test func aTextChangedBeforeTheStepIsSplitAgain() async {
        let result = await EmbeddedPipeline([RewritingStep(text: Self.second), ShippedSplitter.splitter]).feed(Self.first)
        #expect(result.document.sections == ShippedSplitter.split(Self.second))
        #expect(result.document.sections != ShippedSplitter.split(Self.first))
    }
}
