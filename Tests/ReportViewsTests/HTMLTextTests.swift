import Foundation
import ReportViews
import Testing

@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("法治政府建设年度报告", "法治政府建设年度报告"),
        ("<b>甲&乙</b>", "&lt;b&gt;甲&amp;乙&lt;/b&gt;"),
        ("他说\"好\"，'是'", "他说&quot;好&quot;，&#39;是&#39;"),
        ("行一\n行二\t制表\r", "行一\n行二\t制表\r"),
        ("控\u{1}制\u{7F}符", "控\u{FFFD}制\u{FFFD}符"),
        ("C1\u{85}与\u{9F}止", "C1\u{FFFD}与\u{FFFD}止"),
        ("非字符\u{FFFE}\u{FFFF}", "非字符\u{FFFD}\u{FFFD}"),
        ("保留\u{A0}与\u{FFFD}及😀", "保留\u{A0}与\u{FFFD}及😀"),
        ("末尾&", "末尾&amp;"),
        ("", ""),
    ])
    func escapesMarkupControlsAndNonCharactersOnly(text: String, expected: String) {
        #expect(HTMLText.escape(text) == expected)
    }

    @Test func hrefEncodesEachComponentAsAPathSegment() {
        #expect(HTMLText.href(["..", "archive", "甲 局#1?", "2023", "a%b;c", "report.html"])
            == "../archive/%E7%94%B2%20%E5%B1%80%231%3F/2023/a%25b%3Bc/report.html")
    }

    @Test(arguments: ["澄渠县科技局", "a b/c", "x?y#z%w;v", "!$&'()*+,-.:=@_~", "\u{1}\u{7F}é😀", "[]{}|^`\"<>", ".."])
    func hrefKeepsWhatFoundationKeepsInAPath(component: String) {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        let foundation = component == ".." ? component : component.addingPercentEncoding(withAllowedCharacters: allowed)
        #expect(HTMLText.href([component]) == foundation)
    }
}
