import Foundation
import ReportIntake
import Testing

@Suite struct FormatTests {
    @Test(arguments: ReportFixtures.reports.keys.sorted())
    func everyFormatGivesTheSameTextAndMetadata(fixture: String) throws {
        let report = try #require(ReportFixtures.reports[fixture])
        let plain = try ReportFixtures.read(Data(report.utf8), name: "report.txt")
        let variants: [(String, Data, String)] = [
            ("report.md", ReportFixtures.markdown(report), "md"),
            ("report.html", ReportFixtures.htmlPage(report), "html"),
            ("report.htm", ReportFixtures.utf16WithBOM(ReportFixtures.htmlPage(report)), "html"),
            ("report.docx", try ReportFixtures.docx(report), "docx"),
        ]
        #expect(plain.source.format == "txt")
        for (name, data, format) in variants {
            let document = try ReportFixtures.read(data, name: name)
            #expect(document.text == plain.text, "\(name)")
            #expect(document.meta == plain.meta, "\(name)")
            #expect(document.source.format == format)
        }
    }

    @Test func htmlIsRecognisedByItsContentWhateverItsName() throws {
        let document = try ReportFixtures.read(ReportFixtures.htmlPage("一、总体情况"), name: "saved-from-site.doc")
        #expect(document.source.format == "html")
        #expect(document.text == "一、总体情况\n")
    }

    @Test func htmlBodyTextDropsScriptsStylesCommentsAndNavigation() throws {
        let page = """
            <!DOCTYPE html><html><head><title>页面标题</title><style>p { color: red }</style>
            <script>var s = "<p>脚本里的段落</p>"; if (a < b) {}</script></head>
            <BODY><nav>首页 | 政务公开</nav><div class="content" data-note="a>b" title='x">y'>
            <h1>报告标题</h1><p>第一段&nbsp;内容&amp;说明&#x4E00;&#19968;&ldquo;引号&rdquo;&#150;&unknown;</p>
            <!-- 注释 <p>隐藏的段落</p> --><p>第二行<br>第三行<br/></p><p>跨行
            的中文 与 English
            words</p>
            <table><tr><th>项目</th><td>数量</td></tr><tr><td>案件</td><td> 28 </td></tr></table>
            <pre>  保留  两个空格
            下一行</pre><ul><li>条目一</li><li>条目二</li></ul>
            <script type="text/javascript">document.write("<p>不要</p>")</script></div></body></html>
            """
        let document = try ReportFixtures.read(Data(page.utf8), name: "page.html")
        #expect(document.text == """
            报告标题
            第一段 内容&说明一一“引号”–&unknown;
            第二行
            第三行
            跨行的中文 与 English words
            项目\t数量
            案件\t28
            保留  两个空格
            下一行
            条目一
            条目二

            """)
    }

    @Test func docxParagraphsRunsTabsBreaksAndTablesBecomeLines() throws {
        let body = """
            <w:p><w:r><w:t>石峰市</w:t></w:r><w:r><w:t xml:space="preserve">交通运输局 </w:t></w:r>\
            <w:r><w:tab/><w:t>报告</w:t></w:r></w:p>\
            <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>\
            <w:p><w:del><w:r><w:delText>删去的字</w:delText></w:r></w:del><w:r><w:t>保留的字&amp;符号</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:p><w:r><w:t>案件</w:t></w:r></w:p><w:p><w:r><w:t>（含简易程序）</w:t></w:r></w:p></w:tc>\
            <w:tc><w:p><w:r><w:t>28</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>文本框</w:t></mc:Choice>\
            <mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>\
            <w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
            """
        let document = try ReportFixtures.read(try ReportFixtures.docx(body: body), name: "report.docx")
        #expect(document.text == "石峰市交通运输局 \t报告\n第一行\n第二行\n保留的字&符号\n项目\t数量\n案件 (含简易程序)\t28\n文本框\n")
        #expect(document.source.encoding == "utf-8")
    }

    @Test func docxListNumberingGivesParagraphsTheirLabels() throws {
        let numbering = """
            <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:abstractNum w:abstractNumId="0">\
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>\
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>\
            <w:suff w:val="nothing"/></w:lvl>\
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>\
            </w:abstractNum>\
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/>\
            <w:lvlText w:val="第%1部分"/><w:suff w:val="space"/></w:lvl></w:abstractNum>\
            <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>\
            </w:abstractNum>\
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>\
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
            <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>\
            <w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>\
            </w:lvlOverride></w:num>\
            </w:numbering>
            """
        let styles = """
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:style w:type="paragraph" w:styleId="Part"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>\
            <w:style w:type="paragraph" w:styleId="PartTitle"><w:basedOn w:val="Part"/></w:style>\
            </w:styles>
            """
        func paragraph(_ text: String, numId: Int? = nil, level: Int = 0, style: String? = nil) -> String {
            let numPr = numId.map { "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\($0)\"/></w:numPr>" } ?? ""
            let pStyle = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
            return "<w:p><w:pPr>\(pStyle)\(numPr)<w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>\(text)</w:t></w:r></w:p>"
        }
        let body = [
            paragraph("总体情况", style: "PartTitle"),
            paragraph("主要工作", numId: 1), paragraph("强化领导。", numId: 1, level: 1),
            paragraph("完善制度。", numId: 1, level: 1), paragraph("修订办法", numId: 1, level: 2),
            paragraph("存在问题", numId: 1), paragraph("学法不深。", numId: 1, level: 1),
            paragraph("要点", numId: 3), paragraph("不编号", numId: 0, style: "Part"), paragraph("续编", numId: 4),
        ].joined()
        let data = try ReportFixtures.docx(body: body, extraEntries: [
            ("word/numbering.xml", Data(numbering.utf8)), ("word/styles.xml", Data(styles.utf8)),
        ])
        let document = try ReportFixtures.read(data, name: "numbered.docx")
        #expect(document.text == """
            第一部分 总体情况
            一、主要工作
            (一)强化领导。
            (二)完善制度。
            1.修订办法
            二、存在问题
            (一)学法不深。
            要点
            不编号
            三、续编

            """)
    }

    @Test func markdownHeadingsRulesAndQuotesLoseTheirMarks() throws {
        let markdown = "# 报告\n\n## 一、总体情况\n\n> 引用的话\n\n---\n正文 **加粗** #不是标题\n"
        let document = try ReportFixtures.read(Data(markdown.utf8), name: "report.md")
        #expect(document.text == "报告\n一、总体情况\n引用的话\n正文 **加粗** #不是标题\n")
    }
}
